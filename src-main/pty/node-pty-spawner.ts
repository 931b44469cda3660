import { spawn as spawnProcess } from 'node:child_process';
import * as nodePty from 'node-pty';
import { err, ok } from '../../src-preload/contract/result';
import type { PtyProcess, PtySpawner, PtySpawnOptions } from '../core/ports/pty';
import { toDisposable } from '../lib/disposable';
import { isProcessAlive } from '../lib/process-alive';

/**
 * The only node-pty importer. node-pty uses N-API, so the same build works in
 * Node (browser mode, tests) and Electron.
 */
export function createNodePtySpawner(): PtySpawner {
  return {
    spawn(opts: PtySpawnOptions) {
      let proc: nodePty.IPty;
      try {
        proc = nodePty.spawn(opts.command, [...opts.args], {
          name: 'xterm-256color',
          cols: opts.cols,
          rows: opts.rows,
          cwd: opts.cwd,
          env: opts.env,
          // UTF-8 decoding with a streaming decoder: split multi-byte sequences are joined,
          // invalid bytes become U+FFFD instead of crashing anything downstream.
          encoding: 'utf8',
          // ConPTY everywhere it exists (Windows 10 1809+); winpty is legacy.
          useConpty: true,
        });
      } catch (e) {
        return err('spawn_failed', `Could not start ${opts.command}: ${(e as Error).message}`);
      }
      return ok(wrap(proc));
    },
  };
}

/**
 * node-pty reports an exit only once the pty's socket has drained, and
 * destroys the socket 200 ms after the child died if it has not — so output
 * still unread while flow control holds the pty paused would be lost. While
 * paused, the child is checked this often, and a dead child's pty is
 * resumed: what is left is at most the kernel's pty buffer.
 */
const PAUSED_EXIT_CHECK_MS = 50;

function wrap(proc: nodePty.IPty): PtyProcess {
  let exited = false;
  /** The child died while the pty was paused: from then on it is drained, never paused again. */
  let childDead = false;
  let exitCheck: ReturnType<typeof setInterval> | null = null;
  const stopExitCheck = (): void => {
    if (exitCheck !== null) clearInterval(exitCheck);
    exitCheck = null;
  };
  proc.onExit(() => {
    exited = true;
    stopExitCheck();
  });
  return {
    pid: proc.pid,
    onData(listener) {
      const d = proc.onData(listener);
      return toDisposable(() => d.dispose());
    },
    onExit(listener) {
      const d = proc.onExit((e) => listener({ exitCode: e.exitCode, signal: e.signal ? e.signal : null }));
      return toDisposable(() => d.dispose());
    },
    write(data) {
      if (!exited) proc.write(data);
    },
    resize(cols, rows) {
      // Resizing an exited pty throws on some platforms; there is nothing to resize then.
      if (!exited) proc.resize(cols, rows);
    },
    pause() {
      // Re-pausing a dead child's pty would let node-pty discard what is left (its close timer runs
      // while paused); the remainder is at most the kernel's pty buffer, so it is drained instead.
      if (childDead || exited) return;
      proc.pause();
      if (exitCheck !== null || process.platform === 'win32') return;
      exitCheck = setInterval(() => {
        if (isProcessAlive(proc.pid)) return;
        childDead = true;
        stopExitCheck();
        proc.resume();
      }, PAUSED_EXIT_CHECK_MS);
      exitCheck.unref();
    },
    resume() {
      stopExitCheck();
      proc.resume();
    },
    terminate() {
      if (exited) return;
      // Windows has no signals: node-pty ends the process there. On POSIX, SIGHUP is what
      // closing a terminal sends: interactive shells ignore SIGTERM but exit on it, and
      // agents get to clean up.
      if (process.platform === 'win32') proc.kill();
      else proc.kill('SIGHUP');
    },
    killTree() {
      if (exited) return;
      killProcessTree(proc.pid);
    },
  };
}

/** Ends a process and all its descendants. */
export function killProcessTree(pid: number): void {
  if (process.platform === 'win32') {
    // taskkill /T walks the tree; /F because a tree kill is the last resort.
    const child = spawnProcess('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    child.on('error', () => undefined); // nothing more we can do; the exit event tells the truth
    return;
  }
  // node-pty makes the child a session leader, so its pid is its process group id.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone: the exit event will (or did) report it.
    }
  }
}
