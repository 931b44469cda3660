import { lexCommand, type Dialect, type LexedCommand } from './shell-lexer';
import { resolveTargets, type CwdSet, type Workspace } from './paths';
import { SHELLS, unwrapCommand } from './wrappers';
import { literalWord, resolveWord, resolveWords, type ResolvedWord } from './words';

/**
 * Reads a shell command without running it: every simple command that would
 * run (including those inside pipes, $(…), `…`, bash -c '…', cmd /c,
 * powershell -Command, eval, find -exec, here-documents fed to a shell), with
 * its real program, arguments, redirections and the folders it may run in
 * (`cd` is followed). Windows commands are read both as PowerShell/cmd and as
 * Git Bash would read them; both readings are judged.
 */

export interface ResolvedRedirect {
  readonly op: string;
  readonly fd: string | null;
  readonly target: ResolvedWord | null;
  readonly heredoc: string | null;
}

export interface SimpleCommand {
  /** The command as written (after wrappers such as sudo or bash -c were looked through). */
  readonly source: string;
  /** program + arguments as the shell would pass them: what policy `prefix`/`regex` match. */
  readonly text: string;
  /** Lower-case program name; null when it is unknown (then dynamicProgram is true). */
  readonly program: string | null;
  readonly dynamicProgram: boolean;
  readonly args: readonly ResolvedWord[];
  readonly wrappers: readonly string[];
  readonly elevation: string | null;
  /** Pipeline group: commands of one pipeline (or parenthesised group) share it. */
  readonly group: string;
  /** Position in the pipeline: > 0 means stdin comes from an earlier stage. */
  readonly stage: number;
  readonly cwds: CwdSet;
  readonly redirects: readonly ResolvedRedirect[];
  readonly dialect: Dialect;
  /** xargs: further arguments come from stdin. */
  readonly argsFromStdin: boolean;
  /** A shell that reads the program it runs from stdin. */
  readonly shellReadsStdin: boolean;
  /** bash -c "$X", eval "$X": the script that runs is unknown. */
  readonly scriptDynamic: boolean;
  /** Commands whose output is spliced into this one's words ($(…), <(…)). */
  readonly substituted: readonly SimpleCommand[];
}

export interface CommandAnalysis {
  readonly commands: readonly SimpleCommand[];
  /** Why some of the text could not be read (then nobody can say what runs). */
  readonly problems: readonly string[];
}

/** Longer commands are not read at all (an agent's command line is a few KB at most). */
export const MAX_COMMAND_CHARS = 64_000;
/** bash -c "sh -c '…'" nests; beyond this depth the text is not followed further. */
export const MAX_NESTING_DEPTH = 8;
/** Possible working folders tracked through `cd`; more and the folder counts as unknown. */
const MAX_CWDS = 8;
/** find -exec {} stands for a path below a search root; this name marks such a path. */
export const FIND_MATCH = '{find-match}';

interface Ctx {
  readonly ws: Workspace;
  readonly out: SimpleCommand[];
  readonly problems: string[];
}

interface Scope {
  readonly cwds: CwdSet;
  readonly depth: number;
  readonly group: string;
  readonly wrappers: readonly string[];
  readonly elevation: string | null;
}

export function analyseCommand(command: string, cwd: string | null, ws: Workspace): CommandAnalysis {
  const ctx: Ctx = { ws, out: [], problems: [] };
  if (command.length > MAX_COMMAND_CHARS) return { commands: [], problems: [`command longer than ${MAX_COMMAND_CHARS} characters`] };
  const cwds: CwdSet = cwd === null ? { paths: [], unknown: true } : { paths: [cwd], unknown: false };
  const dialects: Dialect[] = ws.platform === 'win32' ? ['windows', 'posix'] : ['posix'];
  for (const dialect of dialects) {
    analyseScript(command, dialect, { cwds, depth: 0, group: `${dialect[0]}:`, wrappers: [], elevation: null }, ctx);
  }
  return { commands: ctx.out, problems: [...new Set(ctx.problems)] };
}

function analyseScript(script: string, dialect: Dialect, scope: Scope, ctx: Ctx): void {
  if (scope.depth > MAX_NESTING_DEPTH) {
    ctx.problems.push(`commands nested deeper than ${MAX_NESTING_DEPTH} levels`);
    return;
  }
  const lexed = lexCommand(script, dialect);
  if (lexed.problem !== null) ctx.problems.push(`${lexed.problem} (read as ${dialect === 'posix' ? 'sh/bash' : 'PowerShell/cmd'})`);
  let cwds = scope.cwds;
  for (const lc of lexed.commands) {
    analyseSimple(lc, dialect, { ...scope, cwds, group: `${scope.group}${lc.group}` }, ctx);
    cwds = cwdsAfter(lc, dialect, cwds, scope.depth, ctx.ws);
  }
}

