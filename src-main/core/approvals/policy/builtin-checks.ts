import type { BuiltinId } from './builtin-deny';
import type { SimpleCommand } from './command-analysis';
import { globToRegExp } from './glob';
import { containsWorkspace, type PathTarget } from './paths';
import type { CommandFacts, RequestFacts } from './request-facts';
import { credentialOf, criticalFolderOf, systemFolderOf } from './sensitive-paths';
import type { ResolvedWord } from './words';

/** The checks behind each builtin entry (builtin-deny.ts holds the entries and their reasons). */

export interface Hit {
  readonly id: BuiltinId;
  readonly matched: string;
}

const DOWNLOADERS = /^(curl|wget|fetch|http|https|xh|aria2c|iwr|invoke-webrequest|irm|invoke-restmethod|start-bitstransfer|certutil|bitsadmin)$/;
const INTERPRETERS = /^(python[\d.]*|perl|ruby|node|nodejs|php|lua|bun|deno|osascript|tclsh|r|rscript)$/;
const EVALUATORS = /^(iex|invoke-expression|eval|source|\.)$/;
const SHELL_LIKE = /^(sh|bash|zsh|dash|ksh|mksh|ash|fish|csh|tcsh|yash|rbash|powershell|pwsh|cmd)$/;
const DISK_TOOLS = /^(mkfs(\..+)?|mke2fs|mkswap|wipefs|fdisk|sfdisk|cfdisk|gdisk|sgdisk|parted|diskpart|format-volume|clear-disk|initialize-disk)$/;
const SHUTDOWN = /^(shutdown|reboot|halt|poweroff|stop-computer|restart-computer)$/;
/** Inline-program flags: `python -c …` reads its program from the argument, not from stdin. */
const INLINE_PROGRAM_FLAG = /^(-c|-e|-m|-r|-E|-p|--eval|--print|--command|-command)$/i;

export function textHits(facts: RequestFacts): Hit[] {
  const hits: Hit[] = [];
  for (const p of facts.analysis?.problems ?? []) hits.push({ id: 'builtin.unparsable_command', matched: p });
  const text = facts.request.command ?? '';
  const squeezed = text.replace(/\s+/g, '');
  // name(){ name|name& };name — whatever the function is called; and batch's %0|%0.
  if (/([A-Za-z_:.][\w:.-]*)\(\)\{\1\|\1&\};?\1/.test(squeezed) || /function([A-Za-z_:.][\w:.-]*)(?:\(\))?\{\1\|\1&\};?\1/.test(squeezed) || /%0\|%0/.test(squeezed)) {
    hits.push({ id: 'builtin.fork_bomb', matched: text.trim() });
  }
  // PowerShell one-liners the lexer splits apart: iex (New-Object Net.WebClient).DownloadString(…).
  if (/\b(iex|invoke-expression)\b/i.test(text) && /(downloadstring|downloaddata|downloadfile|net\.webclient|invoke-webrequest|invoke-restmethod|\biwr\b|\birm\b)/i.test(text)) {
    hits.push({ id: 'builtin.download_pipe_to_shell', matched: text.trim() });
  }
  return hits;
}

