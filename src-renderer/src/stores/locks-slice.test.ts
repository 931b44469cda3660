import { describe, expect, it } from 'vitest';
import type { ResourceLockState } from '../../../src-preload/contract/locks';
import { emptyLocks, replaceLocks } from './locks-slice';

const state = (resource: string): ResourceLockState => ({ resource, lease: null, waiters: [], nextToken: 1 });

describe('locks slice', () => {
  it('starts not loaded, then holds the list sorted by resource', () => {
    expect(emptyLocks).toEqual({ list: [], loaded: false });
    const next = replaceLocks([state('repo:/b'), state('npm-cache'), state('port:5173')]);
    expect(next.loaded).toBe(true);
    expect(next.list.map((l) => l.resource)).toEqual(['npm-cache', 'port:5173', 'repo:/b']);
  });

  it('an empty answer is loaded and empty', () => {
    expect(replaceLocks([])).toEqual({ list: [], loaded: true });
  });
});
