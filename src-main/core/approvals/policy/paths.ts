import path from 'node:path';
import { componentIsCatchAll, componentMayMatchDotDot } from './glob';
import type { PolicyPlatform } from './types';
import type { ResolvedWord } from './words';

/**
 * Where a path lies relative to the session's workspace, decided lexically
 * (node:path's posix or win32 flavour, never the real file system): symlinks
 * cannot be seen, so anything that cannot be placed for sure counts as
 * outside or unknown, never as inside.
 */

/**
 * inside: strictly below the workspace root; root: the root itself (or all of
 * it, `*`); outside; unknown: depends on a variable, command output or an
 * unknown working folder.
 */
export type Where = 'inside' | 'root' | 'outside' | 'unknown';

export interface PathTarget {
  /** As the agent wrote it. */
  readonly raw: string;
  /** Normalised absolute path; for globs and partly-unknown paths the folder that holds them; null when unplaceable. */
  readonly abs: string | null;
  readonly where: Where;
  readonly glob: boolean;
  /** A glob whose last part matches (nearly) everything in its folder: `dir/*` stands for dir's whole content. */
  readonly catchAll: boolean;
  readonly dynamic: boolean;
}

export interface Workspace {
  readonly platform: PolicyPlatform;
  /** Normalised absolute workspace root; null when the request named none (then nothing is inside). */
  readonly root: string | null;
  readonly home: string | null;
}

/** The folders a command may run in (more than one when a `cd` may or may not have happened). */
export interface CwdSet {
  readonly paths: readonly string[];
  /** True when some possible folder cannot be known (cd $X, popd …). */
  readonly unknown: boolean;
}

export function flavor(platform: PolicyPlatform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function isAbsolutePath(platform: PolicyPlatform, p: string): boolean {
  if (platform === 'win32') return /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]/.test(p);
  return p.startsWith('/');
}

/**
 * Absolute, normalised form of p seen from base; null when no one can say
 * without the file system (drive-relative "D:foo", relative path with no base).
 */
export function toAbsolute(platform: PolicyPlatform, base: string | null, p: string): string | null {
  if (platform !== 'win32') {
    if (p.startsWith('/')) return path.posix.resolve(p);
    if (base === null || !base.startsWith('/')) return null;
    return path.posix.resolve(base, p);
  }
  let q = p.replace(/^\\\\\?\\UNC\\/i, '\\\\').replace(/^\\\\\?\\/, '');
  // Git Bash, Cygwin and WSL spell C:\x as /c/x, /cygdrive/c/x, /mnt/c/x.
  const mount = /^\/(?:cygdrive\/|mnt\/)?([A-Za-z])(\/|$)/.exec(q);
  if (mount) q = `${mount[1]!.toUpperCase()}:\\${q.slice(mount[0].length)}`;
  if (/^[A-Za-z]:(?![\\/])/.test(q)) return null; // drive-relative: depends on that drive's current folder
  if (/^[A-Za-z]:[\\/]/.test(q) || q.startsWith('\\\\') || q.startsWith('//')) return path.win32.resolve(q);
  if (base === null || !/^[A-Za-z]:[\\/]|^\\\\/.test(base)) return null;
  return path.win32.resolve(base, q);
}

/** Comparison key: Windows and macOS file systems ignore case (by default), Linux does not. */
export function pathKey(platform: PolicyPlatform, abs: string): string {
  return platform === 'linux' ? abs : abs.toLowerCase();
}

export function samePath(platform: PolicyPlatform, a: string, b: string): boolean {
  return pathKey(platform, a) === pathKey(platform, b);
}

/** child lies strictly below parent. */
export function isStrictlyInside(platform: PolicyPlatform, child: string, parent: string): boolean {
  const sep = platform === 'win32' ? '\\' : '/';
  const c = pathKey(platform, child);
  const p = pathKey(platform, parent);
  const prefix = p.endsWith(sep) ? p : p + sep;
  return c !== p && c.startsWith(prefix);
}

export function whereIs(ws: Workspace, abs: string): 'inside' | 'root' | 'outside' {
  if (ws.root === null) return 'outside';
  if (samePath(ws.platform, abs, ws.root)) return 'root';
  return isStrictlyInside(ws.platform, abs, ws.root) ? 'inside' : 'outside';
}

