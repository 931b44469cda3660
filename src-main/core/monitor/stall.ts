/**
 * Stall detection (MISSION.md: "a stalled session"): an agent that says it is busy while its
 * screen has not changed for `stallMs`. Busy agents redraw (spinner, elapsed timer, streamed
 * output), so a frozen busy screen means a hung CLI, a lost network call or a wedged tool.
 * Pure: the caller passes the times; it can schedule its next look at `checkAgainAt`.
 */

import type { ScreenState } from '../agents/screen/types';

/**
 * Two minutes: busy agents redraw at least every second, so this is far beyond normal, and it
 * matches the 120 s per-attempt task timeout of MISSION.md.
 */
export const DEFAULT_STALL_MS = 120_000;

export interface StallInput {
  /** When the rendered screen last changed, ms. */
  readonly lastScreenChangeAt: number;
  readonly state: ScreenState;
  /** When the agent became busy, if known: silence counts from the later of this and the last change. */
  readonly busySince?: number | null;
  readonly now: number;
  readonly stallMs?: number;
}

export type StallVerdict =
  | {
      readonly stalled: true;
      /** Silent since (last screen change, or going busy if later). */
      readonly silentSince: number;
      /** When the silence crossed stallMs. */
      readonly stalledSince: number;
      readonly silentMs: number;
      readonly reason: string;
    }
  | {
      readonly stalled: false;
      readonly reason: 'not_busy' | 'recent_change';
      readonly silentMs: number;
      /** When it would count as stalled if nothing changes (null when not busy). */
      readonly checkAgainAt: number | null;
    };

export function detectStall(input: StallInput): StallVerdict {
  const stallMs = input.stallMs ?? DEFAULT_STALL_MS;
  const silentSince = Math.max(input.lastScreenChangeAt, input.busySince ?? Number.NEGATIVE_INFINITY);
  // A timestamp from the future (clock step, reordered event) means "just changed", never negative silence.
  const silentMs = Math.max(0, input.now - silentSince);
  if (input.state !== 'busy') return { stalled: false, reason: 'not_busy', silentMs, checkAgainAt: null };
  if (silentMs < stallMs) return { stalled: false, reason: 'recent_change', silentMs, checkAgainAt: silentSince + stallMs };
  return {
    stalled: true,
    silentSince,
    stalledSince: silentSince + stallMs,
    silentMs,
    reason: `Busy with no screen change for ${Math.round(silentMs / 1000)} s (stall limit ${Math.round(stallMs / 1000)} s).`,
  };
}
