import { timingSafeEqual } from 'node:crypto';
import { newSecret } from '../../lib/ids';

/** Header in which an agent's tool calls carry its session's agent token. */
export const AGENT_TOKEN_HEADER = 'x-dual-orch-agent';

/**
 * Per-session credentials for the agent-tools channel. A token names its
 * session (`<sessionId>.<secret>`) so the check is one constant-time compare,
 * and each start gets a fresh one: a token copied out of an ended run opens nothing.
 */
export class AgentTokens {
  private readonly secrets = new Map<string, string>();

  /** A fresh token for a session's (re)start; the previous one stops working at once. */
  issue(sessionId: string): string {
    const secret = newSecret();
    this.secrets.set(sessionId, secret);
    return `${sessionId}.${secret}`;
  }

  revoke(sessionId: string): void {
    this.secrets.delete(sessionId);
  }

  /** The current token of a live session (tests and diagnostics). */
  tokenFor(sessionId: string): string | null {
    const s = this.secrets.get(sessionId);
    return s === undefined ? null : `${sessionId}.${s}`;
  }

  /** The session a presented token belongs to, or null. */
  resolve(token: unknown): string | null {
    if (typeof token !== 'string') return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const sessionId = token.slice(0, dot);
    const expected = this.secrets.get(sessionId);
    if (expected === undefined) return null;
    const a = Buffer.from(expected, 'utf8');
    const b = Buffer.from(token.slice(dot + 1), 'utf8');
    return a.length === b.length && timingSafeEqual(a, b) ? sessionId : null;
  }
}
