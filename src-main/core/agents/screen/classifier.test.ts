import { describe, expect, it } from 'vitest';
import { classifyScreen } from './classifier';
import { explainClassification } from './debug-view';
import { MAX_BODY_LINES } from './prompt-extract';
import { builtInRuleSets, loadScreenFixture, snapshotFromText } from './test-support';
import type { Classification, ScreenSnapshot } from './types';

const rules = builtInRuleSets();
const classify = (agent: string, screen: ScreenSnapshot): Classification => classifyScreen(rules.forAgent(agent), screen);
/** A screen whose cursor waits at the end of its last non-empty row. */
const screen = (...lines: string[]) => snapshotFromText(lines.join('\n'));
const keysAndMeanings = (c: Classification) => c.prompt?.options.map((o) => [o.key, o.meaning]);
const approvable = (c: Classification) => c.prompt?.options.some((o) => o.meaning === 'approve' || o.meaning === 'approve_always') ?? false;

describe('generic yes/no prompts (any agent falls back to them)', () => {
  it.each([
    ['Overwrite config.json? [y/N] ', 'Overwrite config.json?'],
    ['Do you want to continue? [Y/n] ', 'Do you want to continue?'],
    ['Continue? [Y/n]', 'Continue?'],
    ['Proceed (y/n)? ', 'Proceed'],
    ['Delete 3 branches? (Y/n): ', 'Delete 3 branches?'],
    ['Remove build/? [y/n] y', 'Remove build/?'],
  ])('%j', (line, question) => {
    const c = classify('generic', screen('$ ./deploy.sh', 'Uploading 12 files…', line));
    expect(c.state).toBe('awaiting_approval');
    expect(c.ruleId).toBe('generic.yes_no_letter');
    expect(c.prompt).toMatchObject({ kind: 'yes_no', question, tool: null, detail: null });
    expect(keysAndMeanings(c)).toEqual([
      ['y\r', 'approve'],
      ['n\r', 'deny'],
    ]);
  });

  it('(yes/no) needs the word and Enter', () => {
    const c = classify('generic', screen('Apply 4 migrations to production? (yes/no) '));
    expect(c.ruleId).toBe('generic.yes_no_word');
    expect(c.prompt?.question).toBe('Apply 4 migrations to production?');
    expect(keysAndMeanings(c)).toEqual([
      ['yes\r', 'approve'],
      ['no\r', 'deny'],
    ]);
  });

  it('an agent with no rule for the prompt still gets the generic one', () => {
    const c = classify('claude', screen('npm warn deprecated glob@7', 'Ok to install create-vite@6? [y/N] '));
    expect(c).toMatchObject({ state: 'awaiting_approval', ruleId: 'generic.yes_no_letter', agent: 'claude' });
  });

  it('a [y/N] that was already answered (cursor elsewhere) is history', () => {
    const s = screen('Overwrite config.json? [y/N] y', 'Wrote config.json', '$');
    expect(classify('generic', s).state).not.toBe('awaiting_approval');
  });
});

