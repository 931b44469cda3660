import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from './run.mjs';

/** What a complete build leaves behind (both hosts' entries, the preload, the renderer). */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.js', 'out/renderer/index.html'];
/** What the build reads: a change to any of these makes out/ stale. Tests are not bundled. */
export const BUILD_INPUTS = ['src-main', 'src-preload', 'src-renderer', 'electron.vite.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];

const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0; // optional input (e.g. renderer not written yet)
  }
  if (!st.isDirectory()) return isTest(path) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why out/ must be (re)built, or null if it is complete and newer than every input. */
export function buildStaleness(appRoot) {
  let oldestOutput = Infinity;
  for (const rel of BUILD_OUTPUTS) {
    const file = join(appRoot, rel);
    if (!existsSync(file)) return `${rel} is missing`;
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  }
  for (const rel of BUILD_INPUTS) {
    if (newestMtime(join(appRoot, rel)) > oldestOutput) return `${rel} changed since the last build`;
  }
  return null;
}

/** Runs `electron-vite build` with this Node; resolves true on success. */
export async function build(appRoot) {
  const require = createRequire(join(appRoot, 'package.json'));
  const cli = join(require.resolve('electron-vite/package.json').replace(/package\.json$/, ''), 'bin', 'electron-vite.js');
  const result = await run(process.execPath, [cli, 'build'], { cwd: appRoot });
  return result.code === 0;
}

/** Builds when stale (or always when forced); prints one line saying why. */
export async function ensureBuilt(appRoot, { skip = false } = {}) {
  if (skip) return true;
  const reason = buildStaleness(appRoot);
  if (reason === null) return true;
  process.stdout.write(`Building the app (${reason})…\n`);
  const okBuild = await build(appRoot);
  if (!okBuild) process.stderr.write('The build failed (see above); fix it or start with --no-build to use the previous build.\n');
  return okBuild;
}
