import { describe, expect, it } from 'vitest';
import { CharRingBuffer } from './ring-buffer';

describe('CharRingBuffer', () => {
  it('keeps everything while under capacity', () => {
    const b = new CharRingBuffer(10);
    b.push('abc');
    b.push('def');
    expect(b.tail()).toBe('abcdef');
    expect(b.length).toBe(6);
  });

  it('drops the oldest characters past capacity, splitting a chunk when needed', () => {
    const b = new CharRingBuffer(5);
    b.push('abc');
    b.push('defg');
    expect(b.tail()).toBe('cdefg');
    expect(b.length).toBe(5);
  });

  it('keeps only the end of a single oversized push', () => {
    const b = new CharRingBuffer(4);
    b.push('0123456789');
    expect(b.tail()).toBe('6789');
  });

  it('returns the last n characters', () => {
    const b = new CharRingBuffer(100);
    b.push('hello ');
    b.push('world');
    expect(b.tail(3)).toBe('rld');
  });

  it('stays bounded over a long stream of small pushes', () => {
    const b = new CharRingBuffer(1_000);
    let expected = '';
    for (let i = 0; i < 20_000; i++) {
      const s = String(i % 10);
      b.push(s);
      expected += s;
    }
    expect(b.length).toBe(1_000);
    expect(b.tail()).toBe(expected.slice(-1_000));
  });

  it('releases the chunks it dropped', () => {
    const b = new CharRingBuffer(10);
    for (let i = 0; i < 500; i++) b.push(`chunk-${i}-`.padEnd(8, '.'));
    const internal = (b as unknown as { chunks: string[] }).chunks;
    expect(internal.length).toBeLessThan(200);
    expect(internal.filter((c) => c.length > 0).length).toBeLessThanOrEqual(3);
  });
});
