import { err, ok, type Result } from '../../src-preload/contract/result';
import type { ProcessSignals } from '../core/ports/process-signals';

/**
 * SIGSTOP / SIGCONT to a session's whole process group: node-pty starts each
 * agent as a session leader (setsid), so -pid reaches the agent and every
 * child it started. Windows has no stop signal: say so, never pretend.
 */
export function createProcessSignals(platform: NodeJS.Platform = process.platform): ProcessSignals {
  const send = (pid: number, signal: 'SIGSTOP' | 'SIGCONT'): Result<void> => {
    if (platform === 'win32') return err('unavailable', 'Windows has no pause signal: stop or interrupt the agent instead.');
    try {
      process.kill(-pid, signal);
      return ok(undefined);
    } catch (e) {
      return err('invalid_state', `Could not ${signal === 'SIGSTOP' ? 'pause' : 'resume'} process group ${pid}: ${(e as Error).message}`);
    }
  };
  return { pauseTree: (pid) => send(pid, 'SIGSTOP'), resumeTree: (pid) => send(pid, 'SIGCONT') };
}
