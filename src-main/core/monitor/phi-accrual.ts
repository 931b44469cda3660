/**
 * Phi-accrual failure detector (Hayashibara, Défago, Yared, Katayama, 2004) over heartbeat
 * intervals. Instead of "missed N heartbeats", phi is a suspicion level on a continuous
 * scale: phi = −log10 P(a heartbeat arrives later than the silence seen so far), with the
 * interval distribution estimated from a bounded window of recent intervals. phi 1 ≈ 10 %
 * chance of a false suspicion, phi 2 ≈ 1 %, phi 8 ≈ 10⁻⁸.
 *
 * Immutable state, pure functions: the caller records heartbeats and asks with its own clock.
 */

export interface PhiConfig {
  /** Bounded window: the oldest interval drops out beyond this many. */
  readonly maxSamples: number;
  /** Until this many intervals are known, the estimate is seeded from `expectedIntervalMs`. */
  readonly minSamples: number;
  /** The heartbeat interval the sender promises; seeds the estimate (std = a quarter of it). */
  readonly expectedIntervalMs: number;
  /** Floor on the standard deviation, so a metronome-regular history does not suspect on a few ms of delay. */
  readonly minStdMs: number;
  /** Extra silence tolerated before suspicion rises, added to the mean. */
  readonly acceptablePauseMs: number;
}

export interface PhiState {
  readonly config: PhiConfig;
  /** Recent inter-arrival times, oldest first, at most config.maxSamples. */
  readonly intervals: readonly number[];
  readonly lastHeartbeatAt: number | null;
}

/** Akka's and Cassandra's default: a false suspicion under the model is ~10⁻⁸ likely. */
export const PHI_SUSPECT_THRESHOLD = 8;
/** 100 intervals: at a few seconds per beat, the last several minutes — recent enough to track load. */
export const PHI_MAX_SAMPLES = 100;
/** Fewer than 3 real intervals give no usable spread; the seed fills in until then. */
export const PHI_MIN_SAMPLES = 3;
/** The session heartbeat cadence the core expects, ms. */
export const PHI_EXPECTED_INTERVAL_MS = 1_000;
/** 100 ms: timer and IPC jitter on a loaded desktop. */
export const PHI_MIN_STD_MS = 100;
/** 1 s: a GC pause or a busy event loop is not a dead agent. */
export const PHI_ACCEPTABLE_PAUSE_MS = 1_000;
/** −log10 of the smallest positive double: phi saturates here instead of reaching Infinity (keeps events JSON-safe). */
export const PHI_MAX = -Math.log10(Number.MIN_VALUE);

export const DEFAULT_PHI_CONFIG: PhiConfig = {
  maxSamples: PHI_MAX_SAMPLES,
  minSamples: PHI_MIN_SAMPLES,
  expectedIntervalMs: PHI_EXPECTED_INTERVAL_MS,
  minStdMs: PHI_MIN_STD_MS,
  acceptablePauseMs: PHI_ACCEPTABLE_PAUSE_MS,
};

export function createPhiDetector(overrides: Partial<PhiConfig> = {}): PhiState {
  return { config: { ...DEFAULT_PHI_CONFIG, ...overrides }, intervals: [], lastHeartbeatAt: null };
}

/** Record a heartbeat at `at`. A heartbeat not after the last one (reordered, duplicate) changes nothing. */
export function heartbeat(state: PhiState, at: number): PhiState {
  if (state.lastHeartbeatAt === null) return { ...state, lastHeartbeatAt: at };
  const interval = at - state.lastHeartbeatAt;
  if (!(interval > 0)) return state;
  const intervals = [...state.intervals, interval].slice(-state.config.maxSamples);
  return { ...state, intervals, lastHeartbeatAt: at };
}

/** Mean and standard deviation of the interval estimate (seeded while samples are few). */
export function intervalStats(state: PhiState): { mean: number; std: number } {
  const { config, intervals } = state;
  const seeded = intervals.length < config.minSamples;
  // The seed counts as two samples of the expected interval: enough to anchor, quickly outvoted.
  const samples = seeded ? [...intervals, config.expectedIntervalMs, config.expectedIntervalMs] : intervals;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length;
  const seedStd = seeded ? config.expectedIntervalMs / 4 : 0;
  return { mean, std: Math.max(Math.sqrt(variance), config.minStdMs, seedStd) };
}

/**
 * Suspicion after `sinceLastHeartbeatMs` of silence. 0 before the first heartbeat (nothing is
 * promised yet). Non-decreasing in the silence, capped at PHI_MAX.
 */
export function phi(state: PhiState, sinceLastHeartbeatMs: number): number {
  if (state.lastHeartbeatAt === null) return 0;
  const { mean, std } = intervalStats(state);
  const y = (Math.max(0, sinceLastHeartbeatMs) - (mean + state.config.acceptablePauseMs)) / std;
  // Logistic approximation of the normal tail (as in Akka): P(later than t) without erf.
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  const pLater = y > 0 ? e / (1 + e) : 1 - 1 / (1 + e);
  return Math.min(PHI_MAX, -Math.log10(Math.max(pLater, Number.MIN_VALUE)));
}

/** Whether the silence since the last heartbeat makes the sender suspect. */
export function suspect(state: PhiState, sinceLastHeartbeatMs: number, threshold: number = PHI_SUSPECT_THRESHOLD): boolean {
  return phi(state, sinceLastHeartbeatMs) >= threshold;
}