export function commandHits(c: CommandFacts, facts: RequestFacts, protectedBranches: readonly string[]): Hit[] {
  const { cmd, effects } = c;
  const { ws } = facts;
  const hits: Hit[] = [];
  const hit = (id: BuiltinId, detail?: string): void => {
    hits.push({ id, matched: detail === undefined ? cmd.source : `${cmd.source} → ${detail}` });
  };
  const program = cmd.program ?? '';

  if (cmd.elevation !== null) hit('builtin.privilege_escalation');
  if (cmd.dynamicProgram || cmd.scriptDynamic) hit('builtin.dynamic_command');

  const del = effects.deletes;
  if (del !== null) {
    const isMove = !del.recursive && !del.forced && /^(mv|move|move-item|mi|rename-item|ren|rni)$/.test(program);
    const hard = del.recursive || del.forced;
    for (const t of del.targets) {
      // A glob or partly-unknown path only names its folder: that folder itself goes only for `dir/*`.
      const whole = t.abs !== null && !t.dynamic && (!t.glob || t.catchAll);
      const critical = whole ? criticalFolderOf(ws, t.abs!) : null;
      if (critical !== null && (hard || isMove)) hit('builtin.rm_root_or_home', `${critical} (${t.raw})`);
      else if (t.where === 'root' && (hard || isMove)) hit('builtin.rm_workspace_root', t.raw);
      else if (whole && containsWorkspace(ws, t.abs!) && (hard || isMove)) hit('builtin.rm_outside_workspace', `${t.raw} holds the workspace`);
      else if (t.where === 'outside' && hard) hit('builtin.rm_outside_workspace', t.raw);
      else if (t.where === 'unknown' && hard) hit('builtin.rm_unresolved_path', t.raw);
    }
  }
  for (const t of effects.gitClean) {
    if (t.where === 'outside') hit('builtin.git_clean_outside_workspace', t.abs ?? t.raw);
    else if (t.where === 'unknown') hit('builtin.rm_unresolved_path', t.raw);
  }
  for (const t of effects.ddOutputs) {
    if (t.where !== 'inside') hit('builtin.dd_outside_workspace', t.abs ?? t.raw);
  }
  if (effects.perms !== null && (effects.perms.recursive || effects.perms.worldWritable)) {
    for (const t of effects.perms.targets) {
      if (t.where === 'outside' || (t.abs !== null && criticalFolderOf(ws, t.abs) !== null)) hit('builtin.chmod_outside_workspace', t.abs ?? t.raw);
    }
  }
  for (const t of [...effects.writes, ...(del?.targets ?? [])]) hits.push(...sensitiveWriteHits(t, facts, cmd.source));

  if (DISK_TOOLS.test(program) || isFormatDrive(cmd) || (program === 'diskutil' && /^(erase|partition|zero|random|secureerase|reformat)/i.test(cmd.args[0]?.text ?? ''))) {
    hit('builtin.disk_format');
  }
  if (SHUTDOWN.test(program) || isShutdownVerb(cmd)) hit('builtin.shutdown');
  const branch = forcePushTarget(cmd, protectedBranches);
  if (branch !== null) hit('builtin.git_force_push_protected', branch);

  if (runsFromStdin(cmd)) {
    const upstream = facts.commands.some((o) => o.cmd.group === cmd.group && o.cmd.stage < cmd.stage && isDownloader(o.cmd));
    if (upstream) hit('builtin.download_pipe_to_shell');
    else if (cmd.stage > 0) hit('builtin.shell_from_stdin');
  }
  const evaluates = SHELL_LIKE.test(program) || INTERPRETERS.test(program) || EVALUATORS.test(program);
  if (evaluates && cmd.substituted.some(isDownloader)) hit('builtin.download_pipe_to_shell');
  if (/^(iex|invoke-expression)$/.test(program) && facts.commands.some((o) => o.cmd.group === cmd.group && isDownloader(o.cmd))) {
    hit('builtin.download_pipe_to_shell');
  }
  return hits;
}

/** Tool calls that write (Edit, Write …; unknown tools count as writers) into credential or system places. */
export function toolHits(facts: RequestFacts): Hit[] {
  if (facts.toolKind === 'read' || facts.toolKind === 'network' || facts.toolKind === 'shell') return [];
  return facts.toolPaths.flatMap((t) => sensitiveWriteHits(t, facts, `${facts.request.tool ?? 'tool'} ${t.raw}`));
}

function sensitiveWriteHits(t: PathTarget, facts: RequestFacts, source: string): Hit[] {
  if (t.abs === null) return [];
  const cred = credentialOf(facts.ws, t.abs);
  if (cred !== null) return [{ id: 'builtin.write_credentials', matched: `${source} → ${cred}` }];
  const sys = systemFolderOf(facts.ws, t.abs);
  if (sys !== null) return [{ id: 'builtin.write_system_folder', matched: `${source} → ${sys}` }];
  return [];
}

