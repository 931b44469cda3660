import { spawn } from 'node:child_process';

/**
 * Runs a program without a shell (Windows-safe: no quoting, no cmd.exe) and
 * resolves with its exit status; output is inherited or captured. A timeout
 * kills the child and reports timedOut instead of hanging the caller.
 */
export function run(command, args, { cwd, env, capture = false, timeoutMs } = {}) {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd, env, shell: false, windowsHide: true, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    } catch (e) {
      resolvePromise({ code: null, signal: null, stdout, stderr, timedOut, error: e });
      return;
    }
    if (capture) {
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    }
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill();
        }, timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, signal: null, stdout, stderr, timedOut, error });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut, error: null });
    });
  });
}

/** The first line of output that names an error, for one-line reports. */
export function firstErrorLine(text) {
  const lines = String(text).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|failed|cannot|denied|not found/i.test(l)) ?? lines[0] ?? '';
}