function expandEnv(ws: Workspace, cwds: CwdSet) {
  const pwd = cwds.paths.length === 1 && !cwds.unknown ? cwds.paths[0]! : null;
  return { platform: ws.platform, homeDir: ws.home ?? '', pwd };
}

function analyseSimple(lc: LexedCommand, dialect: Dialect, scope: Scope, ctx: Ctx): void {
  const env = expandEnv(ctx.ws, scope.cwds);
  const words = resolveWords(lc.words, dialect, env);
  const redirects: ResolvedRedirect[] = lc.redirects.map((r) => ({
    op: r.op,
    fd: r.fd,
    target: r.target === null ? null : (resolveWord(r.target, dialect, env)[0] ?? null),
    heredoc: r.heredoc,
  }));
  const nested = (s: string, d: Dialect, tag: string, extra?: Partial<Scope>): SimpleCommand[] => {
    const before = ctx.out.length;
    analyseScript(s, d, { ...scope, depth: scope.depth + 1, group: `${scope.group}.${tag}.`, ...extra }, ctx);
    return ctx.out.slice(before);
  };
  // Substitutions run first, in a subshell: their commands are judged like any other.
  const substituted: SimpleCommand[] = [];
  const substs = [...words, ...redirects.flatMap((r) => (r.target === null ? [] : [r.target]))].flatMap((w) => w.substitutions);
  substs.forEach((s, n) => substituted.push(...nested(s.body, s.dialect, `s${n}`)));

  const u = unwrapCommand(words, dialect);
  const wrappers = [...scope.wrappers, ...u.wrappers];
  const elevation = scope.elevation ?? u.elevation;
  let cwds = scope.cwds;
  if (u.chdir !== null) cwds = cdTargets(u.chdir, cwds, ctx.ws);
  const source = [...lc.words.map((w) => w.raw), ...lc.redirects.map((r) => `${r.fd ?? ''}${r.op}${r.target?.raw ?? ''}`)].join(' ');
  const scriptKnown = u.script !== null && u.script.text !== null;
  if (u.program !== null || u.dynamicProgram) {
    if (!scriptKnown) {
      ctx.out.push({
        source,
        text: [u.program ?? words.find((w) => w.dynamicAt !== null)?.text ?? '', ...u.args.map((a) => a.text)].join(' '),
        program: u.program,
        dynamicProgram: u.dynamicProgram,
        args: u.args,
        wrappers,
        elevation,
        group: scope.group,
        stage: lc.stage,
        cwds,
        redirects,
        dialect,
        argsFromStdin: u.argsFromStdin,
        shellReadsStdin: u.shellReadsStdin || (u.script === null && u.program !== null && SHELLS.has(u.program) && redirects.some((r) => r.op.startsWith('<<'))),
        scriptDynamic: u.script !== null && u.script.text === null,
        substituted,
      });
    }
  }
  const inner = { cwds, wrappers, elevation };
  if (u.script !== null && u.script.text !== null) {
    // The script's own commands keep this command's place in its pipeline (curl … | bash -c 'cat | sh').
    nested(u.script.text, u.script.dialect, `c${lc.stage}`, inner);
  }
  if (u.program !== null && (SHELLS.has(u.program) || u.program === 'powershell' || u.program === 'pwsh') && u.script === null) {
    for (const r of redirects) {
      const body = r.op === '<<<' ? (r.target?.dynamicAt === null ? r.target.text : null) : r.heredoc;
      if (body !== null && r.op.startsWith('<<')) nested(body, SHELLS.has(u.program) ? 'posix' : 'windows', `h${lc.stage}`, inner);
    }
  }
  if (u.program === 'find') {
    for (const [n, segment] of findExecSegments(u.args).entries()) {
      const iu = unwrapCommand(segment, dialect);
      if (iu.program === null && !iu.dynamicProgram) continue;
      ctx.out.push({
        source: segment.map((w) => w.raw).join(' '),
        text: [iu.program ?? '', ...iu.args.map((a) => a.text)].join(' '),
        program: iu.program,
        dynamicProgram: iu.dynamicProgram,
        args: iu.args,
        wrappers: [...wrappers, 'find -exec', ...iu.wrappers],
        elevation: elevation ?? iu.elevation,
        group: `${scope.group}.x${n}`,
        stage: 0,
        cwds,
        redirects: [],
        dialect,
        argsFromStdin: iu.argsFromStdin,
        shellReadsStdin: false,
        scriptDynamic: false,
        substituted: [],
      });
      if (iu.script !== null && iu.script.text !== null) nested(iu.script.text, iu.script.dialect, `x${n}c`, inner);
    }
  }
}

