import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HIGH_WATERMARK_CHARS } from '../../src-preload/contract/flow';
import { MAX_COALESCED_CHARS } from '../../src-main/core/terminal/coalescer';
import { createCoreHarness, FIXTURE_AGENTS, TestView, waitFor, type CoreHarness } from '../fixtures/core-harness';
import { StreamHasher } from '../fixtures/stream-hasher';

const TOTAL_BYTES = 50 * 1024 * 1024;
/**
 * Live heap (after a forced collection) may grow this much during the run:
 * the headless screen's scrollback, transcript buffers and in-flight chunks.
 * Unbounded buffering of 50 MB would hold 100 MB+ of UTF-16 strings.
 */
const LIVE_HEAP_GROWTH_LIMIT_BYTES = 32 * 1024 * 1024;
/**
 * The slow renderer looks at what it holds this often. It acknowledges only
 * once it holds more than a full flow-control window (so the pty must have
 * paused), or once output has stopped for STALL_MS (the end of the stream,
 * or the core holding the pty for its own screen parser).
 */
const ACK_CHECK_MS = 10;
const STALL_MS = 100;
/** How often the live heap is sampled (each sample forces a full collection). */
const HEAP_SAMPLE_MS = 500;

/** Heap still in use after a full collection: what the process really holds on to. */
function liveHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (vitest.config.ts passes it)');
  gc();
  return process.memoryUsage().heapUsed;
}

let h: CoreHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('terminal throughput with flow control', () => {
  it('delivers 50 MB through one session intact while memory stays bounded', async () => {
    h = createCoreHarness();
    const c = h.sessions.create({
      profileId: 'custom',
      role: 'none',
      command: process.execPath,
      args: [join(FIXTURE_AGENTS, 'bytes.mjs'), String(TOTAL_BYTES)],
      env: {},
      cols: 120,
      rows: 30,
      approvalMode: 'manual',
    });
    if (!c.ok) throw new Error(c.error.message);
    const hasher = new StreamHasher();
    let owed = 0;
    let lastDataAt = Date.now();
    const view = new TestView('slow-view', h.sessions, c.value.id, false, (d) => {
      hasher.push(d);
      owed += d.length;
      lastDataAt = Date.now();
    });
    // A slow renderer that takes whole windows at a time, so the pty must pause again and again.
    view.autoAck = false;
    const acker = setInterval(() => {
      if (owed === 0 || (owed <= HIGH_WATERMARK_CHARS && Date.now() - lastDataAt < STALL_MS)) return;
      owed = 0;
      view.ackAll();
    }, ACK_CHECK_MS);
    const heapStart = liveHeap();
    let heapMax = heapStart;
    const sampler = setInterval(() => (heapMax = Math.max(heapMax, liveHeap())), HEAP_SAMPLE_MS);
    try {
      await view.attach();
      await waitFor('the writer to finish', () => h!.store.sessions.get(c.value.id)?.state === 'exited', 120_000);
      // The pty turns "\n" into "\r\n", so the char count passes TOTAL_BYTES before the end: wait for the line itself.
      await waitFor('the final checksum line', () => hasher.sawClaim(), 30_000);
    } finally {
      clearInterval(acker);
      clearInterval(sampler);
    }
    const { digest, claimed } = hasher.finish();
    expect(claimed).not.toBeNull();
    expect(digest).toBe(claimed);
    // Flow control held: never more than the high watermark plus two coalesced messages in flight
    // (the one that crossed the mark, and what the pty had already read when its pause took effect;
    // CI once saw 11 K chars past one message under load).
    expect(view.maxUnacked).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + 2 * MAX_COALESCED_CHARS);
    expect(view.maxUnacked).toBeGreaterThan(HIGH_WATERMARK_CHARS / 2);
    expect(heapMax - heapStart).toBeLessThan(LIVE_HEAP_GROWTH_LIMIT_BYTES);
  }, 180_000);
});
