import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Result } from '../../../../src-preload/contract/result';
import { DEFAULT_PROTECTED_BRANCHES } from './builtin-deny';
import { globToRegExp } from './glob';
import type { CompiledRule, LoadedPolicy } from './policy-model';
import { PolicyFileSchema, type PolicyRuleInput } from './policy-schema';
import { policyWarnings } from './policy-warnings';
import { programName } from './wrappers';
import { at, itemLines, positionOf } from './yaml-positions';

/**
 * Reads a policy file. A bad file is refused as a value naming the file, the
 * line and the reason (every problem found, first one on top); the caller
 * keeps the previous policy (see PolicyStore).
 */

/** 256 KiB: a hand-written policy is a few KB; anything bigger is a mistake (or a YAML bomb). */
export const MAX_POLICY_BYTES = 256 * 1024;
/** YAML aliases let a small file expand enormously; a policy needs none or a few. */
const MAX_YAML_ALIASES = 100;

export interface PolicyIssue {
  readonly line: number;
  readonly column: number;
  /** Where in the data: "rules[2].decision" ('' for the whole file). */
  readonly path: string;
  readonly message: string;
}

export interface PolicyLoadError {
  readonly code: 'bad_policy';
  readonly file: string;
  /** Of the first issue. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly issues: readonly PolicyIssue[];
  /** "policy.yaml:12:5: rules[0].decision: …" */
  readonly message: string;
}

export function loadPolicy(text: string, fileName: string): Result<LoadedPolicy, PolicyLoadError> {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    return refuse(fileName, [{ line: 1, column: 1, path: '', message: `the file is larger than ${MAX_POLICY_BYTES / 1024} KiB` }]);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: true, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return refuse(
      fileName,
      doc.errors.map((e) => ({ ...at(lc, e.pos[0]), path: '', message: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  if (doc.contents === null) return refuse(fileName, [{ line: 1, column: 1, path: '', message: 'the file is empty (a policy needs at least "version: 1")' }]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    return refuse(fileName, [{ line: 1, column: 1, path: '', message: `YAML: ${(e as Error).message}` }]);
  }
  const parsed = PolicyFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return { ...positionOf(doc, lc, issue.path, unknownKey), path: formatPath(issue.path), message: describe(issue, data) };
    });
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    return refuse(fileName, issues);
  }
  const file = parsed.data;
  const lines = itemLines(doc, lc, 'rules');
  const rules = file.rules.map((r, i) => compileRule(r, lines[i] ?? 1));
  const base = {
    file: fileName,
    digest: createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16),
    defaults: file.defaults,
    protectedBranches: [...new Set([...DEFAULT_PROTECTED_BRANCHES, ...file.protected_branches])],
    rules,
    judge: file.judge === undefined ? null : { command: file.judge.command, timeoutMs: file.judge.timeout_ms },
  };
  return { ok: true, value: { ...base, warnings: policyWarnings(base) } };
}

export function compileRule(r: PolicyRuleInput, line: number): CompiledRule {
  return {
    id: r.id,
    decision: r.decision,
    line,
    agents: r.agents?.map((a) => a.toLowerCase()) ?? null,
    tools: r.tools?.map((t) => globToRegExp(t, true)) ?? null,
    toolNames: r.tools ?? null,
    command:
      r.command === undefined
        ? null
        : {
            programs: r.command.program === undefined ? null : new Set(r.command.program.map(programName)),
            regex: r.command.regex === undefined ? null : new RegExp(r.command.regex),
            prefix: r.command.prefix ?? null,
          },
    paths: r.paths === undefined ? null : { insideWorkspace: r.paths.inside_workspace ?? null, globs: r.paths.glob ?? null },
    reason: r.reason ?? null,
    useJudge: r.use_judge ?? true,
  };
}

function refuse(file: string, issues: PolicyIssue[]): Result<LoadedPolicy, PolicyLoadError> {
  const first = issues[0]!;
  const reason = first.path === '' ? first.message : `${first.path}: ${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    ok: false,
    error: { code: 'bad_policy', file, line: first.line, column: first.column, reason, issues, message: `${file}:${first.line}:${first.column}: ${reason}${more}` },
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`)).join('');
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.path.length > 0 && !hasPath(data, issue.path)) return 'missing (this field is required)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value': {
      const got = JSON.stringify(valueAt(data, issue.path)) ?? 'nothing';
      return `${issue.values.length === 1 ? issue.message : `must be one of ${issue.values.map(String).join(', ')}`} (got ${got})`;
    }
    case 'invalid_type':
      return `expected ${issue.expected === 'object' ? 'a mapping (key: value lines)' : issue.expected}`;
    default:
      return issue.message;
  }
}

function hasPath(data: unknown, path: readonly PropertyKey[]): boolean {
  let node = data;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !(seg in node)) return false;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return true;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const seg of path) node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
  return node;
}