/** abs is the workspace root or one of its ancestors (deleting it deletes the workspace). */
export function containsWorkspace(ws: Workspace, abs: string): boolean {
  if (ws.root === null) return false;
  return samePath(ws.platform, abs, ws.root) || isStrictlyInside(ws.platform, ws.root, abs);
}

/** A folder the command runs in, as a target. */
export function folderTarget(ws: Workspace, abs: string): PathTarget {
  return { raw: '.', abs, where: whereIs(ws, abs), glob: false, catchAll: false, dynamic: false };
}

/** Targets of one resolved word, one per possible working folder. */
export function resolveTargets(word: ResolvedWord, cwds: CwdSet, ws: Workspace): PathTarget[] {
  const base = { raw: word.raw, glob: word.globAt !== null, catchAll: false, dynamic: word.dynamicAt !== null };
  if (word.unresolvable) return [{ ...base, abs: null, where: 'outside' }];
  const dyn = word.dynamicAt ?? Infinity;
  const glob = word.globAt ?? Infinity;
  const out: PathTarget[] = [];
  const eachBase = (rel: string, f: (abs: string) => PathTarget): void => {
    if (isAbsolutePath(ws.platform, rel) || (ws.platform === 'win32' && /^[A-Za-z]:/.test(rel))) {
      const abs = toAbsolute(ws.platform, cwds.paths[0] ?? ws.root, rel);
      out.push(abs === null ? { ...base, abs: null, where: 'outside' } : f(abs));
      return;
    }
    for (const cwd of cwds.paths) {
      const abs = toAbsolute(ws.platform, cwd, rel);
      out.push(abs === null ? { ...base, abs: null, where: 'outside' } : f(abs));
    }
    if (cwds.unknown || cwds.paths.length === 0) out.push({ ...base, abs: null, where: 'unknown' });
  };

  if (dyn === Infinity && glob === Infinity) {
    eachBase(word.text, (abs) => ({ ...base, abs, where: whereIs(ws, abs) }));
    return out;
  }
  const cut = Math.min(dyn, glob);
  const sepAt = lastSeparator(ws.platform, word.text.slice(0, cut));
  const dir = sepAt < 0 ? '.' : word.text.slice(0, sepAt + 1) || '.';
  if (glob < dyn) {
    const rest = word.text.slice(sepAt + 1);
    const nextSep = firstSeparator(ws.platform, rest);
    const component = nextSep < 0 ? rest : rest.slice(0, nextSep);
    const isLast = nextSep < 0 || rest.slice(nextSep).replace(/[\\/]/g, '') === '';
    const catchAll = isLast && componentIsCatchAll(component);
    eachBase(dir, (parent) => {
      if (componentMayMatchDotDot(component)) return { ...base, catchAll, abs: parent, where: 'outside' };
      const w = whereIs(ws, parent);
      if (w === 'root') return { ...base, catchAll, abs: parent, where: catchAll ? 'root' : 'inside' };
      return { ...base, catchAll, abs: parent, where: w };
    });
    return out;
  }
  // Part of the path is unknown: only the folder before it can be placed.
  if (sepAt < 0) {
    out.push({ ...base, abs: null, where: 'unknown' });
    return out;
  }
  eachBase(dir, (parent) => {
    const w = whereIs(ws, parent);
    const settled = w === 'outside' && !containsWorkspace(ws, parent);
    return { ...base, abs: parent, where: settled ? 'outside' : 'unknown' };
  });
  return out;
}

/** A plain path (tool arguments, hook payloads): no shell expansion beyond a leading ~. */
export function resolvePlainPath(p: string, cwds: CwdSet, ws: Workspace): PathTarget[] {
  const home = ws.home;
  let text = p;
  if ((p === '~' || /^~[\\/]/.test(p)) && home !== null) text = home + p.slice(1);
  const unresolvable = /^~[^\\/]/.test(p) || (p.startsWith('~') && home === null);
  return resolveTargets({ raw: p, text, dynamicAt: null, globAt: null, unresolvable, substitutions: [], quoted: true }, cwds, ws);
}

function lastSeparator(platform: PolicyPlatform, s: string): number {
  return platform === 'win32' ? Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) : s.lastIndexOf('/');
}

function firstSeparator(platform: PolicyPlatform, s: string): number {
  const slash = s.indexOf('/');
  const back = platform === 'win32' ? s.indexOf('\\') : -1;
  if (slash < 0) return back;
  if (back < 0) return slash;
  return Math.min(slash, back);
}
