import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, buildStaleness } from './build.mjs';

let root;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function file(rel, mtimeSec) {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, 'x');
  utimesSync(p, mtimeSec, mtimeSec);
}

describe('buildStaleness', () => {
  it('asks for a build when an output is missing', () => {
    root = mkdtempSync(join(tmpdir(), 'dorch-build-'));
    file('src-main/index.ts', 100);
    expect(buildStaleness(root)).toBe('out/main/index.js is missing');
  });

  it('is satisfied when every output is newer than every input', () => {
    root = mkdtempSync(join(tmpdir(), 'dorch-build-'));
    file('src-main/index.ts', 100);
    file('src-renderer/src/app.tsx', 100);
    for (const o of BUILD_OUTPUTS) file(o, 200);
    expect(buildStaleness(root)).toBeNull();
  });

  it('rebuilds after a source change but not after a test change', () => {
    root = mkdtempSync(join(tmpdir(), 'dorch-build-'));
    for (const o of BUILD_OUTPUTS) file(o, 200);
    file('src-main/core/x.test.ts', 300);
    expect(buildStaleness(root)).toBeNull();
    file('src-renderer/src/app.tsx', 300);
    expect(buildStaleness(root)).toBe('src-renderer changed since the last build');
  });
});
