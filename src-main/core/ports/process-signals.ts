import type { Result } from '../../../src-preload/contract/result';

/**
 * Pausing and resuming a session's process tree (SIGSTOP / SIGCONT to its
 * process group on POSIX). Windows has no such signal: the adapter answers
 * `unavailable` and the UI says so (DESIGN.md §10).
 */
export interface ProcessSignals {
  pauseTree(pid: number): Result<void>;
  resumeTree(pid: number): Result<void>;
}
