import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives, beside node_modules so the
 * Node build (tests, browser mode) is never replaced. Mirrors
 * src-main/platform/native-binding.ts, which loads it; the test checks both agree.
 */
export function electronBindingPath(appRoot, electronVersion, platform, arch) {
  const version = String(electronVersion).replace(/^v/, '');
  return join(appRoot, '.native', 'better-sqlite3', `electron-v${version}-${platform}-${arch}`, 'better_sqlite3.node');
}
