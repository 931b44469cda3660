#!/usr/bin/env node
// npm start -- [options]: the desktop app when Electron can start here,
// otherwise browser mode with one line saying why (DESIGN.md §2).
//   --browser     go straight to browser mode (also DUAL_ORCH_BROWSER=1)
//   --no-build    use out/ as it is
// Everything else is passed to the app (--data-dir, --port, --host, --token, --open).
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 means: use Electron only if already downloaded.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build.mjs';
import { runBrowserMode } from './lib/browser-mode.mjs';
import { electronBinaryPresent, electronPackage, resolveElectronBinary } from './lib/electron.mjs';
import { electronFailedToStart, fallbackLine, preflight } from './lib/host-choice.mjs';
import { splitLaunchArgs } from './lib/launch-args.mjs';
import { ensureElectronSqlite } from './lib/native-sqlite.mjs';

/** An Electron that dies this soon with a crash signal or exit 127 never started: fall back. */
const STARTUP_GRACE_MS = 5_000;

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { flags, appArgs } = splitLaunchArgs(process.argv.slice(2));

function browserMode(reason) {
  if (reason && !reason.explicit) process.stdout.write(`${fallbackLine(reason.reason)}\n`);
  runBrowserMode(appRoot, appArgs);
}

/** Runs the desktop app; resolves with a reason if Electron could not start at all, else exits with its code. */
function launchElectron(electronPath) {
  return new Promise((resolvePromise) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // set by a parent Electron, it would make ours a plain Node
    const started = Date.now();
    const child = spawn(electronPath, ['.', ...appArgs], { cwd: appRoot, env, stdio: 'inherit', shell: false });
    // POSIX: pass termination on (a terminal's Ctrl-C reaches Electron too; a
    // second quit request is harmless). Windows has no signals to forward:
    // the console delivers Ctrl-C to both, and kill() would be a hard kill.
    const forward = (signal) => () => {
      if (process.platform !== 'win32' && child.exitCode === null) child.kill(signal);
    };
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, forward(s));
    let settled = false;
    const done = (code, signal, error) => {
      if (settled) return;
      settled = true;
      const failed = electronFailedToStart({ code, signal, error, elapsedMs: Date.now() - started, graceMs: STARTUP_GRACE_MS });
      if (failed) {
        resolvePromise({ explicit: false, reason: failed });
        return;
      }
      process.exit(code ?? 1);
    };
    child.on('error', (error) => done(null, null, error));
    child.on('exit', (code, signal) => done(code, signal, null));
  });
}

async function main() {
  if (!(await ensureBuilt(appRoot, { skip: flags.noBuild }))) {
    process.exitCode = 1;
    return;
  }
  const pkg = electronPackage(appRoot);
  const early = preflight({
    browserFlag: flags.browser,
    env: process.env,
    platform: process.platform,
    electronInstalled: pkg !== null,
    binaryPresent: electronBinaryPresent(pkg),
  });
  if (early) return browserMode(early);

  const binary = await resolveElectronBinary(pkg);
  if (!binary.ok) return browserMode({ explicit: false, reason: binary.reason });

  // Electron loads better-sqlite3 from .native/ (built for its ABI once, kept
  // beside node_modules so tests and browser mode keep the Node build).
  const sqlite = await ensureElectronSqlite(appRoot, { electronVersion: pkg.version, electronPath: binary.path });
  if (!sqlite.ok) return browserMode({ explicit: false, reason: sqlite.reason });

  const notStarted = await launchElectron(binary.path);
  browserMode(notStarted);
}

await main();
