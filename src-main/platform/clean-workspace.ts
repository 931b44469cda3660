import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute, relative, resolve, join } from 'node:path';
import { err, ok, type Result } from '../../src-preload/contract/result';

/**
 * Empties a session's working folder for "restart with a clean workspace".
 * Only folders inside the app's own workspace root are touched: a session
 * started in the person's project folder is never wiped.
 */
export function createWorkspaceCleaner(workspaceRoot: string): (cwd: string) => Result<void> {
  const root = resolve(workspaceRoot);
  return (cwd) => {
    const target = resolve(cwd);
    const rel = relative(root, target);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      return err('forbidden', `Only folders the app created under ${root} are cleaned; ${target} was left untouched.`);
    }
    try {
      for (const name of readdirSync(target)) rmSync(join(target, name), { recursive: true, force: true });
      return ok(undefined);
    } catch (e) {
      return err('unavailable', `Could not clean ${target}: ${(e as Error).message}`);
    }
  };
}
