import { describe, expect, it } from 'vitest';
import type { TerminalData } from '../../src-preload/contract/channels';
import { WS_PIPE_HIGH_CHARS } from '../../src-preload/contract/flow';
import { MAX_MERGED_CHARS, SMALL_FRAME_CHARS, WsSendQueue } from './ws-send-queue';

type Frame = { kind: string; channel?: string; payload?: TerminalData & Record<string, unknown> };

function setup() {
  const frames: Frame[] = [];
  let chars = 0;
  const q = new WsSendQueue((text) => {
    frames.push(JSON.parse(text) as Frame);
    chars += text.length;
  });
  /** The page took everything sent so far off the socket. */
  const drain = () => q.received(chars);
  const data = (sessionId: string) => frames.filter((f) => f.channel === 'terminal.data' && f.payload!.sessionId === sessionId).map((f) => f.payload!);
  const text = (sessionId: string) => data(sessionId).map((p) => p.data).join('');
  return { q, frames, drain, data, text };
}

/** A stream of chunks for one session, offsets contiguous. */
function chunker(sessionId: string, epoch = 0) {
  let offset = 0;
  return (data: string): TerminalData => {
    const chunk = { sessionId, offset, epoch, data };
    offset += data.length;
    return chunk;
  };
}

const FLOOD_CHUNK = 'f'.repeat(16 * 1024);

describe('WsSendQueue', () => {
  it('sends everything at once to a client that never reports receipts', () => {
    const { q, text } = setup();
    const flood = chunker('s_flood');
    for (let i = 0; i < 40; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    expect(text('s_flood')).toHaveLength(40 * FLOOD_CHUNK.length);
    expect(q.waitingSessions).toBe(0);
  });

  it('keeps at most the pipe limit in flight; a small echo of another terminal passes the waiting flood', () => {
    const { q, drain, frames, text, data } = setup();
    expect(drain()).toBeNull();
    const flood = chunker('s_flood');
    for (let i = 0; i < 40; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    const sentBeforeEcho = text('s_flood').length;
    expect(sentBeforeEcho).toBeLessThan(WS_PIPE_HIGH_CHARS + FLOOD_CHUNK.length);
    expect(q.waitingSessions).toBe(1);

    q.push('terminal.data', chunker('s_typist')('a'));
    expect(frames.at(-1)!.payload).toMatchObject({ sessionId: 's_typist', data: 'a' });

    // The page takes frames in: the rest follows, merged, in order, nothing lost.
    for (let i = 0; i < 100 && q.waitingSessions > 0; i++) drain();
    expect(q.waitingSessions).toBe(0);
    expect(text('s_flood')).toBe(FLOOD_CHUNK.repeat(40));
    const chunks = data('s_flood');
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.offset).toBe(chunks[i - 1]!.offset + chunks[i - 1]!.data.length);
    expect(Math.max(...chunks.map((c) => c.data.length))).toBeLessThanOrEqual(MAX_MERGED_CHARS);
    expect(chunks.length).toBeLessThan(40);
  });

  it('keeps a terminal in order: its small frames and its other pushes wait behind its own waiting output', () => {
    const { q, drain, frames } = setup();
    drain();
    const flood = chunker('s_1');
    for (let i = 0; i < 20; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    q.push('terminal.data', flood('tail'));
    q.push('health.changed', { sessionId: 's_1', state: 'stalled' });
    const tailAt = () => frames.findIndex((f) => f.channel === 'terminal.data' && f.payload!.data.endsWith('tail'));
    const approvalAt = () => frames.findIndex((f) => f.channel === 'health.changed');
    expect(approvalAt()).toBe(-1);
    while (q.waitingSessions > 0) drain();
    expect(tailAt()).toBeGreaterThan(-1);
    expect(approvalAt()).toBeGreaterThan(tailAt());
  });

  it('takes turns between flooding terminals as the pipe drains', () => {
    const { q, drain, frames } = setup();
    drain();
    const a = chunker('s_a');
    const b = chunker('s_b');
    for (let i = 0; i < 30; i++) q.push('terminal.data', a(FLOOD_CHUNK));
    for (let i = 0; i < 30; i++) q.push('terminal.data', b(FLOOD_CHUNK));
    const before = frames.length;
    for (let i = 0; i < 4; i++) drain();
    const released = frames.slice(before).map((f) => f.payload!.sessionId);
    expect(new Set(released)).toEqual(new Set(['s_a', 's_b']));
    for (let i = 1; i < released.length; i++) expect(released[i]).not.toBe(released[i - 1]);
  });

  it('never merges chunks of two processes (a restart starts a new epoch at offset 0)', () => {
    const { q, drain, data } = setup();
    drain();
    const first = chunker('s_1', 0);
    for (let i = 0; i < 12; i++) q.push('terminal.data', first(FLOOD_CHUNK));
    const second = chunker('s_1', 1);
    q.push('terminal.data', second('new process'));
    while (q.waitingSessions > 0) drain();
    const last = data('s_1').at(-1)!;
    expect(last).toMatchObject({ epoch: 1, offset: 0, data: 'new process' });
  });

  it('sends responses and pushes without a session at once, whatever is waiting', () => {
    const { q, drain, frames } = setup();
    drain();
    const flood = chunker('s_1');
    for (let i = 0; i < 20; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    q.respond({ kind: 'res', id: 7, result: { ok: true, value: null } });
    q.push('app.notice', { level: 'info', message: 'hello' });
    expect(frames.slice(-2).map((f) => f.kind + ':' + (f.channel ?? ''))).toEqual(['res:', 'push:app.notice']);
    expect(q.waitingSessions).toBe(1);
  });

  it('refuses a receipt it cannot have earned, and nothing changes', () => {
    const { q, drain } = setup();
    drain();
    const flood = chunker('s_1');
    for (let i = 0; i < 20; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    const inPipe = q.inPipe;
    expect(q.received(q.inPipe * 10)).toMatch(/not between/);
    expect(q.received(-1)).toMatch(/not between/);
    expect(q.received('12')).toMatch(/not between/);
    expect(q.received(1.5)).toMatch(/not between/);
    expect(q.inPipe).toBe(inPipe);
    expect(q.waitingSessions).toBe(1);
  });

  it('lets a small frame through even with the pipe full', () => {
    const { q, drain, frames } = setup();
    drain();
    const flood = chunker('s_1');
    for (let i = 0; i < 20; i++) q.push('terminal.data', flood(FLOOD_CHUNK));
    q.push('terminal.data', chunker('s_2')('p'.repeat(SMALL_FRAME_CHARS)));
    expect(frames.at(-1)!.payload!.sessionId).toBe('s_2');
    q.push('terminal.data', chunker('s_3')('q'.repeat(SMALL_FRAME_CHARS + 1)));
    expect(frames.at(-1)!.payload!.sessionId).not.toBe('s_3');
    expect(q.waitingSessions).toBe(2);
  });
});
