import type { Dialect } from './shell-lexer';
import type { ResolvedWord } from './words';

/**
 * Finds the program a simple command really runs, looking through wrappers
 * (sudo, env, nohup, time, timeout, xargs, busybox …) and scripts handed to
 * another interpreter (bash -c, cmd /c, powershell -Command/-EncodedCommand,
 * eval, Invoke-Expression, su -c). Elevation is remembered on the way.
 */

export interface Unwrapped {
  /** Lower-case program name without folder or .exe; null when there is none or it is unknown. */
  readonly program: string | null;
  /** The program name depends on a variable or command output. */
  readonly dynamicProgram: boolean;
  readonly args: readonly ResolvedWord[];
  readonly wrappers: readonly string[];
  /** sudo, doas, su, runas, pkexec, gsudo: who would raise privileges. */
  readonly elevation: string | null;
  /** xargs: more arguments arrive on stdin. */
  readonly argsFromStdin: boolean;
  /** A script another interpreter runs; text null when it is not known (bash -c "$X"). */
  readonly script: { readonly text: string | null; readonly dialect: Dialect; readonly via: string } | null;
  /** A shell that reads its program from stdin (`… | sh`, `bash -s`, `bash <<EOF`). */
  readonly shellReadsStdin: boolean;
  /** env -C DIR: the folder the program runs in. */
  readonly chdir: ResolvedWord | null;
}

/** Deeper wrapper chains than this are not real commands; the rest is judged as is. */
const MAX_WRAPPERS = 16;

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'yash', 'rbash']);
const POWERSHELLS = new Set(['powershell', 'pwsh']);
const ELEVATORS = new Set(['sudo', 'doas', 'su', 'runas', 'pkexec', 'gsudo', 'sudoedit']);
const POSIX_RESERVED = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until']);

/** Basename, lower case, no .exe/.cmd/.bat/.com/.ps1: "C:\\Tools\\RM.EXE" and "/bin/rm" are both "rm". */
export function programName(text: string): string {
  const base = text.split(/[\\/]/).pop() ?? text;
  return base.toLowerCase().replace(/\.(?:exe|cmd|bat|com|ps1)$/, '');
}

type Step =
  | { readonly kind: 'inner'; readonly at: number; readonly argsFromStdin?: boolean; readonly chdir?: ResolvedWord }
  | { readonly kind: 'script'; readonly text: string | null; readonly dialect: Dialect; readonly via: string }
  | { readonly kind: 'self'; readonly readsStdin?: boolean };

type Spec = (w: readonly ResolvedWord[], k: number, name: string) => Step;

const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);

/** Skips options (and the values of those in valueOpts); stops after `--`. */
function skipOpts(w: readonly ResolvedWord[], k: number, valueOpts: ReadonlySet<string>): number {
  while (k < w.length) {
    const t = w[k]!.text;
    if (t === '--') return k + 1;
    if (!t.startsWith('-') || t.length < 2 || w[k]!.dynamicAt !== null) return k;
    k += valueOpts.has(t) ? 2 : 1;
  }
  return k;
}

/** The text of words k.., as the inner interpreter would see it: one word verbatim, several joined as typed. */
function scriptText(w: readonly ResolvedWord[], k: number): string | null {
  const rest = w.slice(k);
  if (rest.length === 0) return null;
  if (rest.some((x) => x.dynamicAt !== null)) return null;
  if (rest.length === 1) return rest[0]!.text;
  return rest.map((x) => x.text).join(' ');
}

const skipping =
  (valueOpts: ReadonlySet<string>): Spec =>
  (w, k) => {
    const at = skipOpts(w, k, valueOpts);
    return at >= w.length ? { kind: 'self' } : { kind: 'inner', at };
  };

