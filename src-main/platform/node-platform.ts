import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { err, ok } from '../../src-preload/contract/result';
import type { Platform } from '../core/ports/platform';

/** The Platform port over node:fs / node:path / process.platform. */
export function createNodePlatform(): Platform {
  const os = process.platform === 'win32' || process.platform === 'darwin' || process.platform === 'linux' ? process.platform : 'other';
  return {
    os,
    checkWorkingDir(path) {
      const abs = resolve(path);
      let st;
      try {
        st = statSync(abs);
      } catch {
        return err('bad_cwd', `The working folder ${abs} does not exist.`);
      }
      if (!st.isDirectory()) return err('bad_cwd', `${abs} is not a folder.`);
      try {
        accessSync(abs, constants.W_OK);
      } catch {
        return err('bad_cwd', `The working folder ${abs} is not writable.`);
      }
      return ok(abs);
    },
    ensureDir(path) {
      const abs = resolve(path);
      try {
        mkdirSync(abs, { recursive: true });
        return ok(abs);
      } catch (e) {
        return err('bad_cwd', `Cannot create the folder ${abs}: ${(e as Error).message}`);
      }
    },
    which(command, env) {
      return which(command, env, os === 'win32');
    },
    defaultShell(env) {
      if (os === 'win32') {
        // PowerShell 7 when installed, else Windows PowerShell; both UTF-8 capable, unlike cmd's code pages.
        const pwsh = which('pwsh.exe', env, true);
        if (pwsh) return { command: pwsh, args: ['-NoLogo'] };
        return { command: which('powershell.exe', env, true) ?? 'powershell.exe', args: ['-NoLogo'] };
      }
      const shell = env.SHELL && isExecutable(env.SHELL) ? env.SHELL : (which('bash', env, false) ?? '/bin/sh');
      // A login shell, like a terminal app opens: the person's PATH and aliases are there.
      return { command: shell, args: ['-l'] };
    },
    writePrivateFile(path, text) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        // 0600: the file carries a per-session secret (Windows ignores the mode; the data folder is per-user there).
        writeFileSync(path, text, { encoding: 'utf8', mode: 0o600 });
        return ok(path);
      } catch (e) {
        return err('unavailable', `Cannot write ${path}: ${(e as Error).message}`);
      }
    },
    joinPath: (...parts) => join(...parts),
    resolvePath: (...parts) => resolve(...parts),
  };
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(command: string, env: Record<string, string | undefined>, windows: boolean): string | null {
  const hasDir = command.includes('/') || (windows && command.includes('\\'));
  const exts = windows
    ? ['', ...(env.PATHEXT ?? env.Pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((e) => e.toLowerCase())]
    : [''];
  const candidates = (base: string): string[] => exts.map((e) => base + e);
  if (hasDir || isAbsolute(command)) {
    for (const c of candidates(resolve(command))) if (windows ? fileExists(c) : isExecutable(c)) return c;
    return null;
  }
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const c of candidates(join(dir, command))) if (windows ? fileExists(c) : isExecutable(c)) return c;
  }
  return null;
}

function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
