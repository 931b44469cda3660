/**
 * When a supervised session exits, should it be restarted, after how long, or is it time to
 * stop and tell the person? (DESIGN.md §6, MISSION.md "Errors and recovery".)
 *
 * Pure: no clock, no randomness of its own. The caller passes `now`, the timestamps of the
 * previous restarts and a `random` source for jitter, so a decision can be replayed exactly.
 */

export type RestartOn = 'always' | 'on-failure' | 'never';

export interface RestartPolicy {
  /** Restart intensity: at most this many restarts inside `windowMs`; one more → give up. */
  readonly maxRestarts: number;
  /** Intensity window (OTP's MaxT), ms. */
  readonly windowMs: number;
  /** Delay before the first restart of a streak, ms; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Cap on the un-jittered delay, ms. */
  readonly maxDelayMs: number;
  /** 0..1: the delay is stretched by up to this fraction, so sessions that crashed together do not restart in lock-step. */
  readonly jitterRatio: number;
  readonly restartOn: RestartOn;
  /** A run that stayed up at least this long was healthy: the next restart starts the backoff over, ms. */
  readonly healthyUptimeMs: number;
}

export interface ExitInfo {
  /** Exit code, or null when the process was ended by a signal. */
  readonly code: number | null;
  readonly signal: string | null;
  /** A person stopped or killed it: never restart against their wish. */
  readonly requested: boolean;
  /** How long this run was up, ms. */
  readonly uptimeMs: number;
}

export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly attempt: number; readonly reason: string }
  | { readonly action: 'give_up'; readonly reason: string }
  | { readonly action: 'none'; readonly reason: string };

/** MISSION.md: "up to 3" restarts/retries. */
export const DEFAULT_MAX_RESTARTS = 3;
/**
 * Ten minutes: a crash loop from a bad config or a broken CLI burns its 3 restarts within
 * seconds (1 s + 2 s + 4 s of backoff plus start-up), while a session that fails now and then
 * over an afternoon keeps being restarted.
 */
export const DEFAULT_RESTART_WINDOW_MS = 10 * 60_000;
/** MISSION.md: backoff 1 s, 2 s, 4 s. */
export const DEFAULT_RESTART_BASE_DELAY_MS = 1_000;
/** MISSION.md: the third and last step is 4 s; the cap keeps custom policies with more restarts from waiting minutes. */
export const DEFAULT_RESTART_MAX_DELAY_MS = 4_000;
/** Up to +20 %: enough to spread sessions that died together (network drop), small enough to keep 1 s / 2 s / 4 s recognisable. */
export const DEFAULT_RESTART_JITTER_RATIO = 0.2;
/**
 * Two minutes up means the agent got past start-up and did real work (a task attempt times out
 * at 120 s, MISSION.md); a later crash is a new problem, not the same loop, so backoff restarts at 1 s.
 */
export const HEALTHY_UPTIME_MS = 120_000;

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: DEFAULT_MAX_RESTARTS,
  windowMs: DEFAULT_RESTART_WINDOW_MS,
  baseDelayMs: DEFAULT_RESTART_BASE_DELAY_MS,
  maxDelayMs: DEFAULT_RESTART_MAX_DELAY_MS,
  jitterRatio: DEFAULT_RESTART_JITTER_RATIO,
  restartOn: 'on-failure',
  healthyUptimeMs: HEALTHY_UPTIME_MS,
};

/** No jitter: the default `random` for callers (and tests) that want the bare schedule. */
export const NO_JITTER = (): number => 0;

/** Problems with a policy (empty when valid), for validating user settings at the boundary. */
export function validateRestartPolicy(p: RestartPolicy): string[] {
  const errors: string[] = [];
  const nonNegative = (name: keyof RestartPolicy, v: number): void => {
    if (!Number.isFinite(v) || v < 0) errors.push(`${name} must be a finite number ≥ 0 (got ${v}).`);
  };
  if (!Number.isInteger(p.maxRestarts) || p.maxRestarts < 0) errors.push(`maxRestarts must be an integer ≥ 0 (got ${p.maxRestarts}).`);
  nonNegative('windowMs', p.windowMs);
  nonNegative('baseDelayMs', p.baseDelayMs);
  nonNegative('maxDelayMs', p.maxDelayMs);
  nonNegative('healthyUptimeMs', p.healthyUptimeMs);
  if (!(p.jitterRatio >= 0 && p.jitterRatio <= 1)) errors.push(`jitterRatio must be within 0..1 (got ${p.jitterRatio}).`);
  if (p.baseDelayMs > p.maxDelayMs) errors.push(`baseDelayMs (${p.baseDelayMs}) exceeds maxDelayMs (${p.maxDelayMs}).`);
  return errors;
}

/** Un-jittered delay of the given attempt (1-based): base × 2^(attempt−1), capped at maxDelayMs. */
export function backoffDelayMs(policy: Pick<RestartPolicy, 'baseDelayMs' | 'maxDelayMs'>, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  // A zero base stays zero (0 × 2^1024 would be 0 × Infinity = NaN); otherwise an overflow to
  // Infinity is harmless because Math.min yields the cap.
  if (policy.baseDelayMs <= 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** The delay stretched by jitterRatio × r, with r from `random` clamped into [0, 1]. */
export function withJitter(delayMs: number, jitterRatio: number, random: () => number): number {
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(delayMs * (1 + jitterRatio * (Number.isFinite(r) ? r : 0)));
}

/** Restarts inside the intensity window ending at `now` (timestamps after `now` are ignored). */
export function restartsInWindow(recentRestarts: readonly number[], windowMs: number, now: number): number {
  return recentRestarts.filter((t) => t <= now && now - t < windowMs).length;
}

const isCleanExit = (exit: ExitInfo): boolean => exit.code === 0 && exit.signal === null;

const describeExit = (exit: ExitInfo): string =>
  exit.signal !== null ? `signal ${exit.signal}` : exit.code === null ? 'unknown status' : `exit code ${exit.code}`;

export function decide(
  policy: RestartPolicy,
  exit: ExitInfo,
  recentRestarts: readonly number[],
  now: number,
  random: () => number = NO_JITTER,
): RestartDecision {
  if (exit.requested) return { action: 'none', reason: `Stopped by a person (${describeExit(exit)}); not restarting.` };
  if (policy.restartOn === 'never') return { action: 'none', reason: `Policy never restarts (${describeExit(exit)}).` };
  if (policy.restartOn === 'on-failure' && isCleanExit(exit)) {
    return { action: 'none', reason: 'Exited cleanly (code 0); policy restarts on failure only.' };
  }

  const inWindow = restartsInWindow(recentRestarts, policy.windowMs, now);
  // This restart would be number inWindow + 1; OTP gives up when that exceeds the intensity.
  if (inWindow >= policy.maxRestarts) {
    return {
      action: 'give_up',
      reason: `${describeExit(exit)}: ${inWindow} restart(s) in the last ${Math.round(policy.windowMs / 1000)} s already (limit ${policy.maxRestarts}); giving up.`,
    };
  }

  const healthy = exit.uptimeMs >= policy.healthyUptimeMs;
  const attempt = healthy ? 1 : inWindow + 1;
  const delayMs = withJitter(backoffDelayMs(policy, attempt), policy.jitterRatio, random);
  const why = healthy ? `after a healthy run of ${Math.round(exit.uptimeMs / 1000)} s` : `attempt ${attempt} of ${policy.maxRestarts}`;
  return { action: 'restart', delayMs, attempt, reason: `${describeExit(exit)}; restarting in ${delayMs} ms (${why}).` };
}
