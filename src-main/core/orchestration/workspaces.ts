import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { RunWorkspace } from '../../../src-preload/contract/runs';
import type { GitPort } from '../ports/git';
import type { Platform } from '../ports/platform';

/**
 * Where a run's sessions work (MISSION.md): plain folders <root>/main_ai,
 * <root>/monitor_ai, <root>/worker_N, or — for a repository — one git
 * worktree per worker on its own branch `dorch/<run>/worker_N`, so workers
 * never write into each other's checkout. MainAI and MonitorAI always get
 * plain folders: they plan and watch, they do not edit the repository.
 */
export interface RunWorkspaces {
  /** The run's root folder when the person gave none. */
  defaultRoot(runId: string): string;
  /** Checks the workspace choice before anything starts (the repo exists and is a git repo). */
  check(workspace: RunWorkspace): Result<void>;
  prepare(run: { id: string; workspace: RunWorkspace; workspaceRoot: string }, folder: string): Result<string>;
  writeFile(path: string, text: string): Result<string>;
  join(...parts: string[]): string;
}

export interface RunWorkspacesDeps {
  platform: Pick<Platform, 'ensureDir' | 'joinPath' | 'writePrivateFile' | 'checkWorkingDir'>;
  git: GitPort;
  /** <data>/runs */
  runsDir: string;
}

export const workerFolder = (n: number): string => `worker_${n}`;
export const MAIN_FOLDER = 'main_ai';
export const MONITOR_FOLDER = 'monitor_ai';

export function createRunWorkspaces(d: RunWorkspacesDeps): RunWorkspaces {
  return {
    defaultRoot: (runId) => d.platform.joinPath(d.runsDir, runId),
    check(workspace) {
      if (workspace.kind === 'folders') return ok(undefined);
      const top = d.git.topLevel(workspace.repo);
      return top.ok ? ok(undefined) : err('bad_input', `Cannot use ${workspace.repo} for worktrees: ${top.error.message}`);
    },
    prepare(run, folder) {
      const dir = d.platform.joinPath(run.workspaceRoot, folder);
      if (run.workspace.kind === 'worktrees' && folder.startsWith('worker_')) {
        const root = d.platform.ensureDir(run.workspaceRoot);
        if (!root.ok) return root;
        const added = d.git.addWorktree(run.workspace.repo, dir, `dorch/${run.id}/${folder}`);
        if (!added.ok) return added;
        return d.platform.checkWorkingDir(dir);
      }
      const made = d.platform.ensureDir(dir);
      return made.ok ? d.platform.checkWorkingDir(made.value) : made;
    },
    writeFile: (path, text) => d.platform.writePrivateFile(path, text),
    join: (...parts) => d.platform.joinPath(...parts),
  };
}
