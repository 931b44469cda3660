import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspaceCleaner } from './clean-workspace';

describe('workspace cleaner', () => {
  it('empties a folder under the workspace root and refuses anything else', () => {
    const base = mkdtempSync(join(tmpdir(), 'dorch-clean-'));
    const root = join(base, 'workspace');
    const ws = join(root, 'demo-1');
    mkdirSync(join(ws, 'sub'), { recursive: true });
    writeFileSync(join(ws, 'a.txt'), 'x');
    writeFileSync(join(base, 'keep.txt'), 'x');
    const clean = createWorkspaceCleaner(root);
    expect(clean(ws).ok).toBe(true);
    expect(readdirSync(ws)).toEqual([]);
    expect(clean(base)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(clean(root)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(base).sort()).toEqual(['keep.txt', 'workspace']);
  });
});
