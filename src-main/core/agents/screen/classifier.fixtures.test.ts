// Every recorded screen in test/fixtures/screens/ classified by its agent's rules: state,
// deciding rule, and for prompts the question, options (keys and meanings), tool and detail.
// Claude screens are real recordings of Claude Code 2.1.330; Codex, Gemini and Aider screens
// are rebuilt from those CLIs' source and snapshot tests (see each rule file's header).

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyScreen } from './classifier';
import { builtInRuleSets, loadScreenFixture, SCREEN_FIXTURES_DIR } from './test-support';
import type { OptionMeaning, ScreenState } from './types';

interface Expected {
  state: ScreenState;
  rule: string;
  question?: string;
  /** `key meaning` per option, in screen order. */
  options?: string[];
  tool?: string | null;
  detail?: string | null;
  selected?: number;
}

const ESC = '\x1b';
const opt = (key: string, meaning: OptionMeaning) => `${JSON.stringify(key)} ${meaning}`;

const EXPECTED: Record<string, Expected> = {
  'claude-bash-permission': {
    state: 'awaiting_approval',
    rule: 'claude.bash_permission',
    question: 'Do you want to proceed?',
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'other'), opt('4', 'deny')],
    tool: 'Bash',
    detail: 'echo hi > out.txt',
    selected: 0,
  },
  'claude-edit-permission': {
    state: 'awaiting_approval',
    rule: 'claude.file_permission',
    question: 'Do you want to make this edit to hello.txt?',
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'deny')],
    tool: 'Edit',
    detail: 'hello.txt',
    selected: 0,
  },
  'claude-write-permission': {
    state: 'awaiting_approval',
    rule: 'claude.file_permission',
    question: 'Do you want to create hello.txt?',
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'deny')],
    tool: 'Write',
    detail: 'hello.txt',
  },
  'claude-mcp-permission': {
    state: 'awaiting_approval',
    rule: 'claude.mcp_permission',
    question: 'Do you want to proceed?',
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'deny')],
    tool: 'mcp',
    detail: 'orch — Task Complete Tool',
  },
  'claude-busy': { state: 'busy', rule: 'claude.busy' },
  'claude-idle': { state: 'idle', rule: 'claude.idle' },
  'claude-after-deny': { state: 'idle', rule: 'claude.idle' },

  'codex-exec-approval': {
    state: 'awaiting_approval',
    rule: 'codex.exec_approval',
    question: 'Would you like to run the following command?',
    options: [opt('y', 'approve'), opt('a', 'approve_always'), opt(ESC, 'deny')],
    tool: 'shell',
    detail: 'rm -rf build dist',
    selected: 0,
  },
  'codex-exec-approval-prefix': {
    state: 'awaiting_approval',
    rule: 'codex.exec_approval',
    question: 'Would you like to run the following command?',
    options: [opt('y', 'approve'), opt('p', 'approve_always'), opt(ESC, 'deny')],
    tool: 'shell',
    detail: 'npm run docs:build &&\ngit push --force origin gh-pages',
  },
  'codex-patch-approval': {
    state: 'awaiting_approval',
    rule: 'codex.patch_approval',
    question: 'Would you like to make the following edits?',
    options: [opt('y', 'approve'), opt(ESC, 'deny')],
    tool: 'apply_patch',
    detail: 'README.md',
  },
  'codex-network-approval': {
    state: 'awaiting_approval',
    rule: 'codex.network_approval',
    question: 'Do you want to approve network access to "api.exchangerate.host"?',
    options: [opt('y', 'approve'), opt('a', 'approve_always'), opt('p', 'approve_always'), opt(ESC, 'deny')],
    tool: 'network',
    detail: 'api.exchangerate.host',
  },
  'codex-trust-folder': { state: 'awaiting_input', rule: 'codex.other_menu', options: [] },
  'codex-busy': { state: 'busy', rule: 'codex.busy' },
  'codex-idle': { state: 'idle', rule: 'codex.idle' },

  'gemini-shell-approval': {
    state: 'awaiting_approval',
    rule: 'gemini.shell_approval',
    question: "Allow execution of: 'rm'?",
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'deny')],
    tool: 'shell',
    detail: 'rm -rf build',
    selected: 0,
  },
  'gemini-shell-approval-legacy': {
    state: 'awaiting_approval',
    rule: 'gemini.shell_approval',
    question: "Allow execution of: 'rm'?",
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'deny')],
    tool: 'shell',
    detail: 'rm -rf build dist',
  },
  'gemini-edit-approval': {
    state: 'awaiting_approval',
    rule: 'gemini.edit_approval',
    question: 'Apply this change?',
    options: [opt('1', 'approve'), opt('2', 'approve_always'), opt('3', 'other'), opt('4', 'deny')],
    tool: 'Edit',
    detail: 'hello.txt',
  },
  'gemini-busy': { state: 'busy', rule: 'gemini.busy' },
  'gemini-idle': { state: 'idle', rule: 'gemini.idle' },

  'aider-shell-command': {
    state: 'awaiting_approval',
    rule: 'aider.shell_command',
    question: 'Run shell command?',
    options: [opt('y\r', 'approve'), opt('n\r', 'deny'), opt('d\r', 'deny')],
    tool: 'shell',
    detail: 'pytest -q tests/test_cart.py',
  },
  'aider-shell-commands': {
    state: 'awaiting_approval',
    rule: 'aider.shell_command',
    question: 'Run shell commands?',
    options: [opt('y\r', 'approve'), opt('n\r', 'deny'), opt('s\r', 'deny'), opt('d\r', 'deny')],
    tool: 'shell',
    detail: 'rm -rf build\nmake all',
  },
  'aider-create-file': {
    state: 'awaiting_approval',
    rule: 'aider.create_file',
    question: 'Create new file?',
    options: [opt('y\r', 'approve'), opt('n\r', 'deny')],
    tool: 'Write',
    detail: 'src/shop/money.py',
  },
  'aider-busy': { state: 'busy', rule: 'aider.busy' },
  'aider-idle': { state: 'idle', rule: 'aider.idle' },
};

