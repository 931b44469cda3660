import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { err, ok, type Result } from '../../../../src-preload/contract/result';
import { compileRuleFile, type CompileIssue } from './rule-compile';
import type { RuleSet } from './rule-types';

/**
 * The rule-file format (YAML, or JSON which YAML reads too), checked field by field.
 * Unknown fields are errors, so a typo never silently disables a rule. The format is
 * explained for people in resources/screen-rules/README.md.
 */

/** Upper bound for `region: { tail: N }`: keeps every rule O(rows) with a small constant. */
export const MAX_TAIL_LINES = 200;

const Pattern = z.string().min(1, 'an empty pattern matches everything');
const Meaning = z.enum(['approve', 'approve_always', 'deny', 'other']);

const RegionRaw = z.union([
  z.literal('screen'),
  z.literal('cursor_line'),
  z.strictObject({ tail: z.number().int().min(1).max(MAX_TAIL_LINES) }),
]);

const ConditionRaw = z.union([Pattern, z.strictObject({ pattern: Pattern, region: RegionRaw })]);

const MeaningRaw = z.strictObject({ meaning: Meaning, label: Pattern });

const FixedOptionRaw = z.strictObject({
  key: z.string().min(1),
  label: z.string().min(1),
  meaning: Meaning,
  when: Pattern.optional(),
});

const DetailRaw = z.strictObject({
  from: z.enum(['next', 'above']).default('next'),
  skip_to: Pattern.optional(),
  until: Pattern.optional(),
  pattern: Pattern.optional(),
});

const ExtractRaw = z.strictObject({
  anchor: Pattern,
  tool: z.string().min(1).optional(),
  detail: DetailRaw.optional(),
});

const KeySourceRaw = z.enum(['number', 'shortcut']);

const PromptRaw = z.strictObject({
  kind: z.enum(['menu', 'yes_no', 'text']),
  start: Pattern.optional(),
  question: Pattern.optional(),
  option: Pattern.optional(),
  key: z.union([KeySourceRaw, z.array(KeySourceRaw).min(1)]).optional(),
  options: z.array(FixedOptionRaw).optional(),
  meanings: z.array(MeaningRaw).optional(),
  extract: z.array(ExtractRaw).optional(),
  require_detail: z.boolean().default(false),
});

const RuleRaw = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'ids look like "agent.what_it_detects"'),
    state: z.enum(['busy', 'idle', 'awaiting_approval', 'awaiting_input']),
    description: z.string().min(1),
    region: RegionRaw.default('screen'),
    all: z.array(ConditionRaw).default([]),
    any: z.array(ConditionRaw).default([]),
    none: z.array(ConditionRaw).default([]),
    prompt: PromptRaw.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.all.length === 0 && rule.any.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'a rule needs at least one `all` or `any` condition', path: ['all'] });
    }
    const prompt = rule.prompt;
    if (rule.state === 'awaiting_approval' && (!prompt || prompt.kind === 'text')) {
      ctx.addIssue({ code: 'custom', message: 'awaiting_approval needs a `prompt` of kind menu or yes_no', path: ['prompt'] });
    }
    if (prompt && (rule.state === 'busy' || rule.state === 'idle')) {
      ctx.addIssue({ code: 'custom', message: `a ${rule.state} rule has no prompt`, path: ['prompt'] });
    }
    if (prompt?.kind === 'menu' && (!prompt.question || !prompt.option)) {
      ctx.addIssue({ code: 'custom', message: 'a menu prompt needs `question` and `option`', path: ['prompt'] });
    }
    if (prompt?.kind === 'yes_no' && (!prompt.question || !prompt.options?.length)) {
      ctx.addIssue({ code: 'custom', message: 'a yes_no prompt needs `question` and `options`', path: ['prompt'] });
    }
  });

export const RuleFileRaw = z
  .strictObject({
    version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'version is YYYY.MM.N, e.g. 2026.11.1'),
    agent: z.string().regex(/^[a-z][a-z0-9_-]*$/),
    cli_versions: z.array(z.string().min(1)).min(1, 'say which CLI versions these rules were tested with'),
    sources: z.array(z.string().min(1)).default([]),
    meanings: z.array(MeaningRaw).default([]),
    rules: z.array(RuleRaw).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id "${rule.id}"`, path: ['rules', i, 'id'] });
      seen.add(rule.id);
    });
  });
export type RuleFileRaw = z.infer<typeof RuleFileRaw>;

export interface RuleFileIssue {
  line: number;
  column: number;
  /** Field path inside the file, e.g. "rules.3.prompt.option". */
  path: string;
  reason: string;
}

/**
 * Parses and compiles one rule file. Every expected failure is a value naming the file,
 * the line and the reason (all issues are in `details.issues`, the first in the message).
 */
export function parseRuleSet(text: string, fileName: string): Result<RuleSet> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return failure(fileName, doc.errors.map((e) => ({ ...at(e.pos[0]), path: '', reason: `YAML: ${firstLine(e.message)}` })));
  }
  const parsed = RuleFileRaw.safeParse(doc.toJS());
  if (!parsed.success) {
    return failure(
      fileName,
      parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        return { ...at(offsetOf(doc, issue.path, keys[0])), path: issue.path.join('.'), reason: issue.message };
      }),
    );
  }
  const compiled = compileRuleFile(parsed.data, fileName, (path) => at(offsetOf(doc, path)).line);
  if (!compiled.ok) {
    return failure(fileName, compiled.issues.map((i: CompileIssue) => ({ ...at(offsetOf(doc, i.path)), path: i.path.join('.'), reason: i.reason })));
  }
  return ok(compiled.ruleSet);
}

function failure(fileName: string, issues: RuleFileIssue[]): Result<never> {
  const first = issues[0]!;
  const where = first.path ? ` (${first.path})` : '';
  return err('bad_input', `${fileName}:${first.line}:${first.column}: ${first.reason}${where}`, { file: fileName, issues });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * Source offset of the node at `path`, or of the nearest ancestor that exists (a missing
 * required field points at its parent). With `key`, the offset of that key in the map.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[], key?: string): number {
  const segments = path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    if (!isNode(node) || !node.range) continue;
    if (key !== undefined && n === segments.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return 0;
}
