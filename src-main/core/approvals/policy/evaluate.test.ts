import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ENTRIES, exampleRequest } from './builtin-deny';
import { evaluate } from './evaluate';
import { loadPolicy } from './load-policy';
import type { LoadedPolicy } from './policy-model';
import type { ApprovalRequest } from './types';

function policy(text: string): LoadedPolicy {
  const r = loadPolicy(text, 'p.yaml');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const bash = (command: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({ ...exampleRequest({ command }), ...extra });
const tool = (name: string, paths: string[], extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({ ...exampleRequest({ tool: name, paths }), ...extra });

const RULES = policy(`version: 1
defaults: { mode: policy, unknown: ask }
rules:
  - id: no-make-deploy
    decision: deny
    command: { prefix: make deploy }
    reason: Deploys go through CI.
  - id: push-asks
    decision: ask
    command: { prefix: git push }
    use_judge: false
  - id: read
    decision: allow
    command: { program: [ls, cat, grep, cd, echo] }
    paths: { inside_workspace: true }
  - id: tests
    decision: allow
    command: { regex: "^npm (test|run lint)( |$)" }
    paths: { inside_workspace: true }
  - id: codex-make
    decision: allow
    agents: [codex]
    command: { program: [make] }
  - id: read-tools
    decision: allow
    tools: [Read, Grep]
    paths: { inside_workspace: true }
  - id: no-secrets-dir
    decision: deny
    tools: [Edit, Write]
    paths: { glob: ["secrets/**"] }
  - id: edits
    decision: allow
    tools: [Edit, Write]
    paths: { inside_workspace: true }
judge: { command: [judge] }
`);

describe('evaluate: policy mode', () => {
  it.each([
    ['ls -la', 'allow', 'policy', 'read'],
    ['cat README.md | grep x', 'allow', 'policy', 'read'],
    ['cd src && ls', 'allow', 'policy', 'read'],
    ['npm test', 'allow', 'policy', 'tests'],
    ['ls && npm run lint', 'allow', 'policy', 'read'],
    ['ls && rm -rf build', 'ask', 'default', null],
    ['ls; make deploy', 'deny', 'policy', 'no-make-deploy'],
    ['git push origin feature', 'ask', 'policy', 'push-asks'],
    ['cat /etc/passwd', 'ask', 'default', null],
    ['ls ..', 'ask', 'default', null],
    ['cd .. && ls', 'ask', 'default', null],
    ['ls "$DIR"', 'ask', 'default', null],
    ['make build', 'ask', 'default', null],
    ['rm -rf /', 'deny', 'builtin', 'builtin.rm_root_or_home'],
    ['ls; rm -rf "$X"', 'ask', 'builtin', 'builtin.rm_unresolved_path'],
    ['sudo ls', 'deny', 'builtin', 'builtin.privilege_escalation'],
    ['', 'ask', 'default', null],
  ])('%j → %s by %s %s', (command, decision, source, ruleId) => {
    const d = evaluate(RULES, 'policy', bash(command));
    expect([d.decision, d.source, d.ruleId]).toEqual([decision, source, ruleId]);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it('matches agents', () => {
    expect(evaluate(RULES, 'policy', bash('make build', { agent: 'codex' })).decision).toBe('allow');
    expect(evaluate(RULES, 'policy', bash('make build', { agent: 'claude' })).decision).toBe('ask');
  });

  it('matches tools and their paths', () => {
    expect(evaluate(RULES, 'policy', tool('Read', ['src/a.ts'])).decision).toBe('allow');
    expect(evaluate(RULES, 'policy', tool('Read', ['/etc/hosts'])).decision).toBe('ask');
    expect(evaluate(RULES, 'policy', tool('Read', ['src/a.ts', '../x'])).decision).toBe('ask');
    expect(evaluate(RULES, 'policy', tool('Grep', [])).decision).toBe('allow');
    expect(evaluate(RULES, 'policy', tool('Edit', ['src/a.ts'])).decision).toBe('allow');
    expect(evaluate(RULES, 'policy', tool('Edit', ['secrets/prod.json'])).ruleId).toBe('no-secrets-dir');
    expect(evaluate(RULES, 'policy', tool('WebFetch', [])).decision).toBe('ask');
  });

  it('says which rule decided and why, with its line', () => {
    const d = evaluate(RULES, 'policy', bash('make deploy'));
    expect(d.reason).toBe('Deploys go through CI. (Rule "no-make-deploy" (line 4) denies make deploy.)');
    expect(d.matched).toBe('make deploy');
  });

  it('lets a deny rule beat a builtin ask, but never a builtin deny', () => {
    expect(evaluate(RULES, 'policy', bash('make deploy; rm -rf $X'))).toMatchObject({ decision: 'deny', source: 'policy', risk: 'builtin_ask' });
    expect(evaluate(RULES, 'policy', bash('make deploy; sudo x')).source).toBe('builtin');
  });

  it('denies unknown actions when the policy says so', () => {
    const strict = policy('version: 1\ndefaults: { unknown: deny }\n');
    const d = evaluate(strict, 'policy', bash('make'));
    expect([d.decision, d.source]).toEqual(['deny', 'default']);
  });

  it('never lets an allow rule match an unknown program', () => {
    const p = policy('version: 1\nrules:\n  - id: any\n    decision: allow\n    command: { regex: ".*" }\n');
    expect(evaluate(p, 'policy', bash('ls')).decision).toBe('allow');
    expect(evaluate(p, 'policy', bash('$CMD')).decision).toBe('ask');
  });

  it('allow rules look at what runs, deny rules also at wrappers', () => {
    const p = policy(`version: 1
rules:
  - id: no-nohup
    decision: deny
    command: { program: [nohup] }
  - id: timeout-ok
    decision: allow
    command: { program: [timeout] }
  - id: ls-ok
    decision: allow
    command: { program: [ls] }
`);
    expect(evaluate(p, 'policy', bash('nohup ls')).ruleId).toBe('no-nohup');
    expect(evaluate(p, 'policy', bash('timeout 5 make')).decision).toBe('ask');
    expect(evaluate(p, 'policy', bash('timeout 5 ls')).decision).toBe('allow');
  });
});

describe('evaluate: manual mode', () => {
  it('asks about everything, even what the rules allow', () => {
    const d = evaluate(RULES, 'manual', bash('ls'));
    expect(d).toMatchObject({ decision: 'ask', source: 'mode', ruleId: null, judgeEligible: false });
    expect(d.risk).toBeUndefined();
  });

  it('does not auto-deny a builtin, but flags it for the UI', () => {
    const d = evaluate(RULES, 'manual', bash('rm -rf /'));
    expect(d).toMatchObject({ decision: 'ask', source: 'mode', matched: 'builtin.rm_root_or_home', risk: 'builtin_deny' });
    expect(d.reason).toMatch(/^Manual mode: the person decides\. Warning: /);
    expect(d.findings!.map((f) => f.id)).toEqual(['builtin.rm_root_or_home']);
  });

  it('flags builtin asks too', () => {
    expect(evaluate(RULES, 'manual', bash('rm -rf $X')).risk).toBe('builtin_ask');
  });
});

describe('evaluate: judge mode', () => {
  it('marks plain asks as judge-eligible', () => {
    expect(evaluate(RULES, 'judge', bash('make build')).judgeEligible).toBe(true);
  });

  it('keeps the judge out of builtin asks, use_judge: false rules, allows and denies', () => {
    expect(evaluate(RULES, 'judge', bash('rm -rf $X')).judgeEligible).toBe(false);
    expect(evaluate(RULES, 'judge', bash('git push')).judgeEligible).toBe(false);
    expect(evaluate(RULES, 'judge', bash('ls')).judgeEligible).toBe(false);
    expect(evaluate(RULES, 'judge', bash('make deploy')).judgeEligible).toBe(false);
  });

  it('is not eligible when no judge is configured', () => {
    const p = policy('version: 1\n');
    expect(evaluate(p, 'judge', bash('make')).judgeEligible).toBe(false);
  });

  it('is never eligible in policy mode', () => {
    expect(evaluate(RULES, 'policy', bash('make build')).judgeEligible).toBe(false);
  });
});

describe('property: no generated policy weakens a builtin deny', () => {
  const word = fc.constantFrom('rm', 'sudo', 'git', 'curl', 'sh', 'bash', 'dd', 'mkfs', 'chmod', 'cp', 'echo', 'cat', 'find', 'shutdown', 'Remove-Item', 'rd', 'diskpart');
  const regex = fc.constantFrom('.*', '^', 'rm', '^git push', '-rf', '/', 'sh$', '.', '^(rm|sudo)');
  const rule = fc.record(
    {
      decision: fc.constantFrom('allow', 'allow', 'allow', 'ask', 'deny'),
      agents: fc.constantFrom(undefined, ['claude'], ['claude', 'codex']),
      tools: fc.constantFrom(undefined, ['Bash'], ['Bash', 'Write', 'Edit'], ['*']),
      command: fc.option(
        fc.record({ program: fc.option(fc.array(word, { minLength: 1, maxLength: 4 }), { nil: undefined }), regex: fc.option(regex, { nil: undefined }) }).filter((c) => c.program !== undefined || c.regex !== undefined),
        { nil: undefined },
      ),
      paths: fc.option(fc.record({ inside_workspace: fc.boolean() }), { nil: undefined }),
    },
    { requiredKeys: ['decision'] },
  );
  const examples = BUILTIN_ENTRIES.filter((e) => e.severity === 'deny').flatMap((e) => e.examples.map((ex) => ({ id: e.id, ex })));

  it('builtin-denied examples stay denied in policy and judge mode', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.constantFrom('ask', 'deny'), fc.constantFrom(...examples), fc.constantFrom('policy', 'judge'), (rules, unknown, { id, ex }, mode) => {
        const text = JSON.stringify({ version: 1, defaults: { unknown }, rules: rules.map((r, i) => ({ id: `r${i}`, ...r })) });
        const p = policy(text);
        for (const agent of ['claude', 'codex']) {
          const d = evaluate(p, mode as 'policy' | 'judge', exampleRequest(ex, agent));
          expect(d.decision, `${JSON.stringify(ex)} under ${text}`).toBe('deny');
          expect(d.source).toBe('builtin');
          expect(d.findings!.some((f) => f.id === id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
