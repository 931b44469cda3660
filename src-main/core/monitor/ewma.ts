/**
 * Exponentially weighted moving average and variance (Finch, "Incremental calculation of
 * weighted mean and variance", 2009), and a z-like score of how far a new observation sits
 * from them. Immutable state, pure functions: the caller owns the state and the cadence.
 */

export interface EwmaState {
  readonly mean: number;
  readonly variance: number;
  /** Observations folded in so far. */
  readonly count: number;
}

export const EMPTY_EWMA: EwmaState = { mean: 0, variance: 0, count: 0 };

/**
 * Fold one observation in. `alpha` (0..1] is the weight of the new observation: larger
 * follows changes faster, smaller remembers longer (roughly the last 2/alpha observations).
 */
export function ewmaUpdate(state: EwmaState, x: number, alpha: number): EwmaState {
  if (state.count === 0) return { mean: x, variance: 0, count: 1 };
  const diff = x - state.mean;
  const increment = alpha * diff;
  return {
    mean: state.mean + increment,
    variance: (1 - alpha) * (state.variance + diff * increment),
    count: state.count + 1,
  };
}

/**
 * Floors for the deviation used in the score. Without them a perfectly steady signal has
 * variance 0 and the smallest wobble scores Infinity.
 */
export interface DeviationFloor {
  /** Absolute floor, in the observation's unit. */
  readonly minStd: number;
  /** Floor as a fraction of |mean|: a 5 % wobble around 100 is as normal as around 10. */
  readonly minStdRatio: number;
}

/** Signed distance of x from the mean in (floored) standard deviations. 0 before any observation. */
export function ewmaScore(state: EwmaState, x: number, floor: DeviationFloor): number {
  if (state.count === 0) return 0;
  const std = Math.max(Math.sqrt(Math.max(0, state.variance)), floor.minStd, floor.minStdRatio * Math.abs(state.mean));
  if (std === 0) return x === state.mean ? 0 : Math.sign(x - state.mean) * Number.MAX_VALUE;
  return (x - state.mean) / std;
}
