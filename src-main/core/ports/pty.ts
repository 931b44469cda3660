import type { Result } from '../../../src-preload/contract/result';
import type { Disposable } from '../../lib/disposable';

/** What the core needs from a pseudo-terminal. The node-pty adapter implements it. */
export interface PtySpawnOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export interface PtyExit {
  exitCode: number;
  /** Signal number on POSIX when killed by a signal; null otherwise. */
  signal: number | null;
}

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): Disposable;
  onExit(listener: (exit: PtyExit) => void): Disposable;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stop reading from the pty (backpressure reaches the child). */
  pause(): void;
  resume(): void;
  /** Ask the process to terminate (SIGHUP on POSIX, as a closed terminal does; on Windows this ends it). */
  terminate(): void;
  /** End the whole process tree now (process group / taskkill /T /F). */
  killTree(): void;
}

export interface PtySpawner {
  spawn(opts: PtySpawnOptions): Result<PtyProcess>;
}
