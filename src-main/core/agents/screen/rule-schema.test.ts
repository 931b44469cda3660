import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyScreen } from './classifier';
import { parseRuleSet, type RuleFileIssue } from './rule-schema';
import { BUILT_IN_RULES_DIR, snapshotFromText } from './test-support';

const VALID = String.raw`version: 2026.11.1
agent: example
cli_versions: [example 1.0]
meanings:
  - { meaning: approve, label: '(?i)^yes' }
  - { meaning: deny, label: '(?i)^no' }
rules:
  - id: example.confirm
    state: awaiting_approval
    description: A numbered confirmation.
    region: { tail: 10 }
    all: ['^Go ahead\?$']
    prompt:
      kind: menu
      question: '^Go ahead\?$'
      option: '^(?<marker>>)?\s*(?<number>\d)\. (?<label>.+)$'
  - id: example.idle
    state: idle
    description: The prompt.
    region: cursor_line
    any: ['^\$ ?$']
`;

function issuesOf(text: string, fileName = 'example.yaml') {
  const result = parseRuleSet(text, fileName);
  if (result.ok) throw new Error('expected an error');
  const details = result.error.details as { file: string; issues: RuleFileIssue[] };
  return { message: result.error.message, code: result.error.code, file: details.file, issues: details.issues };
}

/** Replaces text literally (String.replace would read `$'` in a regex as a pattern). */
const swap = (text: string, from: string | RegExp, to: string) => text.replace(from, () => to);