const shellSpec: Spec = (w, k, name) => {
  let dashC = false;
  let stdin = false;
  while (k < w.length) {
    const t = w[k]!.text;
    if (t === '--' || t === '-') {
      k++;
      stdin ||= t === '-';
      break;
    }
    if (!/^[-+]./.test(t)) break;
    if (t.startsWith('--')) {
      if (t === '--command') dashC = true;
      else if (t.startsWith('--command=')) return { kind: 'script', text: t.slice(10), dialect: 'posix', via: `${name} --command` };
      k += t === '--rcfile' || t === '--init-file' ? 2 : 1;
      continue;
    }
    const letters = t.slice(1);
    dashC ||= letters.includes('c');
    stdin ||= letters.includes('s');
    k += /[oO]/.test(letters) ? 2 : 1;
  }
  if (dashC) {
    const word = w[k];
    if (word === undefined) return { kind: 'self' };
    return { kind: 'script', text: word.dynamicAt === null ? word.text : null, dialect: 'posix', via: `${name} -c` };
  }
  return { kind: 'self', readsStdin: stdin || k >= w.length };
};

const cmdSpec: Spec = (w, k) => {
  for (; k < w.length; k++) {
    const t = w[k]!.text.toLowerCase();
    if (t === '/c' || t === '/k' || t === '/r') return { kind: 'script', text: scriptText(w, k + 1), dialect: 'windows', via: 'cmd /c' };
    if (!t.startsWith('/')) break;
  }
  return { kind: 'self', readsStdin: k >= w.length };
};

const PS_VALUE_PARAMS = ['executionpolicy', 'windowstyle', 'inputformat', 'outputformat', 'version', 'workingdirectory', 'configurationname', 'settingsfile', 'custompipename', 'encodedarguments'];

const powershellSpec: Spec = (w, k) => {
  for (; k < w.length; k++) {
    const t = w[k]!.text.toLowerCase();
    if (!t.startsWith('-') || t === '-') {
      // Windows PowerShell runs positional text as a command (pwsh would run a file; judging it as a command is the stricter reading).
      return { kind: 'script', text: scriptText(w, k), dialect: 'windows', via: 'powershell' };
    }
    const p = t.replace(/^--?/, '');
    if (p === 'c' || (p.length >= 2 && 'command'.startsWith(p))) return { kind: 'script', text: scriptText(w, k + 1), dialect: 'windows', via: 'powershell -Command' };
    if (p === 'e' || p === 'ec' || (p.length >= 2 && 'encodedcommand'.startsWith(p))) {
      const b64 = w[k + 1];
      return { kind: 'script', text: b64 === undefined || b64.dynamicAt !== null ? null : decodeUtf16Base64(b64.text), dialect: 'windows', via: 'powershell -EncodedCommand' };
    }
    if (p === 'f' || (p.length >= 2 && 'file'.startsWith(p))) return { kind: 'self' };
    if (p === 'ep' || p === 'ex' || p === 'w' || p === 'wd' || p === 'o' || p === 'v' || PS_VALUE_PARAMS.some((v) => p.length >= 3 && v.startsWith(p))) k++;
  }
  return { kind: 'self', readsStdin: true };
};

/** PowerShell -EncodedCommand: base64 of UTF-16LE. Null when it is not valid base64. */
export function decodeUtf16Base64(b64: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) return null;
  return Buffer.from(b64, 'base64').toString('utf16le');
}

const suSpec: Spec = (w, k) => {
  for (; k < w.length; k++) {
    const t = w[k]!.text;
    if (t === '-c' || t === '--command') return { kind: 'script', text: w[k + 1]?.dynamicAt === null ? w[k + 1]!.text : null, dialect: 'posix', via: 'su -c' };
    if (t.startsWith('--command=')) return { kind: 'script', text: t.slice(10), dialect: 'posix', via: 'su -c' };
    if (t === '-s' || t === '--shell' || t === '-g' || t === '-G' || t === '-w') k++;
  }
  return { kind: 'self' };
};

const runasSpec: Spec = (w, k) => {
  while (k < w.length && w[k]!.text.startsWith('/')) k++;
  return k < w.length ? { kind: 'script', text: scriptText(w, k), dialect: 'windows', via: 'runas' } : { kind: 'self' };
};

