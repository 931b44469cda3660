/**
 * Outlier detectors for the signals MISSION.md names (output rate, heartbeat gaps, task
 * durations), built on EWMA / EWMVar. Each detector is an immutable state carrying its own
 * config; `score(state, x)` answers how unusual x is against the history *before* x, then
 * folds x in, so a lasting change becomes the new normal after a while.
 */

import { EMPTY_EWMA, ewmaScore, ewmaUpdate, type EwmaState } from './ewma';

/** Which side counts as anomalous: a slow task matters, a fast one does not. */
export type Direction = 'high' | 'low' | 'both';

export interface DetectorConfig {
  /** What is measured, for event reasons. */
  readonly signal: string;
  /** EWMA weight of a new observation, 0..1. */
  readonly alpha: number;
  /** No score until this many observations: the first few say nothing about "normal". */
  readonly warmupSamples: number;
  /** |score| at or above this is anomalous. */
  readonly threshold: number;
  readonly direction: Direction;
  /** 'log' for positive, right-skewed quantities (durations, gaps), where doubling matters, not +N ms. */
  readonly transform: 'identity' | 'log';
  readonly minStd: number;
  readonly minStdRatio: number;
}

export interface DetectorState {
  readonly config: DetectorConfig;
  readonly ewma: EwmaState;
}

export interface ScoreResult {
  readonly state: DetectorState;
  /** Signed z-like score in the transformed space; null while warming up. */
  readonly score: number | null;
  readonly anomalous: boolean;
}

/** Three standard deviations: the classic control-chart limit, rare (< 0.3 %) for a steady signal. */
export const ANOMALY_Z_THRESHOLD = 3;
/** Ten observations before judging: fewer gives a variance too noisy to trust. */
export const ANOMALY_WARMUP_SAMPLES = 10;
/** Weight 0.1 ≈ memory of the last ~20 observations: steady enough to not chase noise, quick enough to accept a new normal. */
export const ANOMALY_ALPHA = 0.1;
/** In log space 0.05 ≈ a 5 % change: jitter below that is never an anomaly, however steady the history. */
const LOG_MIN_STD = 0.05;

export function createDetector(config: DetectorConfig): DetectorState {
  return { config, ewma: EMPTY_EWMA };
}

/** Output rate in bytes per second of a session's pty; a flood (loop) or a sudden drop both matter. */
export function createOutputRateDetector(overrides: Partial<DetectorConfig> = {}): DetectorState {
  return createDetector({
    signal: 'output_rate',
    alpha: ANOMALY_ALPHA,
    warmupSamples: ANOMALY_WARMUP_SAMPLES,
    threshold: ANOMALY_Z_THRESHOLD,
    direction: 'both',
    transform: 'identity',
    // 64 B/s: a cursor blink or spinner frame is not news on an otherwise quiet terminal.
    minStd: 64,
    minStdRatio: 0.05,
    ...overrides,
  });
}

/** Gaps between heartbeats, ms; only a longer gap is a warning sign. */
export function createHeartbeatGapDetector(overrides: Partial<DetectorConfig> = {}): DetectorState {
  return createDetector({
    signal: 'heartbeat_gap',
    alpha: ANOMALY_ALPHA,
    warmupSamples: ANOMALY_WARMUP_SAMPLES,
    threshold: ANOMALY_Z_THRESHOLD,
    direction: 'high',
    transform: 'log',
    minStd: LOG_MIN_STD,
    minStdRatio: 0,
    ...overrides,
  });
}

/** Task durations, ms; only a task taking far longer than usual is a warning sign. */
export function createTaskDurationDetector(overrides: Partial<DetectorConfig> = {}): DetectorState {
  return createDetector({
    signal: 'task_duration',
    alpha: ANOMALY_ALPHA,
    // Tasks are few per session; five gives a first baseline within a working session.
    warmupSamples: 5,
    threshold: ANOMALY_Z_THRESHOLD,
    direction: 'high',
    transform: 'log',
    // Task lengths vary a lot by nature: demand at least ~25 % spread before flagging.
    minStd: 0.25,
    minStdRatio: 0,
    ...overrides,
  });
}

const transform = (config: DetectorConfig, x: number): number =>
  // log1p keeps 0 finite (a 0 ms gap or a 0 B/s rate is a real observation).
  config.transform === 'log' ? Math.log1p(Math.max(0, x)) : x;

const crosses = (direction: Direction, z: number, threshold: number): boolean =>
  direction === 'high' ? z >= threshold : direction === 'low' ? -z >= threshold : Math.abs(z) >= threshold;

export function score(state: DetectorState, x: number): ScoreResult {
  const { config } = state;
  // A NaN/Infinity reading is a broken measurement, not an anomaly of the agent: leave the state alone.
  if (!Number.isFinite(x)) return { state, score: null, anomalous: false };
  const y = transform(config, x);
  const warm = state.ewma.count >= config.warmupSamples;
  const z = warm ? ewmaScore(state.ewma, y, config) : null;
  const next: DetectorState = { config, ewma: ewmaUpdate(state.ewma, y, config.alpha) };
  return { state: next, score: z, anomalous: z !== null && crosses(config.direction, z, config.threshold) };
}
