import { describe, expect, it } from 'vitest';
import { MAX_WEBGL_CONTEXTS, WebglPool } from './webgl-pool';

describe('WebglPool', () => {
  it('never holds more than the cap and evicts the least recently used', () => {
    const p = new WebglPool(3);
    expect(p.acquire('a')).toEqual([]);
    expect(p.acquire('b')).toEqual([]);
    expect(p.acquire('c')).toEqual([]);
    p.touch('a');
    expect(p.acquire('d')).toEqual(['b']);
    expect(p.size).toBe(3);
    expect(p.holds('b')).toBe(false);
    expect(p.holds('a')).toBe(true);
  });

  it('re-acquiring a holder only refreshes it', () => {
    const p = new WebglPool(2);
    p.acquire('a');
    p.acquire('b');
    expect(p.acquire('a')).toEqual([]);
    expect(p.acquire('c')).toEqual(['b']);
  });

  it('release frees a slot; touch ignores non-holders', () => {
    const p = new WebglPool(1);
    p.acquire('a');
    p.touch('zzz');
    p.release('a');
    expect(p.acquire('b')).toEqual([]);
    expect(p.holds('zzz')).toBe(false);
  });

  it('defaults to a cap well below the browser limit of 16', () => {
    const p = new WebglPool();
    for (let i = 0; i < 20; i++) p.acquire(`t${i}`);
    expect(p.size).toBe(MAX_WEBGL_CONTEXTS);
    expect(MAX_WEBGL_CONTEXTS).toBeLessThanOrEqual(8);
  });
});
