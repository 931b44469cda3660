import { findMatchBelow, findRoots, type SimpleCommand } from './command-analysis';
import { folderTarget, resolveTargets, type PathTarget, type Workspace } from './paths';
import { isHarmlessSink } from './sensitive-paths';
import { literalWord, type ResolvedWord } from './words';

/**
 * What a simple command does to the file system, read from its program and
 * arguments: what it deletes (and how hard), writes, re-permissions, cleans,
 * and every path it mentions. Unknown flags count as the worst ones.
 */

export interface DeleteEffect {
  readonly targets: readonly PathTarget[];
  readonly recursive: boolean;
  readonly forced: boolean;
  /** Targets also arrive on stdin (xargs rm …): unknown ones. */
  readonly fromStdin: boolean;
}

export interface CommandEffects {
  readonly deletes: DeleteEffect | null;
  readonly writes: readonly PathTarget[];
  readonly perms: { readonly targets: readonly PathTarget[]; readonly recursive: boolean; readonly worldWritable: boolean } | null;
  /** git clean -f: folders whose untracked files go. */
  readonly gitClean: readonly PathTarget[];
  /** dd of=… */
  readonly ddOutputs: readonly PathTarget[];
  /** Every path the command mentions, and the folders it runs in: what policy `paths` rules look at. */
  readonly pathArgs: readonly PathTarget[];
}

const POSIX_DELETE = new Set(['rm', 'unlink', 'shred', 'srm', 'rmdir']);
const WIN_DELETE = new Set(['remove-item', 'ri', 'del', 'erase', 'rd', 'rmdir', 'rm']);
const MOVE = new Set(['mv', 'move', 'move-item', 'mi', 'rename-item', 'ren', 'rni']);
const COPY = new Set(['cp', 'copy', 'copy-item', 'cpi', 'install', 'ln', 'scp', 'rsync', 'xcopy', 'robocopy']);
const TEE = new Set(['tee', 'tee-object']);
const CREATE = new Set(['touch', 'truncate', 'mkdir', 'md', 'new-item', 'ni', 'set-content', 'sc', 'add-content', 'ac', 'out-file', 'clear-content', 'clc']);
const PERMS = new Set(['chmod', 'chown', 'chgrp', 'chattr', 'setfacl', 'icacls', 'takeown']);
/** PowerShell parameters whose next word is a path. */
const PS_PATH_PARAM = /^-(?:path|literalpath|lp|pspath|filepath|outfile|destination)$/i;
/** PowerShell parameters whose next word is a value, not a path. */
const PS_VALUE_PARAM = /^-(?:filter|include|exclude|credential|stream|value|encoding|itemtype|type|name|newname|verb|argumentlist)$/i;

