import { SessionId } from '../../../../src-preload/contract/session';

/** Below this a lease is about to lapse: the countdown turns to a warning colour. */
export const EXPIRING_SOON_MS = 5_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "9s", "4m 05s", "1h 02m": whole seconds, rounded down, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h}h ${pad2(m)}m`;
  if (m > 0) return `${m}m ${pad2(sec)}s`;
  return `${sec}s`;
}

export type TimeLeftTone = 'ok' | 'warn' | 'expired';

export interface TimeLeft {
  readonly text: string;
  readonly tone: TimeLeftTone;
}

/**
 * The countdown to `expiresAt`. Rounds up so "1s" shows until the last
 * millisecond; a lease past its time is "expired" until the core reclaims it
 * (reclaiming happens on the next lock operation, so the row can linger).
 */
export function timeLeft(expiresAt: number, now: number): TimeLeft {
  const ms = expiresAt - now;
  if (ms <= 0) return { text: 'expired', tone: 'expired' };
  return { text: formatDuration(Math.ceil(ms / 1_000) * 1_000), tone: ms <= EXPIRING_SOON_MS ? 'warn' : 'ok' };
}

/** How long a waiter has been queued. */
export function waitedFor(enqueuedAt: number, now: number): string {
  return formatDuration(now - enqueuedAt);
}

export interface OwnerLabel {
  /** What the table shows: the session's name when the owner is a known session. */
  readonly label: string;
  /** The tooltip: always the raw owner, so two sessions with one name stay apart. */
  readonly title: string;
  readonly kind: 'session' | 'unknown-session' | 'other';
}

/** Owners are usually session ids; CLI users and tests use any printable name. */
export function ownerLabel(owner: string, sessionName: (id: string) => string | undefined): OwnerLabel {
  if (!SessionId.safeParse(owner).success) return { label: owner, title: owner, kind: 'other' };
  const name = sessionName(owner);
  if (name === undefined) return { label: owner, title: `${owner} (session not known here)`, kind: 'unknown-session' };
  return { label: name, title: owner, kind: 'session' };
}

/** "1 waiter", "3 waiters". */
export function waitersLabel(n: number): string {
  return n === 1 ? '1 waiter' : `${n} waiters`;
}