describe('question shapes no rule knows: awaiting_input, never approvable', () => {
  it.each([
    ['a question on the cursor line', ['Which database should the tests use: postgres or sqlite?'], 'generic.question'],
    ['a password prompt', ['Cloning into shop…', "Password for 'https://dev@git.example.com': "], 'generic.question'],
    ['an unknown numbered menu', ['Pick a colour theme?', '❯ 1. Dark', '  2. Light', '  3. Solarized'], 'generic.numbered_menu'],
  ])('%s', (_name, lines, rule) => {
    const c = classify('generic', screen(...lines));
    expect(c.state).toBe('awaiting_input');
    expect(c.ruleId).toBe(rule);
    expect(c.prompt?.kind).toBe('text');
    expect(c.prompt?.options).toEqual([]);
    expect(approvable(c)).toBe(false);
  });

  it('a Claude panel whose tool is unknown is shown as a question', () => {
    const s = screen(
      '─'.repeat(100),
      ' Fetch',
      ' https://example.com/docs',
      ' Claude wants to fetch content from example.com',
      '',
      ' Do you want to proceed?',
      ' ❯ 1. Yes',
      "   2. Yes, and don't ask again for example.com",
      '   3. No',
      '',
      ' Esc to cancel · Tab to amend',
    );
    const c = classify('claude', s);
    expect(c).toMatchObject({ state: 'awaiting_input', ruleId: 'claude.other_menu' });
    expect(c.prompt).toMatchObject({ kind: 'text', question: 'Do you want to proceed?', options: [] });
  });

  it('a Bash panel whose command cannot be read is not approvable', () => {
    // The dashed lines around the command are missing, so the detail rule cannot find it.
    const bash = loadScreenFixture('claude-bash-permission');
    const lines = bash.lines.filter((l) => !/^╌+$/.test(l));
    const c = classify('claude', { ...bash, lines });
    expect(c.state).toBe('awaiting_input');
    expect(approvable(c)).toBe(false);
  });

  it('an approval rule that finds no deny option falls back, with the reason', () => {
    const s = screen('╭────────────────────────╮', '│ Bash command           │', '│                        │', '│   make release         │', '│                        │', '│ Do you want to proceed? │', '│ ❯ 1. Yes               │', "│   2. Yes, and don't ask again for this session │", '╰────────────────────────╯');
    const c = classify('demo', s);
    expect(c).toMatchObject({ state: 'awaiting_input', ruleId: 'demo.permission_menu' });
    expect(c.reason).toMatch(/no option means deny/);
    expect(c.prompt).toMatchObject({ kind: 'text', options: [], tool: 'Bash', detail: 'make release' });
  });

  it('options without a key they can be chosen by are left out, and too few options fall back', () => {
    const s = screen(
      '  Would you like to run the following command?',
      '',
      '  $ make deploy',
      '',
      '› 1. Yes, proceed',
      '  2. No, and tell Codex what to do differently',
    );
    const c = classify('codex', s);
    expect(c.state).toBe('awaiting_input');
    expect(c.reason).toMatch(/found 0 option\(s\).*no key for: Yes, proceed; No, and tell Codex/);
  });
});

describe('fingerprints', () => {
  const demoMenu = (marked: number, command = 'rm -rf build') => {
    const options = ['Yes', "Yes, and don't ask again for this session", 'No, and tell Claude what to do differently (esc)'];
    return screen(
      '> ask',
      '╭───────────────────────────────────────────────────────╮',
      '│ Bash command                                          │',
      '│                                                       │',
      `│   ${command.padEnd(52)}│`,
      '│   Remove build output                                 │',
      '│                                                       │',
      '│ Do you want to proceed?                               │',
      ...options.map((o, i) => `│ ${i === marked ? '❯' : ' '} ${i + 1}. ${o.padEnd(49)}│`),
      '╰───────────────────────────────────────────────────────╯',
    );
  };

  it('stay the same when only the marker, the cursor or the text around the prompt changes', () => {
    const first = classify('demo', demoMenu(0));
    const moved = classify('demo', demoMenu(2));
    expect(first.prompt?.options[0]?.selected).toBe(true);
    expect(moved.prompt?.options[2]?.selected).toBe(true);
    expect(moved.prompt?.fingerprint).toBe(first.prompt?.fingerprint);

    const bash = loadScreenFixture('claude-bash-permission');
    const base = classify('claude', bash).prompt!.fingerprint;
    expect(classify('claude', { ...bash, cursor: { x: 0, y: 0 } }).prompt?.fingerprint).toBe(base);
    const scrolled = { ...bash, lines: [...bash.lines.slice(3), '', '', ''] };
    expect(classify('claude', scrolled).prompt?.fingerprint).toBe(base);

    const gemini = loadScreenFixture('gemini-shell-approval');
    const nextFrame = { ...gemini, lines: gemini.lines.map((l) => l.replace('⠏', '⠋')) };
    expect(classify('gemini', nextFrame).prompt?.fingerprint).toBe(classify('gemini', gemini).prompt?.fingerprint);
  });

  it('change when the command, the path or the agent differs', () => {
    expect(classify('demo', demoMenu(0, 'rm -rf ~')).prompt?.fingerprint).not.toBe(classify('demo', demoMenu(0)).prompt?.fingerprint);

    const bash = loadScreenFixture('claude-bash-permission');
    const other = { ...bash, lines: bash.lines.map((l) => l.replace('echo hi > out.txt', 'echo hi > ../out.txt')) };
    expect(classify('claude', other).prompt?.detail).toBe('echo hi > ../out.txt');
    expect(classify('claude', other).prompt?.fingerprint).not.toBe(classify('claude', bash).prompt?.fingerprint);

    const edit = loadScreenFixture('claude-edit-permission');
    const otherFile = { ...edit, lines: edit.lines.map((l) => l.replaceAll('hello.txt', 'config.txt')) };
    expect(classify('claude', otherFile).prompt?.fingerprint).not.toBe(classify('claude', edit).prompt?.fingerprint);

    const yn = screen('Continue? [Y/n] ');
    expect(classify('generic', yn).prompt?.fingerprint).not.toBe(classify('codex', yn).prompt?.fingerprint);
  });
});