export function commandEffects(cmd: SimpleCommand, ws: Workspace): CommandEffects {
  const at = (w: ResolvedWord): PathTarget[] => resolveTargets(w, cmd.cwds, ws);
  const program = cmd.program ?? '';
  const args = cmd.args;
  const { flags, operands, psPaths } = splitArgs(args);
  // "$FLAGS" could be -rf: a word that is unknown from its first character counts as every flag.
  const unknownFlag = args.some((a) => a.dynamicAt === 0);

  let deletes: DeleteEffect | null = null;
  const writes: PathTarget[] = [];
  let perms: CommandEffects['perms'] = null;
  const gitClean: PathTarget[] = [];
  const ddOutputs: PathTarget[] = [];

  if (POSIX_DELETE.has(program) || WIN_DELETE.has(program)) {
    const winFlags = /^(del|erase|rd|rmdir)$/.test(program) ? flags.filter((f) => /^\/[a-z]/i.test(f)) : [];
    const dynamicArgs = args.some((a) => a.dynamicAt !== null);
    const recursive = unknownFlag || dynamicArgs || flags.some(isRecursiveFlag) || winFlags.some((f) => /^\/s$/i.test(f));
    // shred and srm destroy content by design: always "forced".
    const forced = unknownFlag || dynamicArgs || program === 'shred' || program === 'srm' || flags.some(isForceFlag) || winFlags.some((f) => /^\/[qf]$/i.test(f));
    const targets = [...operands, ...psPaths].filter((w) => !(winFlags.length > 0 && /^\/[a-z](:.*)?$/i.test(w.text))).flatMap(at);
    if (cmd.argsFromStdin) targets.push(unknownTarget('(arguments from stdin)'));
    // PowerShell: `Get-ChildItem … | Remove-Item` takes its paths from the pipeline.
    else if (targets.length === 0 && cmd.stage > 0) targets.push(unknownTarget('(paths from the pipeline)'));
    if (targets.length > 0) deletes = { targets, recursive, forced, fromStdin: cmd.argsFromStdin };
  } else if (program === 'find' && flags.includes('-delete')) {
    deletes = { targets: findRoots(args).map(findMatchBelow).flatMap(at), recursive: true, forced: true, fromStdin: false };
  } else if (MOVE.has(program)) {
    const { sources, dest } = sourcesAndDest(args, operands, psPaths);
    if (sources.length > 0) deletes = { targets: sources.flatMap(at), recursive: false, forced: false, fromStdin: false };
    if (dest !== null) writes.push(...at(dest));
  } else if (COPY.has(program)) {
    const { dest } = sourcesAndDest(args, operands, psPaths);
    if (dest !== null && !isRemote(dest.text)) {
      writes.push(...at(dest));
      if (program === 'rsync' && flags.some((f) => f.startsWith('--delete'))) {
        deletes = { targets: at(findMatchBelow(dest)), recursive: true, forced: true, fromStdin: false };
      }
      if (program === 'robocopy' && flags.some((f) => /^\/(mir|purge)$/i.test(f))) {
        deletes = { targets: at(findMatchBelow(dest)), recursive: true, forced: true, fromStdin: false };
      }
    }
  } else if (TEE.has(program) || CREATE.has(program)) {
    writes.push(...[...operands, ...psPaths].flatMap(at));
  } else if (program === 'sed' || program === 'perl') {
    if (flags.some((f) => /^-[a-zA-Z]*i/.test(f) || f.startsWith('--in-place'))) {
      const hasScriptOpt = args.some((a) => a.text === '-e' || a.text === '-f' || a.text === '--expression');
      writes.push(...(hasScriptOpt ? operands : operands.slice(1)).flatMap(at));
    }
  } else if (program === 'dd') {
    for (const a of args) {
      const out = sliceWord(a, 3);
      if (a.text.startsWith('of=') && !isHarmlessSink(out.text)) ddOutputs.push(...at(out));
    }
    writes.push(...ddOutputs);
  } else if (PERMS.has(program)) {
    const windows = program === 'icacls' || program === 'takeown';
    const recursive = unknownFlag || flags.some((f) => f === '-R' || f === '--recursive' || /^\/[tr]$/i.test(f) || /^-[a-zA-Z]*R/.test(f));
    // icacls/takeown: skip /switches and grants like Everyone:F (C:\x is a path).
    const rest = windows ? operands.filter((o) => !o.text.startsWith('/') && !/^[^\\/]*:(?![\\/])/.test(o.text)) : operands.slice(1);
    const mode = program === 'chmod' ? (operands[0]?.text ?? '') : '';
    const grants = args.map((a) => a.text).join(' ');
    const worldWritable = (program === 'chmod' && isWorldWritableMode(mode)) || (program === 'icacls' && /\/grant\S*\s+(?:everyone|\*s-1-1-0|users|authenticated users):\S*[FMW]/i.test(grants));
    perms = { targets: rest.flatMap(at), recursive, worldWritable };
  } else if (program === 'git') {
    gitClean.push(...gitCleanDirs(args, cmd, ws));
  } else if (/^(curl|wget|iwr|invoke-webrequest|irm|invoke-restmethod)$/.test(program)) {
    for (let k = 0; k < args.length; k++) {
      const t = args[k]!.text;
      const next = args[k + 1];
      if (next !== undefined && /^(-o|--output|-O|--output-document|-P|--directory-prefix|-outfile)$/i.test(t) && !(program === 'curl' && t === '-O')) writes.push(...at(next));
      const inline = /^(--output|--output-document|--directory-prefix)=(.*)$/.exec(t);
      if (inline) writes.push(...at(sliceWord(args[k]!, inline[1]!.length + 1)));
    }
  }
  for (const r of cmd.redirects) {
    if (r.target === null || !isWriteRedirect(r.op, r.target.text)) continue;
    if (isHarmlessSink(r.target.text)) continue;
    writes.push(...at(r.target));
  }

  const pathArgs = [...cwdTargets(cmd, ws), ...operands.flatMap(at), ...psPaths.flatMap(at), ...inlineOptionPaths(args).flatMap(at), ...writes, ...(deletes?.targets ?? [])];
  for (const r of cmd.redirects) if (r.target !== null && !isHarmlessSink(r.target.text) && !/^\d+$|^-$/.test(r.target.text)) pathArgs.push(...at(r.target));
  return { deletes, writes, perms, gitClean, ddOutputs, pathArgs };
}

function splitArgs(args: readonly ResolvedWord[]): { flags: string[]; operands: ResolvedWord[]; psPaths: ResolvedWord[] } {
  const flags: string[] = [];
  const operands: ResolvedWord[] = [];
  const psPaths: ResolvedWord[] = [];
  let endOfOptions = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const t = a.text;
    if (endOfOptions || a.dynamicAt === 0 || t === '-' || (!t.startsWith('-') && !/^\/[A-Za-z](?::\S*)?$/.test(t))) {
      operands.push(a);
    } else if (t === '--') endOfOptions = true;
    else if (PS_PATH_PARAM.test(t) && args[k + 1] !== undefined) psPaths.push(args[++k]!);
    else if (PS_VALUE_PARAM.test(t) && args[k + 1] !== undefined) k++;
    else flags.push(t);
    // A posix "/s" is a path; the callers that know Windows flags look at flags themselves.
    if (!endOfOptions && /^\/[A-Za-z](?::\S*)?$/.test(t)) operands.push(a);
  }
  return { flags, operands, psPaths };
}

