import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { firstErrorLine, run } from './run.mjs';

/**
 * How long resolving the Electron binary may take. `require('electron')`
 * downloads it on first use (~100 MB); a blocked host fails in well under a
 * second, a silent firewall after undici's 10 s connect timeout.
 * DUAL_ORCH_ELECTRON_TIMEOUT_MS overrides it.
 */
export const ELECTRON_RESOLVE_TIMEOUT_MS = 5 * 60_000;
/** After this long, say that a first-start download is under way. */
export const DOWNLOAD_NOTICE_MS = 3_000;

/** The electron npm package in this checkout: { dir, version } or null when not installed. */
export function electronPackage(appRoot) {
  try {
    const require = createRequire(join(appRoot, 'package.json'));
    const pkgFile = require.resolve('electron/package.json');
    const { version } = JSON.parse(readFileSync(pkgFile, 'utf8'));
    return { dir: dirname(pkgFile), version };
  } catch {
    return null; // devDependencies not installed (production install)
  }
}

/** Is the binary already downloaded? (The same test as electron/install.js, without downloading.) */
export function electronBinaryPresent(pkg, env = process.env) {
  if (!pkg) return false;
  try {
    const rel = readFileSync(join(pkg.dir, 'path.txt'), 'utf8');
    const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg.dir, 'dist');
    return existsSync(join(distDir, rel));
  } catch {
    return false; // no path.txt: never downloaded
  }
}

/**
 * Resolves the binary the way `electron .` would: require('electron') in a
 * child process (that call downloads a missing binary), bounded by a
 * timeout so a stalled network cannot hang `npm start`.
 * → { ok: true, path } | { ok: false, reason }
 */
export async function resolveElectronBinary(pkg, { env = process.env, timeoutMs } = {}) {
  const limit = Number(env.DUAL_ORCH_ELECTRON_TIMEOUT_MS) || timeoutMs || ELECTRON_RESOLVE_TIMEOUT_MS;
  const marker = '@@ELECTRON_PATH@@';
  const script = `process.stdout.write(${JSON.stringify(marker)} + require(${JSON.stringify(pkg.dir)}) + "\\n")`;
  const notice = setTimeout(() => {
    process.stdout.write('Fetching the Electron binary (first start only; --browser skips it)…\n');
  }, DOWNLOAD_NOTICE_MS);
  const result = await run(process.execPath, ['-e', script], { cwd: pkg.dir, env, capture: true, timeoutMs: limit });
  clearTimeout(notice);
  if (result.timedOut) return { ok: false, reason: `no Electron binary: fetching it did not finish within ${Math.round(limit / 1000)} s` };
  const line = result.stdout.split(/\r?\n/).find((l) => l.startsWith(marker));
  if (result.code !== 0 || !line) {
    const why = firstErrorLine(`${result.stderr}\n${result.stdout}`.replace(/Downloading Electron binary\.\.\./g, ''));
    return { ok: false, reason: `no Electron binary: download failed${why ? ` (${why})` : ''}` };
  }
  const path = line.slice(marker.length).trim();
  if (!existsSync(path)) return { ok: false, reason: `no Electron binary at ${path}` };
  return { ok: true, path };
}
