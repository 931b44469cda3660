import { describe, expect, it } from 'vitest';
import type { TerminalData } from '../../../src-preload/contract/channels';
import { HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS } from '../../../src-preload/contract/flow';
import { createFakeClock } from '../ports/fake-clock';
import { HeadlessScreen } from './headless-screen';
import { localScreenFactory } from './local-screen';
import { TerminalStream } from './terminal-stream';

function setup() {
  const clock = createFakeClock();
  const flow: string[] = [];
  const stream = new TerminalStream({
    clock,
    screens: localScreenFactory,
    sessionId: 's_test0001',
    epoch: 0,
    cols: 40,
    rows: 10,
    pause: () => flow.push('pause'),
    resume: () => flow.push('resume'),
  });
  return { clock, stream, flow };
}

/** Rebuilds what a renderer would show: snapshot, then pushes past its offset. */
async function replay(snapshot: string, offset: number, pushes: TerminalData[]): Promise<string[]> {
  const screen = new HeadlessScreen(40, 10);
  screen.write(snapshot);
  for (const p of pushes) {
    const end = p.offset + p.data.length;
    if (end <= offset) continue;
    screen.write(p.offset < offset ? p.data.slice(offset - p.offset) : p.data);
  }
  await screen.barrier();
  return screen.visibleLines();
}

describe('TerminalStream', () => {
  it('coalesces pty chunks and stamps each message with its stream offset', async () => {
    const { clock, stream } = setup();
    const got: TerminalData[] = [];
    await stream.attach('v', { push: (m) => got.push(m) });
    stream.ingest('$ ');
    stream.ingest('hello ');
    stream.ingest('world');
    clock.advance(5);
    stream.ingest('!');
    clock.advance(5);
    expect(got.map((m) => [m.offset, m.data])).toEqual([
      [0, '$ '],
      [2, 'hello world'],
      [13, '!'],
    ]);
  });

  it('lets a view join mid-stream and see exactly the screen the core sees', async () => {
    const { clock, stream } = setup();
    for (let i = 0; i < 30; i++) stream.ingest(`line ${i}\r\n`);
    clock.advance(5);
    const pushes: TerminalData[] = [];
    const attached = stream.attach('late', { push: (m) => pushes.push(m) });
    // Output keeps flowing while the snapshot is taken.
    stream.ingest('\x1b[31mafter attach\x1b[0m\r\nmore');
    clock.advance(5);
    const { snapshot, offset } = await attached;
    const view = await replay(snapshot, offset, pushes);
    expect(view).toEqual((await stream.text()).lines);
    expect(view.join('\n')).toContain('after attach');
  });

  it('pauses the pty when a view falls behind and resumes once it catches up', async () => {
    const { clock, stream, flow } = setup();
    await stream.attach('slow', { push: () => undefined });
    const big = 'x'.repeat(HIGH_WATERMARK_CHARS / 2 + 1);
    stream.ingest(big);
    clock.advance(5);
    expect(flow).toEqual([]);
    stream.ingest(big);
    clock.advance(5);
    expect(flow).toEqual(['pause']);
    stream.ack('slow', big.length * 2 - (LOW_WATERMARK_CHARS - 1));
    await stream.text();
    expect(flow).toEqual(['pause', 'resume']);
  });

  it('stops waiting for a view that detaches', async () => {
    const { clock, stream, flow } = setup();
    await stream.attach('gone', { push: () => undefined });
    stream.ingest('y'.repeat(HIGH_WATERMARK_CHARS + 1));
    clock.advance(5);
    expect(stream.isPaused).toBe(true);
    stream.detach('gone');
    await stream.text();
    expect(flow).toEqual(['pause', 'resume']);
  });
});
