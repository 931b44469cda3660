import { spawn, type ChildProcess } from 'node:child_process';
import { err, ok } from '../../src-preload/contract/result';
import type { RunJudge } from '../core/approvals/policy/judge';

/**
 * The RunJudge port over node:child_process: runs the policy's judge
 * command without a shell (argv as given), writes the request JSON to its
 * stdin, and reads its answer from stdout. Every failure (no program,
 * non-zero exit, timeout, oversize output) is an error value: the core then
 * leaves the decision to the person.
 */

/** A judge answers with one small JSON object; more is a broken or hostile judge. */
export const MAX_JUDGE_STDOUT_BYTES = 64 * 1024;
/** Enough of stderr to say why a judge failed, in the decision's reason. */
const STDERR_TAIL_CHARS = 500;

export interface JudgeRunnerOptions {
  /** Environment for the judge; defaults to this process's (a judge may need its API key). */
  readonly env?: NodeJS.ProcessEnv;
}

export function createJudgeRunner(opts: JudgeRunnerOptions = {}): RunJudge {
  return (argv, stdinJson, timeoutMs) =>
    new Promise((resolve) => {
      const [program, ...args] = argv;
      if (program === undefined) {
        resolve(err('bad_input', 'The judge command is empty.'));
        return;
      }
      let child: ChildProcess;
      try {
        child = spawn(program, args, {
          shell: false,
          windowsHide: true,
          stdio: ['pipe', 'pipe', 'pipe'],
          env: opts.env ?? process.env,
          // Own process group on POSIX, so a timeout can end the judge and its children.
          detached: process.platform !== 'win32',
        });
      } catch (e) {
        resolve(err('spawn_failed', `The judge could not start: ${(e as Error).message}`));
        return;
      }
      const out: Buffer[] = [];
      let outBytes = 0;
      let errTail = '';
      let settled = false;
      const finish = (r: Awaited<ReturnType<RunJudge>>, kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (kill) killTree(child);
        resolve(r);
      };
      const timer = setTimeout(() => finish(err('unavailable', `The judge did not answer within ${timeoutMs} ms.`), true), timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code === 'ENOENT' ? 'command_not_found' : 'spawn_failed';
        finish(err(code, `The judge could not start (${program}): ${e.message}`), false);
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > MAX_JUDGE_STDOUT_BYTES) finish(err('unavailable', `The judge wrote more than ${MAX_JUDGE_STDOUT_BYTES} bytes.`), true);
        else out.push(chunk);
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        errTail = (errTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
      });
      child.on('close', (code, signal) => {
        if (code === 0) finish(ok(Buffer.concat(out).toString('utf8')), false);
        else finish(err('unavailable', `The judge exited with ${code ?? signal}${errTail.trim() === '' ? '' : `: ${errTail.trim()}`}`), false);
      });
      // A judge that exits without reading stdin makes the write fail (EPIPE); its exit code tells the story.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(stdinJson, 'utf8');
    });
}

function killTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    const killer = spawn('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    killer.on('error', () => undefined); // nothing more to do; the judge's answer is already "failed"
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
