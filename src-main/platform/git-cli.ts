import { execFileSync } from 'node:child_process';
import { err, ok, type Result } from '../../src-preload/contract/result';
import type { GitPort } from '../core/ports/git';

/** git calls are short local operations; a hung one (a credential prompt, a lock) must not hang a run. */
const GIT_TIMEOUT_MS = 30_000;

function git(args: string[], cwd?: string): Result<string> {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    return ok(out.trim());
  } catch (e) {
    const x = e as { code?: string; stderr?: string; message: string };
    if (x.code === 'ENOENT') return err('command_not_found', 'git was not found on PATH; install git to use worktrees.');
    return err('internal', (x.stderr ?? x.message).trim().split('\n').slice(-3).join(' '));
  }
}

/** The GitPort through the git CLI (the user's own git, config and hooks). */
export const gitCli: GitPort = {
  topLevel: (path) => git(['-C', path, 'rev-parse', '--show-toplevel']),
  addWorktree(repo, dir, branch) {
    const r = git(['-C', repo, 'worktree', 'add', '-b', branch, dir]);
    return r.ok ? ok(undefined) : r;
  },
};
