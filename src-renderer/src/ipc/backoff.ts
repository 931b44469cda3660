/** First retry soon: most drops are a server restart that is back within a second. */
export const RECONNECT_BASE_MS = 250;
/** Cap so a person never waits long after the server is back. */
export const RECONNECT_MAX_MS = 5_000;

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential with "full
 * jitter" in the upper half, so many tabs reconnecting to a restarted server
 * do not arrive in lock-step.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