function isDownloader(cmd: SimpleCommand): boolean {
  const p = cmd.program ?? '';
  if (DOWNLOADERS.test(p)) return true;
  return p === 'new-object' && cmd.args.some((a) => /net\.webclient/i.test(a.text));
}

/** A shell, interpreter or evaluator whose program arrives on stdin. */
function runsFromStdin(cmd: SimpleCommand): boolean {
  const p = cmd.program ?? '';
  if (cmd.shellReadsStdin) return true;
  if (/^(iex|invoke-expression)$/.test(p)) return cmd.args.length === 0;
  if (!INTERPRETERS.test(p)) return false;
  if (cmd.args.some((a) => INLINE_PROGRAM_FLAG.test(a.text))) return false;
  const positional = cmd.args.filter((a) => !a.text.startsWith('-') || a.text === '-');
  return positional.length === 0 || positional[0]!.text === '-';
}

function isFormatDrive(cmd: SimpleCommand): boolean {
  return cmd.program === 'format' && cmd.args.some((a) => /^[A-Za-z]:\\?$/.test(a.text));
}

function isShutdownVerb(cmd: SimpleCommand): boolean {
  const first = cmd.args[0]?.text ?? '';
  if ((cmd.program === 'init' || cmd.program === 'telinit') && /^[06]$/.test(first)) return true;
  if (cmd.program === 'systemctl' || cmd.program === 'loginctl') {
    return cmd.args.some((a) => /^(poweroff|reboot|halt|kexec|suspend|hibernate|hybrid-sleep)$/.test(a.text));
  }
  return false;
}

const GIT_VALUE_OPTS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
const PUSH_VALUE_OPTS = new Set(['--repo', '--receive-pack', '--exec', '--push-option', '-o']);

/**
 * The protected branch a forced push (or a branch deletion) would hit, or
 * '(no branch named)' / '(HEAD)' when it cannot be known; null when safe.
 */
export function forcePushTarget(cmd: SimpleCommand, protectedBranches: readonly string[]): string | null {
  if (cmd.program !== 'git') return null;
  const args = cmd.args;
  let k = 0;
  while (k < args.length && args[k]!.text.startsWith('-')) k += GIT_VALUE_OPTS.has(args[k]!.text) ? 2 : 1;
  if (args[k]?.text !== 'push') return null;
  let force = false;
  let everything = false;
  const positional: ResolvedWord[] = [];
  for (k++; k < args.length; k++) {
    const t = args[k]!.text;
    if (t === '--') {
      positional.push(...args.slice(k + 1));
      break;
    }
    if (t.startsWith('--')) {
      const name = t.split('=')[0]!;
      if (/^--(force|force-with-lease|force-if-includes|mirror|delete|prune)$/.test(name)) force = true;
      if (name === '--all' || name === '--mirror' || name === '--branches') everything = true;
      if (PUSH_VALUE_OPTS.has(name) && !t.includes('=')) k++;
    } else if (/^-[a-zA-Z]+$/.test(t)) {
      if (/[fd]/.test(t)) force = true;
      if (t.endsWith('o')) k++;
    } else positional.push(args[k]!);
  }
  const refspecs = positional.slice(1);
  const isProtected = (b: string): boolean => protectedBranches.some((p) => globToRegExp(p, false).test(b));
  if (force && (refspecs.length === 0 || everything)) return '(no branch named: the current or every branch)';
  for (const r of refspecs) {
    if (r.dynamicAt !== null) {
      if (force) return `(unknown branch ${r.text})`;
      continue;
    }
    const plus = r.text.startsWith('+');
    const spec = plus ? r.text.slice(1) : r.text;
    const deleting = spec.startsWith(':');
    if (!force && !plus && !deleting) continue;
    const dst = (spec.includes(':') ? spec.slice(spec.indexOf(':') + 1) : spec).replace(/^refs\/heads\//, '');
    if (dst === '' || dst === 'HEAD' || dst === '@') return `(${dst || 'HEAD'}: the current branch)`;
    if (isProtected(dst)) return dst;
  }
  return null;
}