const rules = builtInRuleSets();
const fixtures = readdirSync(SCREEN_FIXTURES_DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -'.txt'.length))
  .sort();

describe('recorded screens', () => {
  it('every expectation has its fixture file', () => {
    expect(Object.keys(EXPECTED).filter((name) => !fixtures.includes(name))).toEqual([]);
  });

  for (const name of fixtures) {
    // A screen recorded by someone else and not yet described here shows up as a todo.
    if (!EXPECTED[name]) {
      it.todo(`${name}: add its expected classification`);
      continue;
    }
    it(name, () => {
      const expected = EXPECTED[name]!;
      const agent = name.split('-')[0]!;
      const c = classifyScreen(rules.forAgent(agent), loadScreenFixture(name));
      expect({ state: c.state, rule: c.ruleId, agent: c.agent }).toEqual({ state: expected.state, rule: expected.rule, agent });
      expect(c.rulesVersion).toBe('2026.11.1');
      expect(c.matchedLines.length).toBeGreaterThan(0);
      if (expected.state === 'busy' || expected.state === 'idle') {
        expect(c.prompt).toBeNull();
        return;
      }
      const p = c.prompt!;
      if (expected.state === 'awaiting_input') {
        expect(p.kind).toBe('text');
        expect(p.options).toEqual([]);
        return;
      }
      expect(p.question).toBe(expected.question);
      expect(p.options.map((o) => opt(o.key, o.meaning))).toEqual(expected.options);
      expect(p.tool).toBe(expected.tool);
      expect(p.detail).toBe(expected.detail);
      expect(p.body.length).toBeGreaterThan(0);
      expect(p.fingerprint).toMatch(/^[0-9a-f]{28}$/);
      if (expected.selected !== undefined) {
        expect(p.options.findIndex((o) => o.selected)).toBe(expected.selected);
      }
      for (const o of p.options) expect(o.label.length).toBeGreaterThan(0);
    });
  }
});