/** 1-based line of the first line containing `text`. */
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('parseRuleSet', () => {
  it('loads a valid file and the rules work', () => {
    const parsed = parseRuleSet(VALID, 'example.yaml');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value).toMatchObject({ agent: 'example', version: '2026.11.1', cliVersions: ['example 1.0'], files: ['example.yaml'] });
    expect(parsed.value.rules.map((r) => [r.id, r.line])).toEqual([
      ['example.confirm', lineOf(VALID, 'id: example.confirm')],
      ['example.idle', lineOf(VALID, 'id: example.idle')],
    ]);
    const c = classifyScreen(parsed.value, snapshotFromText('Go ahead?\n> 1. Yes\n  2. No'));
    expect(c.prompt?.options).toEqual([
      { key: '1', label: 'Yes', meaning: 'approve', selected: true },
      { key: '2', label: 'No', meaning: 'deny', selected: false },
    ]);
  });

  it('reads JSON too', () => {
    const json = JSON.stringify({
      version: '2026.11.1',
      agent: 'example',
      cli_versions: ['x'],
      rules: [{ id: 'example.busy', state: 'busy', description: 'spinner', any: ['Working'] }],
    });
    const parsed = parseRuleSet(json, 'example.json');
    expect(parsed.ok && parsed.value.rules[0]?.region).toEqual({ kind: 'screen' });
  });

  it('a bad regex is an error with its line', () => {
    const text = swap(VALID, String.raw`all: ['^Go ahead\?$']`, String.raw`all: ['^Go (ahead\?$']`);
    const { message, issues, file, code } = issuesOf(text);
    expect(code).toBe('bad_input');
    expect(file).toBe('example.yaml');
    expect(issues[0]).toMatchObject({ line: lineOf(text, "all: ['^Go (ahead"), path: 'rules.0.all.0' });
    expect(issues[0]!.reason).toMatch(/bad regex/);
    expect(message).toMatch(new RegExp(`^example\\.yaml:${issues[0]!.line}:\\d+: bad regex`));
  });

  it('a regex that can backtrack exponentially is refused', () => {
    const text = swap(VALID, String.raw`any: ['^\$ ?$']`, String.raw`any: ['^(\s+)+x$']`);
    const { issues } = issuesOf(text);
    expect(issues[0]).toMatchObject({ line: lineOf(text, String.raw`any: ['^(\s+)+x$']`), path: 'rules.1.any.0' });
    expect(issues[0]!.reason).toMatch(/nested quantifier/);
  });

  it('an unknown field is an error at that field', () => {
    const text = swap(VALID, '    region: cursor_line', '    regoin: cursor_line');
    const { issues } = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: lineOf(text, 'regoin'), path: 'rules.1' });
    expect(issues[0]!.reason).toMatch(/regoin/);
  });

  it('YAML syntax errors are errors with their line', () => {
    const text = swap(VALID, "    description: The prompt.", '    description: "The prompt." and more');
    const { issues, message } = issuesOf(text);
    expect(issues[0]!.line).toBe(lineOf(text, 'and more'));
    expect(issues[0]!.reason).toMatch(/^YAML: /);
    expect(message).toMatch(/^example\.yaml:\d+:\d+: YAML: /);
  });

  it('missing and wrong values point at the rule', () => {
    const noState = swap(VALID, '    state: idle\n', '');
    expect(issuesOf(noState).issues[0]).toMatchObject({ line: lineOf(noState, 'id: example.idle'), path: 'rules.1.state' });

    const badState = swap(VALID, 'state: idle', 'state: sleeping');
    expect(issuesOf(badState).issues[0]).toMatchObject({ line: lineOf(badState, 'sleeping'), path: 'rules.1.state' });

    const badVersion = swap(VALID, 'version: 2026.11.1', 'version: latest');
    expect(issuesOf(badVersion).issues[0]).toMatchObject({ line: 1, path: 'version' });
  });

  it('checks what a rule needs to be usable', () => {
    const noLabel = swap(VALID, '(?<label>.+)', '(.+)');
    expect(issuesOf(noLabel).issues[0]!.reason).toMatch(/\(\?<label>/);

    const noKey = swap(VALID, String.raw`(?<number>\d)`, String.raw`(\d)`);
    expect(issuesOf(noKey).issues[0]!.reason).toMatch(/group for its key/);

    const approvalWithoutPrompt = swap(VALID, / {4}prompt:[\s\S]*?(?= {2}- id: example\.idle)/, '');
    expect(issuesOf(approvalWithoutPrompt).issues[0]!.reason).toMatch(/awaiting_approval needs a `prompt`/);

    const duplicate = swap(VALID, 'id: example.idle', 'id: example.confirm');
    expect(issuesOf(duplicate).issues[0]).toMatchObject({ line: lineOf(duplicate, 'state: idle') - 1, reason: 'duplicate rule id "example.confirm"' });

    const noCondition = swap(VALID, String.raw`    any: ['^\$ ?$']` + '\n', '');
    expect(issuesOf(noCondition).issues[0]!.reason).toMatch(/at least one `all` or `any`/);
  });

  it('reports every issue, the first in the message', () => {
    // Schema issues come first; regexes are compiled only in a file that passes the schema.
    const text = swap(VALID, 'state: idle', 'state: sleeping').replace('description: The prompt.', () => 'description: ""');
    const { issues, message } = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['rules.1.state', 'rules.1.description']);
    expect(message).toContain('(rules.1.state)');
  });
});

describe('the built-in rule files', () => {
  const files = readdirSync(BUILT_IN_RULES_DIR).filter((f) => f.endsWith('.yaml'));

  it('are the six agents', () => {
    expect(files.sort()).toEqual(['aider.yaml', 'claude.yaml', 'codex.yaml', 'demo.yaml', 'gemini.yaml', 'generic.yaml']);
  });

  it.each(files)('%s loads, is versioned and names its sources', (file) => {
    const parsed = parseRuleSet(readFileSync(join(BUILT_IN_RULES_DIR, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.agent).toBe(file.replace('.yaml', ''));
    expect(parsed.value.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(parsed.value.cliVersions.length).toBeGreaterThan(0);
    for (const rule of parsed.value.rules) {
      expect(rule.id.startsWith(`${parsed.value.agent}.`)).toBe(true);
      if (rule.prompt?.kind === 'menu') expect(rule.prompt.meanings.length).toBeGreaterThan(0);
      if (rule.prompt?.kind === 'yes_no') expect(rule.prompt.fixed.length).toBeGreaterThan(0);
    }
  });
});
