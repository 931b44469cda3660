import { execFile } from 'node:child_process';
import type { Result } from '../../../src-preload/contract/result';
import { err, ok } from '../../../src-preload/contract/result';

/** Runs a program without a shell and returns its stdout; injectable so adapters test on recorded output. */
export type RunFile = (command: string, args: readonly string[], timeoutMs?: number) => Promise<Result<string>>;

/** Long enough for a cold PowerShell start on a busy Windows machine. */
const DEFAULT_RUN_TIMEOUT_MS = 15_000;
/** A process table of tens of thousands of rows as JSON stays well below this. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export const runFile: RunFile = (command, args, timeoutMs = DEFAULT_RUN_TIMEOUT_MS) =>
  new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, shell: false },
      (error, stdout) => {
        if (error) resolve(err('unavailable', `${command} failed: ${error.message}`));
        else resolve(ok(stdout));
      },
    );
  });