/** rm -r/-R/--recursive and bundles (-rf, -Rv); PowerShell -Recurse and its abbreviations contain an r too. */
function isRecursiveFlag(f: string): boolean {
  if (f === '--recursive' || f === '--no-preserve-root') return true;
  return /^-[a-zA-Z]+$/.test(f) && /r/i.test(f);
}

/** rm -f/--force and bundles; PowerShell -Force / -fo (case-insensitive). */
function isForceFlag(f: string): boolean {
  if (f === '--force' || f === '--no-preserve-root') return true;
  return /^-[a-zA-Z]+$/.test(f) && /f/i.test(f);
}

function sourcesAndDest(args: readonly ResolvedWord[], operands: ResolvedWord[], psPaths: ResolvedWord[]): { sources: ResolvedWord[]; dest: ResolvedWord | null } {
  for (let k = 0; k < args.length; k++) {
    const t = args[k]!.text;
    if ((t === '-t' || t === '--target-directory') && args[k + 1]) return { sources: operands.filter((o) => o !== args[k + 1]), dest: args[k + 1]! };
    if (t.startsWith('--target-directory=')) return { sources: operands, dest: sliceWord(args[k]!, 19) };
    if (/^-destination$/i.test(t) && args[k + 1]) return { sources: [...psPaths, ...operands.filter((o) => o !== args[k + 1])], dest: args[k + 1]! };
  }
  const all = [...psPaths, ...operands];
  if (all.length < 2) return { sources: all, dest: null };
  return { sources: all.slice(0, -1), dest: all[all.length - 1]! };
}

function isRemote(text: string): boolean {
  return /^[^/\\:]{2,}:/.test(text) && !/^[A-Za-z]:[\\/]/.test(text);
}

function isWriteRedirect(op: string, target: string): boolean {
  if (op === '>&' || op === '<&') return op === '>&' && !/^\d+$|^-$/.test(target);
  return op.includes('>');
}

export function isWorldWritableMode(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return (parseInt(mode.slice(-1), 10) & 2) === 2;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    return m !== null && m[3]!.includes('w') && (m[1] === '' || /[oa]/.test(m[1]!));
  });
}

/** git [-C dir] clean -f…: the folders it cleans (the -C folder, or where it runs). */
function gitCleanDirs(args: readonly ResolvedWord[], cmd: SimpleCommand, ws: Workspace): PathTarget[] {
  let k = 0;
  let dir: ResolvedWord | null = null;
  while (k < args.length && args[k]!.text.startsWith('-')) {
    const t = args[k]!.text;
    if (t === '-C' && args[k + 1]) dir = dir === null ? args[k + 1]! : literalWord(`${dir.text}/${args[k + 1]!.text}`);
    k += t === '-C' || t === '-c' || t === '--git-dir' || t === '--work-tree' || t === '--namespace' ? 2 : 1;
  }
  if (args[k]?.text !== 'clean') return [];
  const rest = args.slice(k + 1).map((a) => a.text);
  const forced = rest.some((t) => t === '--force' || /^-[a-zA-Z]*f/.test(t));
  const dryRun = rest.some((t) => t === '-n' || t === '--dry-run' || /^-[a-zA-Z]*n/.test(t));
  if (!forced || dryRun) return [];
  return dir === null ? cwdTargets(cmd, ws) : resolveTargets(dir, cmd.cwds, ws);
}

/** The folders the command runs in, as targets (an unknown one when `cd` made it unknowable). */
export function cwdTargets(cmd: Pick<SimpleCommand, 'cwds'>, ws: Workspace): PathTarget[] {
  const out: PathTarget[] = cmd.cwds.paths.map((p) => folderTarget(ws, p));
  if (cmd.cwds.unknown || cmd.cwds.paths.length === 0) out.push(unknownTarget('(unknown working folder)'));
  return out;
}

function unknownTarget(raw: string): PathTarget {
  return { raw, abs: null, where: 'unknown', glob: false, catchAll: false, dynamic: true };
}

/** --file=/etc/x style values that look like paths. */
function inlineOptionPaths(args: readonly ResolvedWord[]): ResolvedWord[] {
  return args.flatMap((a) => {
    const m = /^--?[\w-]+=(.*)$/.exec(a.text);
    return m !== null && /[\\/~]/.test(m[1]!) ? [sliceWord(a, a.text.length - m[1]!.length)] : [];
  });
}

/** The word without its first n characters (of=/dev/sda → /dev/sda), keeping dynamic/glob marks aligned. */
function sliceWord(w: ResolvedWord, n: number): ResolvedWord {
  const shift = (i: number | null): number | null => (i === null ? null : Math.max(0, i - n));
  return { ...w, raw: w.raw.slice(Math.min(n, w.raw.length)), text: w.text.slice(n), dynamicAt: shift(w.dynamicAt), globAt: shift(w.globAt) };
}
