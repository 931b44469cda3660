import type { Result } from '../../../src-preload/contract/result';

/** File-system and OS facts the core asks for, behind a port for tests. */
export interface Platform {
  readonly os: 'win32' | 'darwin' | 'linux' | 'other';
  /** Checks a working folder: exists, is a folder, is writable. */
  checkWorkingDir(path: string): Result<string>;
  /** Creates a folder (and parents); returns its absolute path. */
  ensureDir(path: string): Result<string>;
  /** Resolves a command the way the OS would (PATH, PATHEXT on Windows), or null. */
  which(command: string, env: Record<string, string | undefined>): string | null;
  /** The default interactive shell for this OS with its arguments. */
  defaultShell(env: Record<string, string | undefined>): { command: string; args: string[] };
  /** Writes a UTF-8 text file (creating its folder), readable by the owner only where the OS allows. */
  writePrivateFile(path: string, text: string): Result<string>;
  joinPath(...parts: string[]): string;
  resolvePath(...parts: string[]): string;
}
