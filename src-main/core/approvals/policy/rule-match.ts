import { cwdTargets } from './command-effects';
import { globToRegExp } from './glob';
import type { CompiledRule } from './policy-model';
import { flavor, type PathTarget, type Workspace } from './paths';
import type { RequestFacts } from './request-facts';
import { programName } from './wrappers';

/**
 * Matching policy rules against a request. A compound command is judged one
 * simple command at a time: `ls && rm -rf build` is allowed only if every
 * part is. Allow rules must cover every path a part mentions; ask and deny
 * rules fire on any one path (the strict reading in both directions).
 */

/** One thing a rule is matched against: a simple command, or a tool call. */
export interface MatchUnit {
  readonly agent: string;
  readonly tool: string | null;
  /** Null for tool calls and for commands whose program is unknown. */
  readonly program: string | null;
  readonly dynamicProgram: boolean;
  /** "program arg1 arg2 …" of what really runs (wrappers such as sudo, bash -c looked through); null for tool calls. */
  readonly text: string | null;
  /** The simple command as written, wrappers included; null for tool calls. */
  readonly source: string | null;
  /** Wrappers the program runs under (sudo, env, nohup …). */
  readonly wrappers: readonly string[];
  /** What the person sees: the command as written, or "Tool path …". */
  readonly display: string;
  readonly paths: readonly PathTarget[];
}

export function matchUnits(facts: RequestFacts): MatchUnit[] {
  const { request } = facts;
  const agent = request.agent.toLowerCase();
  if (facts.analysis !== null) {
    return facts.commands.map(({ cmd, effects }) => ({
      agent,
      tool: request.tool,
      program: cmd.program,
      dynamicProgram: cmd.dynamicProgram,
      text: cmd.text,
      source: cmd.source,
      wrappers: cmd.wrappers,
      display: cmd.source,
      paths: [...effects.pathArgs, ...facts.toolPaths],
    }));
  }
  return [
    {
      agent,
      tool: request.tool,
      program: null,
      dynamicProgram: false,
      text: null,
      source: null,
      wrappers: [],
      display: [request.tool ?? 'tool', ...request.paths].join(' '),
      paths: facts.toolPaths.length > 0 ? facts.toolPaths : cwdTargets(facts, facts.ws),
    },
  ];
}

export function ruleMatches(rule: CompiledRule, unit: MatchUnit, ws: Workspace): boolean {
  if (rule.agents !== null && !rule.agents.includes(unit.agent)) return false;
  if (rule.tools !== null && (unit.tool === null || !rule.tools.some((re) => re.test(unit.tool!)))) return false;
  if (rule.command !== null && !commandMatches(rule, unit)) return false;
  if (rule.paths !== null && !pathsMatch(rule, unit.paths, ws)) return false;
  return true;
}

/**
 * Allow rules look only at what really runs; ask and deny rules also at the
 * command as written, so `deny: {program: [nohup]}` catches `nohup x`.
 */
function commandMatches(rule: CompiledRule, unit: MatchUnit): boolean {
  const c = rule.command!;
  if (unit.text === null) return false;
  const allow = rule.decision === 'allow';
  // An unknown program can only be caught (ask/deny), never let through by a pattern.
  if (unit.dynamicProgram && allow) return false;
  if (c.programs !== null) {
    const names = [unit.program, ...(allow ? [] : unit.wrappers)].filter((p): p is string => p !== null).map(programName);
    if (!names.some((n) => c.programs!.has(n))) return false;
  }
  const texts = allow || unit.source === null ? [unit.text] : [unit.text, unit.source];
  return texts.some((t) => (c.regex === null || c.regex.test(t)) && (c.prefix === null || t === c.prefix || t.startsWith(`${c.prefix} `)));
}

function pathsMatch(rule: CompiledRule, paths: readonly PathTarget[], ws: Workspace): boolean {
  const p = rule.paths!;
  const strict = rule.decision === 'allow';
  const globs = p.globs === null ? null : p.globs.map((g) => compileGlob(g, ws));
  const qualifies = (t: PathTarget): boolean => {
    if (p.insideWorkspace === true && !(t.where === 'inside' || t.where === 'root')) return false;
    if (p.insideWorkspace === false && !(t.where === 'outside' || (!strict && t.where === 'unknown'))) return false;
    if (globs !== null) {
      if (t.abs === null || t.dynamic) return false;
      const slashed = toSlashes(t.glob ? `${t.abs}${ws.platform === 'win32' ? '\\' : '/'}${globTail(t.raw)}` : t.abs);
      if (!globs.some((re) => re !== null && re.test(slashed))) return false;
    }
    return true;
  };
  return strict ? paths.every(qualifies) : paths.some(qualifies);
}

/** For a glob target (abs = its folder), the part after the folder, so `*.log` can match `**\/*.log`. */
function globTail(raw: string): string {
  const parts = raw.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Relative globs are relative to the workspace root; ~/ is home. Null when it cannot be placed (no workspace). */
function compileGlob(glob: string, ws: Workspace): RegExp | null {
  const f = flavor(ws.platform);
  let abs: string | null;
  if (glob === '~' || glob.startsWith('~/')) abs = ws.home === null ? null : toSlashes(ws.home) + glob.slice(1);
  else if (f.isAbsolute(glob) || /^[A-Za-z]:[\\/]/.test(glob)) abs = toSlashes(glob);
  else abs = ws.root === null ? null : `${toSlashes(ws.root).replace(/\/$/, '')}/${glob}`;
  return abs === null ? null : globToRegExp(abs, ws.platform !== 'linux');
}