const envSpec: Spec = (w, k) => {
  let chdir: ResolvedWord | undefined;
  while (k < w.length) {
    const t = w[k]!.text;
    if (t === '--') {
      k++;
      break;
    }
    if (t === '-S' || t === '--split-string' || t.startsWith('--split-string=') || (t.startsWith('-S') && t.length > 2)) {
      // env -S "rm -rf /" splits its argument into a whole command line.
      const inline = t === '-S' || t === '--split-string' ? [] : [t.replace(/^(--split-string=|-S)/, '')];
      const rest = w.slice(k + 1);
      const text = rest.some((x) => x.dynamicAt !== null) ? null : [...inline, ...rest.map((x) => x.text)].join(' ');
      return { kind: 'script', text, dialect: 'posix', via: 'env -S' };
    }
    if (t === '-C' || t === '--chdir') {
      chdir = w[k + 1];
      k += 2;
    } else if (t.startsWith('--chdir=')) {
      const d = w[k]!.dynamicAt;
      chdir = { ...w[k]!, text: t.slice(8), dynamicAt: d === null ? null : Math.max(0, d - 8), globAt: null };
      k++;
    } else if (t === '-u' || t === '--unset') k += 2;
    else if (t.startsWith('-') && t.length > 1) k++;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) k++;
    else break;
  }
  if (k >= w.length) return { kind: 'self' };
  return chdir === undefined ? { kind: 'inner', at: k } : { kind: 'inner', at: k, chdir };
};

const timeoutSpec: Spec = (w, k) => {
  const at = skipOpts(w, k, set('-s', '--signal', '-k', '--kill-after'));
  return at + 1 >= w.length ? { kind: 'self' } : { kind: 'inner', at: at + 1 };
};

