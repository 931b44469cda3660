import { copyFileSync, cpSync, existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { electronBindingPath } from './native-paths.mjs';
import { firstErrorLine, run } from './run.mjs';

/** Downloading a prebuilt binary: generous, but a dead network must not hang the start. */
const PREBUILT_TIMEOUT_MS = 2 * 60_000;
/** Compiling SQLite from source takes a minute or two on a laptop. */
const COMPILE_TIMEOUT_MS = 15 * 60_000;
/** Loading the built module under Electron's Node to prove it matches. */
const VERIFY_TIMEOUT_MS = 60_000;

/**
 * npm exports its config as npm_config_* variables, and node-gyp /
 * prebuild-install obey them: a `nodedir` pointing at Node's headers (as on
 * our build machines) would silently build for the wrong runtime.
 */
export function envForElectronBuild(env) {
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|devdir|build_from_source|platform)$/i.test(key)) delete out[key];
  }
  return out;
}

const moduleDir = (appRoot) => join(appRoot, 'node_modules', 'better-sqlite3');
const toolBin = (appRoot, pkg, bin) => join(appRoot, 'node_modules', pkg, bin);

/**
 * Makes sure the Electron build of better-sqlite3 exists beside the Node one:
 * first a prebuilt binary (prebuild-install, what `npm install` does for
 * Node), else a compile against Electron's headers (node-gyp), both in a
 * scratch copy of the package so node_modules is never touched.
 * → { ok: true, path, built } | { ok: false, reason }
 */
export async function ensureElectronSqlite(appRoot, opts) {
  const { electronVersion, electronPath, nodedir, platform = process.platform, arch = process.arch, force = false, log = (l) => process.stdout.write(`${l}\n`) } = opts;
  const target = electronBindingPath(appRoot, electronVersion, platform, arch);
  if (existsSync(target) && !force) return { ok: true, path: target, built: false };
  if (!existsSync(join(moduleDir(appRoot), 'package.json'))) return { ok: false, reason: 'better-sqlite3 is not installed (run npm install)' };

  log(`Preparing better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) in ${relative(appRoot, dirname(target))} — the Node build in node_modules stays as it is…`);
  const scratch = join(appRoot, '.native', 'tmp', `better-sqlite3-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  cpSync(moduleDir(appRoot), scratch, {
    recursive: true,
    filter: (src) => !relative(moduleDir(appRoot), src).split(/[\\/]/).includes('build'),
  });
  const env = envForElectronBuild(process.env);
  const built = join(scratch, 'build', 'Release', 'better_sqlite3.node');
  try {
    const prebuilt = await run(
      process.execPath,
      [toolBin(appRoot, 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch],
      { cwd: scratch, env, capture: true, timeoutMs: PREBUILT_TIMEOUT_MS },
    );
    if (prebuilt.code !== 0 || !existsSync(built)) {
      const why = prebuilt.timedOut ? 'timed out' : firstErrorLine(prebuilt.stderr) || `exit ${prebuilt.code}`;
      log(`No prebuilt binary (${why}); compiling against Electron's headers…`);
      const compiled = await run(
        process.execPath,
        [
          toolBin(appRoot, 'node-gyp', join('bin', 'node-gyp.js')),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
          // Offline: a folder with Electron's headers unpacked replaces the download.
          ...(nodedir ? [`--nodedir=${nodedir}`] : [`--devdir=${join(homedir(), '.electron-gyp')}`]),
        ],
        { cwd: scratch, env, capture: true, timeoutMs: COMPILE_TIMEOUT_MS },
      );
      if (compiled.code !== 0 || !existsSync(built)) {
        const reason = compiled.timedOut ? 'compiling timed out' : describeGypFailure(`${compiled.stderr}\n${compiled.stdout}`) || `exit ${compiled.code}`;
        return { ok: false, reason: `better-sqlite3 for Electron could not be prepared: no prebuilt binary and compiling failed (${reason})` };
      }
    }
    if (electronPath) {
      const verify = await run(electronPath, ['-e', `require(${JSON.stringify(built)})`], {
        env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
        capture: true,
        timeoutMs: VERIFY_TIMEOUT_MS,
      });
      if (verify.code !== 0) return { ok: false, reason: `the better-sqlite3 build does not load in Electron (${firstErrorLine(verify.stderr) || `exit ${verify.code}`})` };
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    log(`better-sqlite3 for Electron ready: ${relative(appRoot, target)}`);
    return { ok: true, path: target, built: true };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    try {
      rmdirSync(dirname(scratch)); // .native/tmp, when no other run uses it
    } catch {
      // not empty (a concurrent run) or already gone: either is fine
    }
  }
}

/** One line for a failed node-gyp run: the network case is by far the most common. */
export function describeGypFailure(output) {
  const text = String(output);
  if (/network connectivity|getaddrinfo|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|fetch failed/i.test(text)) {
    return "could not download Electron's headers from electronjs.org (network)";
  }
  if (/find Python|Could not find any Python/i.test(text)) return 'Python was not found (node-gyp needs it)';
  if (/not find any Visual Studio|MSBuild|make: not found|gcc: not found|g\+\+: not found|xcrun: error/i.test(text)) {
    return 'no C++ toolchain (Windows: Visual Studio "Desktop development with C++"; macOS: xcode-select --install)';
  }
  const errLine = text.split(/\r?\n/).find((l) => /gyp ERR!/.test(l) && !/gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(l));
  return errLine ? errLine.replace(/^.*gyp ERR!\s*/, '').trim() : firstErrorLine(text);
}

/** Does the ordinary (Node) build load and answer a query under this Node? → { ok, detail } */
export async function checkNodeSqlite(appRoot) {
  const script =
    "const D=require('better-sqlite3');const db=new D(':memory:');const v=db.prepare('select sqlite_version() v').get().v;db.close();process.stdout.write(v)";
  const r = await run(process.execPath, ['-e', script], { cwd: appRoot, capture: true, timeoutMs: VERIFY_TIMEOUT_MS });
  return r.code === 0 ? { ok: true, detail: `SQLite ${r.stdout.trim()}` } : { ok: false, detail: firstErrorLine(r.stderr) || `exit ${r.code}` };
}

/** Does node-pty load under this Node? → { ok, detail } */
export async function checkNodePty(appRoot) {
  const script = "const p=require('node-pty');if(typeof p.spawn!=='function')throw new Error('node-pty has no spawn()');";
  const r = await run(process.execPath, ['-e', script], { cwd: appRoot, capture: true, timeoutMs: VERIFY_TIMEOUT_MS });
  return r.code === 0 ? { ok: true, detail: 'loads' } : { ok: false, detail: firstErrorLine(r.stderr) || `exit ${r.code}` };
}

/** The npm CLI to run with this Node (no shell, so it works the same on Windows). */
export function npmCli(env = process.env, execPath = process.execPath) {
  if (env.npm_execpath && /npm-cli\.js$/.test(env.npm_execpath)) return env.npm_execpath;
  const candidates = [
    join(dirname(execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Windows layout
    join(dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), // POSIX layout
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}