/** find's search roots: the arguments before the first test or action ('.' when none). */
export function findRoots(args: readonly ResolvedWord[]): ResolvedWord[] {
  let k = 0;
  while (k < args.length && /^-[HLP]$|^-D$|^-O\d*$/.test(args[k]!.text)) k += args[k]!.text === '-D' ? 2 : 1;
  const roots: ResolvedWord[] = [];
  for (; k < args.length; k++) {
    const t = args[k]!.text;
    if (t.startsWith('-') || t === '(' || t === '!' || t === ')') break;
    roots.push(args[k]!);
  }
  return roots.length > 0 ? roots : [literalWord('.')];
}

/** A path below a find root: what {} and -delete stand for. */
export function findMatchBelow(root: ResolvedWord): ResolvedWord {
  const sep = root.text.endsWith('/') || root.text.endsWith('\\') ? '' : '/';
  return { ...root, raw: `${root.raw}${sep}{}`, text: `${root.text}${sep}${FIND_MATCH}` };
}

/** The commands of -exec/-execdir/-ok/-okdir, with {} standing for paths below the roots. */
function findExecSegments(args: readonly ResolvedWord[]): ResolvedWord[][] {
  const roots = findRoots(args);
  const segments: ResolvedWord[][] = [];
  for (let k = 0; k < args.length; k++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(args[k]!.text)) continue;
    const seg: ResolvedWord[] = [];
    for (k++; k < args.length && args[k]!.text !== ';' && args[k]!.text !== '+'; k++) {
      const w = args[k]!;
      if (w.text.includes('{}')) seg.push(...roots.map((r) => ({ ...findMatchBelow(r), raw: w.raw })));
      else seg.push(w);
    }
    segments.push(seg);
  }
  return segments;
}

const CD_PROGRAMS = new Set(['cd', 'chdir', 'pushd', 'set-location', 'sl', 'push-location']);
const CD_UNKNOWN = new Set(['popd', 'pop-location']);

/**
 * The folders later commands may run in. A `cd` that certainly happened
 * before them (top level, followed by &&) replaces the folder; any other
 * (after ;, ||, inside ( ), in a pipe) may or may not have happened, so both
 * folders stay possible. Unknown targets make the folder unknown.
 */
function cwdsAfter(lc: LexedCommand, dialect: Dialect, cwds: CwdSet, depth: number, ws: Workspace): CwdSet {
  const first = lc.words[0];
  if (first === undefined) return cwds;
  const env = expandEnv(ws, cwds);
  const words = resolveWords(lc.words, dialect, env);
  const u = unwrapCommand(words, dialect);
  if (u.program === null || !(CD_PROGRAMS.has(u.program) || CD_UNKNOWN.has(u.program))) return cwds;
  let next: CwdSet;
  if (CD_UNKNOWN.has(u.program)) next = { paths: [], unknown: true };
  else {
    const target = u.args.find((a) => !/^(?:-[LPe@]+|\/d)$/i.test(a.text) && !/^-(?:literal)?path$/i.test(a.text));
    if (target === undefined) next = ws.home === null ? { paths: [], unknown: true } : { paths: [ws.home], unknown: false };
    else if (target.text === '-') next = { paths: [], unknown: true };
    else next = cdTargets(target, { paths: cwds.paths, unknown: cwds.unknown }, ws);
  }
  const certain = depth === 0 && lc.depth === 0 && lc.stage === 0 && lc.next === '&&';
  return certain ? next : union(cwds, next);
}

function cdTargets(target: ResolvedWord, cwds: CwdSet, ws: Workspace): CwdSet {
  const targets = resolveTargets(target, cwds, ws);
  const paths = targets.filter((t) => t.abs !== null && !t.dynamic && !t.glob).map((t) => t.abs!);
  const unknown = targets.some((t) => t.abs === null || t.dynamic || t.glob);
  return { paths, unknown };
}

function union(a: CwdSet, b: CwdSet): CwdSet {
  const seen = new Map<string, string>();
  for (const p of [...a.paths, ...b.paths]) seen.set(p, p);
  const paths = [...seen.values()];
  return { paths: paths.slice(0, MAX_CWDS), unknown: a.unknown || b.unknown || paths.length > MAX_CWDS };
}
