import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBindingPath, resolveNativeBinding } from './native-binding';

describe('electronBindingPath', () => {
  it('puts the Electron build beside node_modules, keyed by version, platform and arch', () => {
    expect(electronBindingPath('/app', '45.4.1', 'darwin', 'arm64')).toBe(
      join('/app', '.native', 'better-sqlite3', 'electron-v45.4.1-darwin-arm64', 'better_sqlite3.node'),
    );
  });

  it('accepts a version with a leading v', () => {
    expect(electronBindingPath('/app', 'v45.4.1', 'win32', 'x64')).toBe(electronBindingPath('/app', '45.4.1', 'win32', 'x64'));
  });
});

describe('resolveNativeBinding', () => {
  const base = { platform: 'linux', arch: 'x64' };
  const all = (): boolean => true;

  it('uses the default build under plain Node', () => {
    expect(resolveNativeBinding('/app', { ...base, electronVersion: undefined, packaged: false, exists: all })).toBeUndefined();
  });

  it('uses the default build in a packaged app (electron-builder rebuilt node_modules)', () => {
    expect(resolveNativeBinding('/app', { ...base, electronVersion: '45.4.1', packaged: true, exists: all })).toBeUndefined();
  });

  it('uses the Electron build from .native when it exists', () => {
    const seen: string[] = [];
    const file = resolveNativeBinding('/app', {
      ...base,
      electronVersion: '45.4.1',
      packaged: false,
      exists: (f) => (seen.push(f), true),
    });
    expect(file).toBe(electronBindingPath('/app', '45.4.1', 'linux', 'x64'));
    expect(seen).toEqual([file]);
  });

  it('falls back to the default build when no Electron build was prepared', () => {
    expect(resolveNativeBinding('/app', { ...base, electronVersion: '45.4.1', packaged: false, exists: () => false })).toBeUndefined();
  });
});