const xargsSpec: Spec = (w, k) => {
  const at = skipOpts(w, k, set('-I', '-n', '-L', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--delimiter', '--arg-file', '--eof', '--replace'));
  return at >= w.length ? { kind: 'self' } : { kind: 'inner', at, argsFromStdin: true };
};

const flockSpec: Spec = (w, k) => {
  let at = skipOpts(w, k, set('-w', '--timeout', '-E', '--conflict-exit-code'));
  at++; // the lock file
  if (w[at]?.text === '-c' || w[at]?.text === '--command') return { kind: 'script', text: w[at + 1]?.dynamicAt === null ? w[at + 1]!.text : null, dialect: 'posix', via: 'flock -c' };
  return at >= w.length ? { kind: 'self' } : { kind: 'inner', at };
};

const watchSpec: Spec = (w, k) => {
  const at = skipOpts(w, k, set('-n', '--interval', '-q', '--equexit'));
  return at >= w.length ? { kind: 'self' } : { kind: 'script', text: scriptText(w, at), dialect: 'posix', via: 'watch' };
};

const evalSpec =
  (dialect: Dialect): Spec =>
  (w, k, name) => {
    let at = k;
    if (dialect === 'windows' && /^-c(o(m(m(a(nd?)?)?)?)?)?$/i.test(w[at]?.text ?? '')) at++;
    return at >= w.length ? { kind: 'self' } : { kind: 'script', text: scriptText(w, at), dialect, via: name };
  };

const commandSpec: Spec = (w, k) => {
  if (w[k]?.text === '-v' || w[k]?.text === '-V') return { kind: 'self' };
  return skipping(set())(w, k, 'command');
};

/** A Map, not an object: a program called `constructor` must not find Object.prototype. */
const SPECS = new Map<string, Spec>(Object.entries({
  sudo: skipping(set('-u', '-g', '-p', '-C', '-D', '-h', '-r', '-t', '-T', '-U', '--user', '--group', '--prompt', '--chdir', '--host', '--role', '--type', '--command-timeout', '--other-user', '--close-from')),
  doas: skipping(set('-u', '-C')),
  pkexec: skipping(set('--user')),
  gsudo: skipping(set('-u', '--user', '-i', '--integrity')),
  su: suSpec,
  runas: runasSpec,
  env: envSpec,
  nohup: skipping(set()),
  setsid: skipping(set()),
  chronic: skipping(set()),
  unbuffer: skipping(set()),
  builtin: skipping(set()),
  caffeinate: skipping(set('-t', '-w')),
  nice: skipping(set('-n', '--adjustment')),
  ionice: skipping(set('-c', '-n', '--class', '--classdata')),
  stdbuf: skipping(set('-i', '-o', '-e')),
  time: skipping(set('-f', '--format', '-o', '--output')),
  exec: skipping(set('-a')),
  command: commandSpec,
  timeout: timeoutSpec,
  xargs: xargsSpec,
  flock: flockSpec,
  watch: watchSpec,
  busybox: (w, k) => (k < w.length ? { kind: 'inner', at: k } : { kind: 'self' }),
  cmd: cmdSpec,
  eval: evalSpec('posix'),
  iex: evalSpec('windows'),
  'invoke-expression': evalSpec('windows'),
} satisfies Record<string, Spec>));

/** Words after the leading assignments and reserved words that do not change what runs. */
function skipPrefix(w: readonly ResolvedWord[], k: number, dialect: Dialect): number {
  while (k < w.length) {
    const word = w[k]!;
    if (dialect === 'posix' && !word.quoted && POSIX_RESERVED.has(word.text)) k++;
    else if (dialect === 'posix' && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.raw)) k++;
    else if (dialect === 'windows' && /^\$[\w:]+$/.test(word.raw) && /^[-+*/]?=$/.test(w[k + 1]?.raw ?? '')) k += 2;
    else if (dialect === 'windows' && /^\$[\w:]+[-+*/]?=/.test(word.raw)) k++;
    else break;
  }
  return k;
}

export function unwrapCommand(w: readonly ResolvedWord[], dialect: Dialect): Unwrapped {
  const wrappers: string[] = [];
  let elevation: string | null = null;
  let argsFromStdin = false;
  let chdir: ResolvedWord | null = null;
  let k = 0;
  const done = (rest: Partial<Unwrapped> & Pick<Unwrapped, 'program' | 'args'>): Unwrapped => ({
    dynamicProgram: false,
    script: null,
    shellReadsStdin: false,
    ...rest,
    wrappers,
    elevation,
    argsFromStdin,
    chdir,
  });
  for (let guard = 0; guard < MAX_WRAPPERS; guard++) {
    k = skipPrefix(w, k, dialect);
    const word = w[k];
    if (word === undefined) return done({ program: null, args: [] });
    if (word.dynamicAt !== null) return done({ program: null, dynamicProgram: true, args: w.slice(k + 1) });
    const name = programName(word.text);
    if (ELEVATORS.has(name)) elevation ??= name;
    if (dialect === 'windows' && /^(start-process|saps|start)$/.test(name) && w.slice(k + 1).some((x, i, a) => /^-verb$/i.test(x.text) && /^runas$/i.test(a[i + 1]?.text ?? ''))) {
      elevation ??= 'Start-Process -Verb RunAs';
    }
    const spec = SHELLS.has(name) ? shellSpec : POWERSHELLS.has(name) ? powershellSpec : SPECS.get(name);
    if (spec === undefined) return done({ program: name, args: w.slice(k + 1) });
    const step = spec(w, k + 1, name);
    if (step.kind === 'self') return done({ program: name, args: w.slice(k + 1), shellReadsStdin: step.readsStdin === true });
    wrappers.push(name);
    if (step.kind === 'script') return done({ program: name, args: w.slice(k + 1), script: { text: step.text, dialect: step.dialect, via: step.via } });
    argsFromStdin ||= step.argsFromStdin === true;
    if (step.chdir !== undefined) chdir = step.chdir;
    k = step.at;
  }
  return done({ program: null, dynamicProgram: true, args: w.slice(k) });
}