describe('reading the screen', () => {
  it('joins a label that wraps inside a narrow box', () => {
    const s = screen(
      '╭──────────────────────────────────────────╮',
      '│ Bash command                             │',
      '│                                          │',
      '│   npm install                            │',
      '│                                          │',
      '│ Do you want to proceed?                  │',
      '│ ❯ 1. Yes                                 │',
      "│   2. Yes, and don't ask again for npm    │",
      '│      commands in /Users/dev/shop         │',
      '│   3. No, and tell Claude what to do      │',
      '│      differently (esc)                   │',
      '╰──────────────────────────────────────────╯',
    );
    const c = classify('claude', s);
    expect(c.ruleId).toBe('claude.bash_permission_boxed');
    expect(c.prompt?.options.map((o) => o.label)).toEqual([
      'Yes',
      "Yes, and don't ask again for npm commands in /Users/dev/shop",
      'No, and tell Claude what to do differently (esc)',
    ]);
    expect(keysAndMeanings(c)).toEqual([
      ['1', 'approve'],
      ['2', 'approve_always'],
      ['3', 'deny'],
    ]);
    expect(c.prompt?.detail).toBe('npm install');
  });

  it('takes an approval panel above a live input box for history', () => {
    const bash = loadScreenFixture('claude-bash-permission');
    const idle = loadScreenFixture('claude-idle');
    const lines = [...bash.lines.slice(10, 26), ...idle.lines.slice(34)];
    expect(classify('claude', snapshotFromText(lines.join('\n'))).state).toBe('idle');
  });

  it('caps a prompt body and reports the rows it used', () => {
    const diff = Array.from({ length: 100 }, (_, i) => ` ${i + 1} +line ${i}`);
    const edit = loadScreenFixture('claude-edit-permission');
    const at = edit.lines.findIndex((l) => l.startsWith(' 1  Hello'));
    const lines = [...edit.lines.slice(0, at), ...diff, ...edit.lines.slice(at + 3)];
    const c = classify('claude', { ...edit, lines, rows: lines.length });
    expect(c.state).toBe('awaiting_approval');
    expect(c.prompt?.body.length).toBe(MAX_BODY_LINES);
    expect(c.matchedLines.every((row) => row >= 0 && row < lines.length)).toBe(true);
  });

  it('reads only the rows its regions name: a tall screen of noise stays cheap and unknown', () => {
    const noise = Array.from({ length: 5_000 }, (_, i) => `log line ${i}: ok`);
    const c = classify('claude', snapshotFromText(noise.join('\n')));
    expect(c).toMatchObject({ state: 'unknown', ruleId: null, prompt: null, matchedLines: [] });
  });

  it('demo spinner frames and timers all read as busy', () => {
    for (const glyph of ['·', '✢', '✳', '✶', '✻', '✽']) {
      const c = classify('demo', screen('> work 3', '', `${glyph} Working… (${glyph.length + 11}s · esc to interrupt)`));
      expect(c).toMatchObject({ state: 'busy', ruleId: 'demo.busy' });
    }
  });

  it('an empty screen (still starting) is unknown', () => {
    expect(classify('claude', snapshotFromText('\n\n\n')).state).toBe('unknown');
  });
});

describe('explainClassification (debug view)', () => {
  it('names the rule with its file and line, the prompt, and marks the rows used', () => {
    const set = rules.forAgent('claude');
    const bash = loadScreenFixture('claude-bash-permission');
    const c = classifyScreen(set, bash);
    const text = explainClassification(set, bash, c);
    const rule = set.rules.find((r) => r.id === 'claude.bash_permission')!;
    expect(text[0]).toBe(`awaiting_approval ← claude.bash_permission (claude.yaml:${rule.line}, v2026.11.1): ${rule.description}`);
    expect(text).toContain('  tool: Bash  detail: "echo hi > out.txt"');
    expect(text).toContain('  ❯ "1"      approve        Yes');
    expect(text.filter((l) => /^\s*\d+ ▶/.test(l))).toHaveLength(c.matchedLines.length);
    expect(text.some((l) => / ▶.*Do you want to proceed\?$/.test(l))).toBe(true);
  });

  it('says when nothing matched', () => {
    const set = rules.forAgent('codex');
    const s = screen('just some output');
    expect(explainClassification(set, s, classifyScreen(set, s))[0]).toBe('unknown ← no rule matched (codex.yaml, generic.yaml, v2026.11.1)');
  });
});
