import { compilePattern, groupNames } from './patterns';
import type { RuleFileRaw } from './rule-schema';
import type { Condition, DetailSpec, Extractor, KeySource, MeaningRule, PromptSpec, Region, Rule, RuleSet } from './rule-types';

/**
 * Turns a schema-checked rule file into what the classifier runs: regexes compiled (and
 * refused when broken or exponential), regions and defaults made explicit. Each failure
 * keeps the field path so the caller can point at its line.
 */

export interface CompileIssue {
  path: (string | number)[];
  reason: string;
}

export type CompileResult = { ok: true; ruleSet: RuleSet } | { ok: false; issues: CompileIssue[] };

type RawRule = RuleFileRaw['rules'][number];
type RawPrompt = NonNullable<RawRule['prompt']>;
type RawRegion = RawRule['region'];
type RawCondition = RawRule['all'][number];
type RawMeaning = RuleFileRaw['meanings'][number];

export function compileRuleFile(raw: RuleFileRaw, fileName: string, lineOf: (path: (string | number)[]) => number): CompileResult {
  const issues: CompileIssue[] = [];
  const pattern = (source: string, path: (string | number)[], withIndices = false): RegExp => {
    const compiled = compilePattern(source, withIndices);
    if (compiled.ok) return compiled.re;
    issues.push({ path, reason: compiled.reason });
    return /$^/u; // never matches; the file is rejected anyway
  };
  const optional = (source: string | undefined, path: (string | number)[]) => (source === undefined ? null : pattern(source, path));
  const meanings = (list: RawMeaning[], path: (string | number)[]): MeaningRule[] =>
    list.map((m, i) => ({ meaning: m.meaning, label: pattern(m.label, [...path, i, 'label']) }));

  const fileMeanings = meanings(raw.meanings, ['meanings']);

  const rules: Rule[] = raw.rules.map((rule, r) => {
    const base: (string | number)[] = ['rules', r];
    const conditions = (list: RawCondition[], name: string): Condition[] =>
      list.map((c, i) =>
        typeof c === 'string'
          ? { re: pattern(c, [...base, name, i]), region: null }
          : { re: pattern(c.pattern, [...base, name, i, 'pattern']), region: region(c.region) },
      );
    return {
      id: rule.id,
      state: rule.state,
      description: rule.description,
      region: region(rule.region),
      all: conditions(rule.all, 'all'),
      any: conditions(rule.any, 'any'),
      none: conditions(rule.none, 'none'),
      prompt: rule.prompt ? compilePrompt(rule.prompt, [...base, 'prompt']) : null,
      file: fileName,
      line: lineOf(base),
      version: raw.version,
    };
  });

  function compilePrompt(p: RawPrompt, path: (string | number)[]): PromptSpec {
    const keys: KeySource[] = p.key === undefined ? ['number'] : Array.isArray(p.key) ? p.key : [p.key];
    const option = p.option === undefined ? null : pattern(p.option, [...path, 'option'], true);
    if (option) {
      const groups = groupNames(option);
      if (!groups.has('label')) issues.push({ path: [...path, 'option'], reason: 'the option pattern needs a (?<label>…) group' });
      if (!keys.some((k) => groups.has(k))) {
        issues.push({ path: [...path, 'option'], reason: `the option pattern needs a group for its key: (?<${keys.join('>…) or (?<')}>…)` });
      }
    }
    return {
      kind: p.kind,
      start: optional(p.start, [...path, 'start']),
      question: optional(p.question, [...path, 'question']),
      option,
      keys,
      fixed: (p.options ?? []).map((o, i) => ({
        key: o.key,
        label: o.label,
        meaning: o.meaning,
        when: optional(o.when, [...path, 'options', i, 'when']),
      })),
      // The rule's own table wins; then the file's. With neither, every option means "other"
      // and nothing is approvable: a missing table can only make the classifier more careful.
      meanings: p.meanings ? meanings(p.meanings, [...path, 'meanings']) : fileMeanings,
      extract: (p.extract ?? []).map((x, i): Extractor => {
        const xPath = [...path, 'extract', i];
        const anchor = pattern(x.anchor, [...xPath, 'anchor']);
        const detail: DetailSpec | null = x.detail
          ? {
              from: x.detail.from,
              skipTo: optional(x.detail.skip_to, [...xPath, 'detail', 'skip_to']),
              until: optional(x.detail.until, [...xPath, 'detail', 'until']),
              pattern: optional(x.detail.pattern, [...xPath, 'detail', 'pattern']),
            }
          : null;
        return { anchor, tool: x.tool ?? null, detail };
      }),
      requireDetail: p.require_detail,
    };
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    ruleSet: { agent: raw.agent, version: raw.version, cliVersions: raw.cli_versions, files: [fileName], rules },
  };
}

function region(raw: RawRegion): Region {
  if (raw === 'screen') return { kind: 'screen' };
  if (raw === 'cursor_line') return { kind: 'cursor_line' };
  return { kind: 'tail', lines: raw.tail };
}
