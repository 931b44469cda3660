import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is compiled per runtime (Node's ABI ≠ Electron's). Tests and
 * browser mode use the ordinary build in node_modules; the desktop host in a
 * checkout loads an Electron build kept beside it (scripts/native.mjs writes
 * it), so switching hosts never rebuilds anything in place.
 *
 * Keep in step with scripts/lib/native-paths.mjs (the scripts cannot import TS).
 */
export const NATIVE_DIR = '.native';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

/** `<appRoot>/.native/better-sqlite3/electron-v<version>-<platform>-<arch>/better_sqlite3.node` */
export function electronBindingPath(appRoot: string, electronVersion: string, platform: string, arch: string): string {
  const version = electronVersion.replace(/^v/, '');
  return join(appRoot, NATIVE_DIR, 'better-sqlite3', `electron-v${version}-${platform}-${arch}`, SQLITE_BINDING_FILE);
}

export interface BindingRuntime {
  /** process.versions.electron: undefined under plain Node. */
  electronVersion: string | undefined;
  /** app.isPackaged: electron-builder already rebuilt node_modules for Electron. */
  packaged: boolean;
  platform: string;
  arch: string;
  exists?: (file: string) => boolean;
}

/**
 * The better_sqlite3.node to load, or undefined for the default build
 * (plain Node, or a packaged app whose node_modules were rebuilt for
 * Electron, or no Electron build prepared — the store then reports the ABI
 * error with the fix).
 */
export function resolveNativeBinding(appRoot: string, rt: BindingRuntime): string | undefined {
  if (!rt.electronVersion || rt.packaged) return undefined;
  const file = electronBindingPath(appRoot, rt.electronVersion, rt.platform, rt.arch);
  return (rt.exists ?? existsSync)(file) ? file : undefined;
}
