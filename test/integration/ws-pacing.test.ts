import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { MAX_MERGED_CHARS, SMALL_FRAME_CHARS } from '../../src-main/server/ws-send-queue';
import { HIGH_WATERMARK_CHARS, WS_PIPE_HIGH_CHARS } from '../../src-preload/contract/flow';
import type { TerminalData } from '../../src-preload/contract/channels';
import { FIXTURE_AGENTS, waitFor } from '../fixtures/core-harness';
import { StreamHasher } from '../fixtures/stream-hasher';
import { startTestCore } from '../fixtures/test-core';
import { WsClient } from '../fixtures/ws-client';

const FLOOD_BYTES = 8 * 1024 * 1024;
/** A frame's JSON envelope around its data (channel, session id, offsets): generous. */
const FRAME_OVERHEAD_CHARS = 512;

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

describe('browser-mode pacing (receipts)', () => {
  it("keeps a flood's output in the core while the page reads nothing, lets another terminal's echo through, and loses no byte", async () => {
    const core = await startTestCore('dorch-pacing-');
    cores.push(core);
    const client = await WsClient.open(core.web.url);
    client.keepPushes = false;
    const hasher = new StreamHasher();
    let echo = '';
    let floodId = '';
    let typistId = '';
    // A page too busy to read or parse: it has reported what it had, then goes quiet (no receipts, no acks).
    let busy = true;
    let owed = 0;
    client.onTerminalData = (d: TerminalData) => {
      if (d.sessionId === floodId) hasher.push(d.data);
      if (d.sessionId === typistId) echo += d.data;
      if (busy) owed += d.data.length;
      else void client.request('terminal.ack', { sessionId: d.sessionId, chars: d.data.length });
    };
    client.receipts = 'manual';
    client.sendReceipt();
    // A second page that reads everything at once: it sees what the core emits.
    const witness = await WsClient.open(core.web.url);
    witness.keepPushes = false;
    let witnessed = 0;
    witness.onTerminalData = (d: TerminalData) => {
      if (d.sessionId !== floodId) return;
      witnessed += d.data.length;
      void witness.request('terminal.ack', { sessionId: d.sessionId, chars: d.data.length });
    };

    const typist = await client.request('sessions.create', { profileId: 'custom', command: 'cat', args: [], env: {} });
    expect(typist.ok).toBe(true);
    typistId = typist.value.id;
    expect((await client.request('terminal.attach', { sessionId: typistId })).ok).toBe(true);

    // The flood starts only once both pages are attached and echo is off (the file says so), so every byte reaches the hasher.
    const readyFile = join(mkdtempSync(join(tmpdir(), 'dorch-pacing-')), 'echo-off');
    const script = `stty -echo; : > "${readyFile}"; read -r _; exec "${process.execPath}" "${join(FIXTURE_AGENTS, 'bytes.mjs')}" ${FLOOD_BYTES}`;
    const flood = await client.request('sessions.create', { profileId: 'custom', command: 'bash', args: ['-c', script], env: {} });
    expect(flood.ok).toBe(true);
    floodId = flood.value.id;
    expect((await client.request('terminal.attach', { sessionId: floodId })).ok).toBe(true);
    expect((await witness.request('terminal.attach', { sessionId: floodId })).ok).toBe(true);
    // Only once echo is off (else the Enter would be echoed into the stream).
    await waitFor('the flood script to turn echo off', () => existsSync(readyFile), 30_000);
    await client.request('terminal.input', { sessionId: floodId, data: '\r' });

    // The core has emitted a whole flow-control window for the busy page: without pacing all of it would be on its way.
    await waitFor('a full window emitted', () => witnessed >= HIGH_WATERMARK_CHARS, 30_000);
    await client.request('terminal.input', { sessionId: typistId, data: 'x' });
    await waitFor("the typist's echo while the flood waits", () => echo.includes('x'), 10_000);
    // Never more on its way than the limit, one merged frame that crossed it, and small frames.
    const bound = WS_PIPE_HIGH_CHARS + MAX_MERGED_CHARS + SMALL_FRAME_CHARS + 8 * FRAME_OVERHEAD_CHARS;
    expect(client.maxUnreported).toBeLessThanOrEqual(bound);
    expect(client.received).toBeLessThan(HIGH_WATERMARK_CHARS / 2);

    // The page reads and parses again: the rest of the flood arrives, whole and in order.
    busy = false;
    client.receipts = 'auto';
    client.sendReceipt();
    await client.request('terminal.ack', { sessionId: floodId, chars: owed });
    await waitFor('the flood to finish', () => hasher.sawClaim(), 120_000);
    const { digest, claimed } = hasher.finish();
    expect(claimed).not.toBeNull();
    expect(digest).toBe(claimed);
    witness.close();
    rmSync(dirname(readyFile), { recursive: true, force: true });
    client.close();
  }, 180_000);
});
