import { describe, expect, it } from 'vitest';
import { containsWorkspace, isStrictlyInside, resolvePlainPath, resolveTargets, toAbsolute, whereIs, type CwdSet, type Workspace } from './paths';
import { resolveWord } from './words';
import { lexCommand } from './shell-lexer';

const LINUX: Workspace = { platform: 'linux', root: '/home/dev/project', home: '/home/dev' };
const WIN: Workspace = { platform: 'win32', root: 'C:\\Users\\dev\\project', home: 'C:\\Users\\dev' };
const MAC: Workspace = { platform: 'darwin', root: '/Users/dev/Project', home: '/Users/dev' };
const at = (cwd: string): CwdSet => ({ paths: [cwd], unknown: false });

/** Lex one word the way the shell would and place it. */
function place(word: string, ws: Workspace, cwd = ws.root!) {
  const lexed = lexCommand(`x ${word}`, ws.platform === 'win32' ? 'windows' : 'posix').commands[0]!.words[1]!;
  const [w] = resolveWord(lexed, ws.platform === 'win32' ? 'windows' : 'posix', { platform: ws.platform, homeDir: ws.home!, pwd: cwd });
  return resolveTargets(w!, at(cwd), ws);
}

describe('toAbsolute', () => {
  it.each([
    ['linux', '/a/b', 'c/../d', '/a/b/d'],
    ['linux', '/a/b', '/x/./y/', '/x/y'],
    ['linux', '/a/b', '../../..', '/'],
    ['win32', 'C:\\w', 'x\\y', 'C:\\w\\x\\y'],
    ['win32', 'C:\\w', 'D:\\x/y', 'D:\\x\\y'],
    ['win32', 'C:\\w', '\\x', 'C:\\x'],
    ['win32', 'C:\\w', '/c/Users/dev', 'C:\\Users\\dev'],
    ['win32', 'C:\\w', '/cygdrive/d/x', 'D:\\x'],
    ['win32', 'C:\\w', '\\\\?\\C:\\x', 'C:\\x'],
    ['win32', 'C:\\w', '\\\\server\\share\\x', '\\\\server\\share\\x'],
  ] as const)('%s: %s + %s → %s', (platform, base, p, expected) => {
    expect(toAbsolute(platform, base, p)).toBe(expected);
  });

  it('refuses what needs the file system: drive-relative paths, relative paths without a base', () => {
    expect(toAbsolute('win32', 'C:\\w', 'D:foo')).toBeNull();
    expect(toAbsolute('win32', 'C:\\w', 'C:')).toBeNull();
    expect(toAbsolute('linux', null, 'x')).toBeNull();
  });
});

describe('inside / outside', () => {
  it('is strict and separator-aware', () => {
    expect(isStrictlyInside('linux', '/home/dev/project/x', '/home/dev/project')).toBe(true);
    expect(isStrictlyInside('linux', '/home/dev/project', '/home/dev/project')).toBe(false);
    expect(isStrictlyInside('linux', '/home/dev/project-other', '/home/dev/project')).toBe(false);
    expect(isStrictlyInside('linux', '/anything', '/')).toBe(true);
  });

  it('ignores case on Windows and macOS, not on Linux', () => {
    expect(whereIs(WIN, 'c:\\users\\DEV\\Project\\a')).toBe('inside');
    expect(whereIs(MAC, '/users/dev/project/a')).toBe('inside');
    expect(whereIs(LINUX, '/home/dev/PROJECT/a')).toBe('outside');
  });

  it('knows which folders hold the workspace', () => {
    expect(containsWorkspace(LINUX, '/home/dev')).toBe(true);
    expect(containsWorkspace(LINUX, '/home/dev/project')).toBe(true);
    expect(containsWorkspace(LINUX, '/home/dev/project/src')).toBe(false);
  });

  it('puts nothing inside a workspace that has no root', () => {
    expect(whereIs({ ...LINUX, root: null }, '/home/dev/project/a')).toBe('outside');
  });
});

describe('resolveTargets', () => {
  it.each([
    ['src/a.ts', 'inside'],
    ['.', 'root'],
    ['./', 'root'],
    ['..', 'outside'],
    ['src/../../x', 'outside'],
    ['~/project/x', 'inside'],
    ['$HOME', 'outside'],
    ['"${HOME}/project"', 'root'],
    ['*', 'root'],
    ['./*', 'root'],
    ['*.log', 'inside'],
    ['src/*', 'inside'],
    ['.*', 'outside'],
    ['../*', 'outside'],
    ['/tmp/*', 'outside'],
    ['"$DIR/"*', 'unknown'],
    ['$X', 'unknown'],
    ['./$X', 'unknown'],
    ['/etc/$X', 'outside'],
    ['"$HOME/$X"', 'unknown'],
    ['~root/x', 'outside'],
    ['"*"', 'inside'],
  ])('%s → %s', (word, where) => {
    const targets = place(word, LINUX);
    expect(targets.map((t) => t.where)).toEqual([where]);
  });

  it('places a word once per possible working folder', () => {
    const lexed = lexCommand('x build', 'posix').commands[0]!.words[1]!;
    const [w] = resolveWord(lexed, 'posix', { platform: 'linux', homeDir: '/home/dev', pwd: null });
    const targets = resolveTargets(w!, { paths: ['/home/dev/project', '/tmp'], unknown: true }, LINUX);
    expect(targets.map((t) => [t.abs, t.where])).toEqual([
      ['/home/dev/project/build', 'inside'],
      ['/tmp/build', 'outside'],
      [null, 'unknown'],
    ]);
  });

  it.each([
    ['C:\\Users\\dev\\project\\src', 'inside'],
    ['C:\\Users\\dev\\project', 'root'],
    ['C:\\', 'outside'],
    ['$env:USERPROFILE\\project\\x', 'inside'],
    ['%USERPROFILE%\\.ssh', 'outside'],
    ['D:x', 'outside'],
    ['..\\other', 'outside'],
  ])('win32: %s → %s', (word, where) => {
    expect(place(word, WIN).map((t) => t.where)).toEqual([where]);
  });

  it('expands ~ in plain tool paths', () => {
    expect(resolvePlainPath('~/.ssh/config', at(LINUX.root!), LINUX)[0]!.abs).toBe('/home/dev/.ssh/config');
    expect(resolvePlainPath('src/a.ts', at(LINUX.root!), LINUX)[0]!.where).toBe('inside');
    expect(resolvePlainPath('~other/x', at(LINUX.root!), LINUX)[0]!.where).toBe('outside');
  });
});
