import { describe, expect, it } from 'vitest';
import { loadPolicy, MAX_POLICY_BYTES } from './load-policy';

const load = (text: string) => loadPolicy(text, 'policy.yaml');
const error = (text: string) => {
  const r = load(text);
  if (r.ok) throw new Error('expected the policy to be refused');
  return r.error;
};

describe('loadPolicy: a good file', () => {
  it('reads every field, with defaults for the optional ones', () => {
    const r = load(`version: 1
defaults: { mode: judge, unknown: deny }
protected_branches: [staging, "hotfix/*"]
rules:
  - id: tests
    decision: allow
    agents: [Claude]
    tools: [Bash, "mcp__github__*"]
    command: { program: [NPM.exe], regex: "^npm test", prefix: "npm test" }
    paths: { inside_workspace: true, glob: ["src/**"] }
    reason: Tests are fine.
  - id: push
    decision: ask
    use_judge: false
    command: { prefix: git push }
judge: { command: [my-judge, --json] }
`);
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.defaults).toEqual({ mode: 'judge', unknown: 'deny' });
    expect(p.protectedBranches).toEqual(['main', 'master', 'release/*', 'production', 'staging', 'hotfix/*']);
    expect(p.judge).toEqual({ command: ['my-judge', '--json'], timeoutMs: 10_000 });
    expect(p.rules.map((x) => [x.id, x.line, x.useJudge])).toEqual([
      ['tests', 5, true],
      ['push', 12, false],
    ]);
    const tests = p.rules[0]!;
    expect(tests.agents).toEqual(['claude']);
    expect([...tests.command!.programs!]).toEqual(['npm']);
    expect(tests.tools!.some((re) => re.test('mcp__github__create_issue'))).toBe(true);
    expect(p.warnings).toEqual([]);
    expect(p.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it('accepts JSON, which is YAML', () => {
    const r = load('{"version": 1, "rules": [{"id": "a", "decision": "deny", "command": {"program": ["rm"]}}]}');
    expect(r.ok && r.value.rules[0]!.decision).toBe('deny');
  });

  it('defaults to manual mode and asking when the file says nothing', () => {
    const r = load('version: 1\n');
    expect(r.ok && r.value.defaults).toEqual({ mode: 'manual', unknown: 'ask' });
  });
});

describe('loadPolicy: refused files name the line and the reason', () => {
  it.each([
    ['bad YAML', 'version: 1\nrules:\n  - id: a\n    decision: [allow\n', 5, /^YAML: Flow sequence/],
    ['a tab-indented line', 'version: 1\nrules:\n\t- id: a\n', 3, /^YAML: /],
    ['a duplicate key', 'version: 1\ndefaults:\n  mode: policy\n  mode: manual\n', 4, /^YAML: Map keys must be unique/],
    ['an unknown top-level field', 'version: 1\nrulez: []\n', 2, /^unknown field "rulez"/],
    ['an unknown rule field', 'version: 1\nrules:\n  - id: a\n    decision: allow\n    decison: deny\n', 5, /^rules\[0\]: unknown field "decison"/],
    ['a wrong decision', 'version: 1\nrules:\n  - id: a\n    decision: alow\n', 4, /^rules\[0\]\.decision: must be one of allow, ask, deny \(got "alow"\)/],
    ['a missing decision', 'version: 1\nrules:\n  - id: a\n    reason: x\n', 3, /^rules\[0\]\.decision: missing/],
    ['a bad regex', 'version: 1\nrules:\n  - id: a\n    decision: deny\n    command:\n      regex: "git (status"\n', 6, /^rules\[0\]\.command\.regex: not a valid regular expression/],
    ['a catastrophic regex', 'version: 1\nrules:\n  - id: a\n    decision: deny\n    command: { regex: "(a+)+$" }\n', 5, /nested quantifiers/],
    ['an empty command matcher', 'version: 1\nrules:\n  - id: a\n    decision: deny\n    command: {}\n', 5, /command needs at least one of/],
    ['a bad glob', 'version: 1\nrules:\n  - id: a\n    decision: deny\n    paths: { glob: ["src/{a,b"] }\n', 5, /unbalanced '\{'/],
    ['a wrong version', 'version: 2\n', 1, /^version: version must be 1/],
    ['a wrong mode', 'version: 1\ndefaults:\n  mode: auto\n', 3, /^defaults\.mode: must be one of manual, policy, judge/],
    ['unknown: allow', 'version: 1\ndefaults:\n  unknown: allow\n', 3, /^defaults\.unknown: must be one of ask, deny/],
    ['a duplicate rule id', 'version: 1\nrules:\n  - id: a\n    decision: allow\n  - id: a\n    decision: deny\n', 5, /duplicate rule id "a"/],
    ['a reserved rule id', 'version: 1\nrules:\n  - id: builtin.mine\n    decision: deny\n', 3, /reserved/],
    ['a judge timeout out of range', 'version: 1\njudge:\n  command: [j]\n  timeout_ms: 5\n', 4, /^judge\.timeout_ms: /],
    ['a list instead of a mapping', '- a\n- b\n', 1, /expected a mapping/],
    ['an empty file', '', 1, /the file is empty/],
    ['a comment-only file', '# nothing\n', 1, /the file is empty/],
  ])('%s', (_, text, line, reason) => {
    const e = error(text);
    expect(e.code).toBe('bad_policy');
    expect(e.file).toBe('policy.yaml');
    expect(e.line).toBe(line);
    expect(e.reason).toMatch(reason);
    expect(e.message).toBe(`policy.yaml:${e.line}:${e.column}: ${e.reason}${e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : ''}`);
  });

  it('lists every problem, in file order', () => {
    const e = error('version: 1\nrules:\n  - id: a\n    decision: nope\n  - id: b\n    decision: allow\n    extra: 1\n');
    expect(e.issues.map((i) => [i.line, i.path])).toEqual([
      [4, 'rules[0].decision'],
      [7, 'rules[1]'],
    ]);
  });

  it('refuses oversized files and YAML alias bombs', () => {
    expect(error(`version: 1\n# ${'x'.repeat(MAX_POLICY_BYTES)}\n`).reason).toMatch(/larger than/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(error(`version: 1\n${bomb.join('\n')}\n`).reason).toMatch(/YAML: .*alias/i);
  });
});

describe('loadPolicy: warnings', () => {
  it('warns when an allow rule would let a builtin through (the builtin stays)', () => {
    const r = load('version: 1\nrules:\n  - id: all-rm\n    decision: allow\n    command: { program: [rm] }\n');
    if (!r.ok) throw new Error(r.error.message);
    const messages = r.value.warnings.map((w) => w.message);
    expect(messages).toContain('rule "all-rm" cannot weaken builtin.rm_root_or_home (e.g. "rm -rf /"): the built-in deny stays in force');
    expect(r.value.warnings.every((w) => w.line === 3 && w.ruleId === 'all-rm')).toBe(true);
  });

  it('warns about a rule that allows everything', () => {
    const r = load('version: 1\nrules:\n  - id: yolo\n    decision: allow\n');
    expect(r.ok && r.value.warnings[0]!.message).toBe('rule "yolo" allows every request the built-in list does not stop');
  });

  it('does not warn about a narrow allow rule, or about deny rules', () => {
    const r = load(`version: 1
rules:
  - id: tests
    decision: allow
    command: { prefix: npm test }
    paths: { inside_workspace: true }
  - id: no-rm
    decision: deny
    command: { program: [rm] }
`);
    expect(r.ok && r.value.warnings).toEqual([]);
  });

  it('warns about judge mode without a judge, and use_judge on a non-ask rule', () => {
    const r = load('version: 1\ndefaults: { mode: judge }\nrules:\n  - id: a\n    decision: deny\n    use_judge: false\n    command: { program: [x] }\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.warnings.map((w) => w.message)).toEqual([
      'rule "a": use_judge only matters for ask rules',
      'defaults.mode is judge but no judge.command is set: every ask goes to the person',
    ]);
  });
});
