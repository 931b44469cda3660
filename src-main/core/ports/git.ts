import type { Result } from '../../../src-preload/contract/result';

/** The git CLI as the orchestration needs it (adapter: src-main/platform/git-cli.ts). */
export interface GitPort {
  /** The top folder of the repository containing `path`, or an error saying it is not one. */
  topLevel(path: string): Result<string>;
  /** `git worktree add -b <branch> <dir>` in `repo` (from its HEAD). */
  addWorktree(repo: string, dir: string, branch: string): Result<void>;
}
