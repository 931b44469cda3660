import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HIGH_WATERMARK_CHARS } from '../../src-preload/contract/flow';
import { MAX_COALESCED_CHARS } from '../../src-main/core/terminal/coalescer';
import { createCoreHarness, FIXTURE_AGENTS, TestView, waitFor, type CoreHarness } from '../fixtures/core-harness';

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

/**
 * Hashes the stream as the writer saw it: the pty turns "\n" into "\r\n", so
 * that is undone across chunk boundaries; the writer's own SHA256= line at
 * the end is held back and compared.
 */
class StreamHasher {
  private readonly hash = createHash('sha256');
  private tail = '';
  /** Chars kept back: room for the final "SHA256=<64 hex>\r\n" line. */
  private static readonly HOLD = 128;

  push(chunk: string): void {
    this.tail += chunk;
    if (this.tail.length > StreamHasher.HOLD * 2) {
      let cut = this.tail.length - StreamHasher.HOLD;
      if (this.tail[cut - 1] === '\r') cut--; // never split a \r\n pair
      this.hash.update(this.tail.slice(0, cut).replace(/\r\n/g, '\n'), 'utf8');
      this.tail = this.tail.slice(cut);
    }
  }

  /** The writer's closing checksum line has arrived (it is the last thing it writes). */
  sawClaim(): boolean {
    return /SHA256=[0-9a-f]{64}/.test(this.tail);
  }

  finish(): { digest: string; claimed: string | null } {
    const at = this.tail.lastIndexOf('SHA256=');
    const m = /SHA256=([0-9a-f]{64})/.exec(this.tail.slice(at));
    this.hash.update(this.tail.slice(0, at).replace(/\r\n/g, '\n'), 'utf8');
    return { digest: this.hash.digest('hex'), claimed: m ? m[1]! : null };
  }
}

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
