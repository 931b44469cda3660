import { describe, expect, it } from 'vitest';
import { FlowController } from './flow-control';

function setup() {
  const calls: string[] = [];
  const fc = new FlowController(() => calls.push('pause'), () => calls.push('resume'), 100, 10);
  return { fc, calls };
}

describe('FlowController', () => {
  it('pauses above the high watermark and resumes only below the low one', () => {
    const { fc, calls } = setup();
    fc.addConsumer('a');
    fc.sent('a', 100);
    expect(calls).toEqual([]);
    fc.sent('a', 1);
    expect(calls).toEqual(['pause']);
    fc.acked('a', 50); // 51 left: still above low
    expect(calls).toEqual(['pause']);
    fc.acked('a', 42); // 9 left
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('waits for every consumer before resuming', () => {
    const { fc, calls } = setup();
    fc.addConsumer('a');
    fc.addConsumer('b');
    fc.sent('a', 200);
    fc.sent('b', 200);
    fc.acked('a', 200);
    expect(fc.isPaused).toBe(true);
    fc.acked('b', 195);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('resumes when the lagging consumer goes away', () => {
    const { fc, calls } = setup();
    fc.addConsumer('a');
    fc.sent('a', 500);
    fc.removeConsumer('a');
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('ignores unknown consumers and never goes below zero', () => {
    const { fc, calls } = setup();
    fc.sent('ghost', 1_000);
    fc.addConsumer('a');
    fc.acked('a', 50);
    expect(fc.unackedOf('a')).toBe(0);
    expect(calls).toEqual([]);
  });

  it('honours per-consumer watermarks', () => {
    const { fc, calls } = setup();
    fc.addConsumer('deep', { high: 1_000, low: 500 });
    fc.sent('deep', 900); // over the default high (100) but under its own
    expect(calls).toEqual([]);
    fc.sent('deep', 200);
    expect(calls).toEqual(['pause']);
    fc.acked('deep', 700); // 400 < its low
    expect(calls).toEqual(['pause', 'resume']);
  });
});
