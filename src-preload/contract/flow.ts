/**
 * Terminal flow-control constants shared by core and renderer (DESIGN.md §3).
 * Values follow VS Code's terminal: large enough that a fast producer never
 * stalls on round-trips, small enough that a flood cannot pile up unbounded
 * in the transport or the renderer.
 */

/** Pause the pty once a client has this many chars sent but not yet parsed. */
export const HIGH_WATERMARK_CHARS = 100_000;
/** Resume the pty once every client is back under this many unacked chars. */
export const LOW_WATERMARK_CHARS = 5_000;
/** The renderer acknowledges parsed chars in batches of this size. */
export const ACK_BATCH_CHARS = 5_000;
/** Coalesce pty chunks for this long before sending (fewer, larger messages). */
export const COALESCE_MS = 5;
/** Largest single input write; bigger pastes are split so a pty never chokes. */
export const INPUT_CHUNK_CHARS = 1_024;
