/**
 * Terminal flow-control constants shared by core and renderer (DESIGN.md §3).
 * DESIGN.md §3 starts from VS Code's 100 000 / 5 000; the window here is
 * deliberately larger — measured reasons in docs/terminal-path.md:
 *
 * xterm repaints a visible pane after every parse slice, and a repaint costs
 * far more than parsing (DOM renderer, ~20–25 ms a frame against ~2 ms to
 * parse 64 K chars). Throughput therefore depends on how much output the
 * page has at hand to parse between repaints (write-scheduler.ts merges it
 * into writes of up to 1 M chars). With a 100 K window the page never held
 * more than ~100 K, repainted once per ~100 K and one `cat` reached 2–3 MB/s
 * against xterm's own ~30 MB/s in the same page; the window must hold one
 * merged write being parsed plus the next one arriving.
 *
 * Memory stays bounded: at most HIGH_WATERMARK_CHARS (~4 MB as UTF-16) plus
 * two coalesced messages per attached view and session — the one that crossed
 * the mark, and what the pty had already read when its pause took effect.
 */

/** Pause the pty once a client has this many chars sent but not yet parsed: two 1 M-char writes. */
export const HIGH_WATERMARK_CHARS = 2_097_152;
/**
 * Resume the pty once every client is back under this many unacked chars
 * (128 K below the high mark): as soon as the page has parsed one merged
 * write, so the next one is on its way while the page parses the one it
 * holds. The gap is what a paused agent writes in one burst once resumed; a
 * terminal held back while someone types elsewhere acks a little at a time,
 * and with a 512 K gap its bursts (core read + parse, page repaint) took both
 * cores at once and delayed the typed echo (p99 15–17 ms with 128 K against
 * 19–32 ms with 512 K, measured; throughput the same).
 */
export const LOW_WATERMARK_CHARS = 1_966_080;
/** The renderer acknowledges parsed chars in batches of this size (below LOW_WATERMARK_CHARS: see ack-batcher.ts). */
export const ACK_BATCH_CHARS = 5_000;
/** Coalesce pty chunks for this long before sending (fewer, larger messages; the first chunk after a quiet spell goes at once). */
export const COALESCE_MS = 5;
/** Largest single input write; bigger pastes are split so a pty never chokes. */
export const INPUT_CHUNK_CHARS = 1_024;

/**
 * Browser mode only: how many chars of WebSocket frames may be on their way
 * to the page (sent by the core, not yet taken off the socket by the page).
 * The socket is one ordered stream, so a typed character's echo waits behind
 * whatever other terminals' output is already in it: measured with four
 * flooding terminals, 9.9 MB queued ahead of the first echo (346 ms). Frames
 * beyond this wait in the core, where a small frame of a quiet terminal can
 * pass them (src-main/server/ws-send-queue.ts). 128 K chars take the page
 * ~1–2 ms to take in; with 512 K the echo p99 was ~5 ms worse (measured), and
 * throughput is unchanged either way: the flow-control window, not this
 * limit, decides how much output the page has at hand.
 */
export const WS_PIPE_HIGH_CHARS = 131_072;
/** The page reports what it has taken off the socket every this many chars (well below WS_PIPE_HIGH_CHARS, so a drained pipe is always reported). */
export const WS_RECEIPT_EVERY_CHARS = 32_768;
