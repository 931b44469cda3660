import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('sends the first chunk after a quiet spell at once (a typed echo never waits)', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 1_000);
    c.push('a');
    expect(out).toEqual(['a']);
    clock.advance(100);
    c.push('b');
    expect(out).toEqual(['a', 'b']);
  });

  it('joins the chunks that follow within the window into one message', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 1_000);
    c.push('a');
    c.push('b');
    clock.advance(4);
    expect(out).toEqual(['a']);
    c.push('c');
    clock.advance(1);
    expect(out).toEqual(['a', 'bc']);
    // Still busy: the next chunk opens a new window instead of going out alone.
    c.push('d');
    c.push('e');
    expect(out).toEqual(['a', 'bc']);
    clock.advance(5);
    expect(out).toEqual(['a', 'bc', 'de']);
  });

  it('flushes immediately once the size cap is reached', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 4);
    c.push('x');
    c.push('ab');
    c.push('cd');
    expect(out).toEqual(['x', 'abcd']);
    clock.advance(10);
    expect(out).toEqual(['x', 'abcd']);
  });

  it('flushes what it holds on dispose', () => {
    const clock = createFakeClock();
    const out: string[] = [];
    const c = new Coalescer(clock, (d) => out.push(d), 5, 100);
    c.push('x');
    c.push('y');
    c.dispose();
    expect(out).toEqual(['x', 'y']);
  });
});
