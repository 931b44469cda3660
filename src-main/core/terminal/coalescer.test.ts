import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('joins chunks arriving within the window into one message', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 1_000);
    c.push('a');
    c.push('b');
    clock.advance(4);
    expect(out).toEqual([]);
    c.push('c');
    clock.advance(1);
    expect(out).toEqual(['abc']);
  });

  it('flushes immediately once the size cap is reached', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 4);
    c.push('ab');
    c.push('cd');
    expect(out).toEqual(['abcd']);
    clock.advance(10);
    expect(out).toEqual(['abcd']);
  });

  it('flushes what it holds on dispose', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 100);
    c.push('x');
    c.dispose();
    expect(out).toEqual(['x']);
  });
});
