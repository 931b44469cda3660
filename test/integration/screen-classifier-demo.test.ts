// The screen classifier end to end: the real demo agent in a real pty (node-pty), rendered
// by the core's HeadlessScreen (Unicode 11 widths), classified with the built-in rules, and
// answered with the keys the classifier reports. No fixed sleeps: every step polls the screen.

import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyScreen } from '../../src-main/core/agents/screen/classifier';
import { builtInRuleSets } from '../../src-main/core/agents/screen/test-support';
import type { Classification, PromptOption } from '../../src-main/core/agents/screen/types';
import { HeadlessScreen } from '../../src-main/core/terminal/headless-screen';

const AGENT = fileURLToPath(new URL('../../resources/demo-agent/demo-agent.mjs', import.meta.url));
const rules = builtInRuleSets().forAgent('demo');
/** How often a wait re-reads the screen. */
const POLL_MS = 20;
// Generous: a slow CI machine must not fail a correct classifier; a broken one still fails.
const WAIT_MS = 15_000;

class DemoSession {
  readonly screen: HeadlessScreen;
  readonly proc: pty.IPty;
  exited = false;

  constructor(
    readonly cols: number,
    readonly rows: number,
    args: string[] = [],
  ) {
    this.screen = new HeadlessScreen(cols, rows, 200);
    this.proc = pty.spawn(process.execPath, [AGENT, '--speed', '0.1', ...args], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: process.cwd(),
      env: { ...process.env } as Record<string, string>,
    });
    this.proc.onData((d) => this.screen.write(d));
    this.proc.onExit(() => (this.exited = true));
  }

  async classify(): Promise<Classification> {
    await this.screen.barrier();
    return classifyScreen(rules, {
      lines: this.screen.visibleLines(),
      cursor: this.screen.cursor(),
      cols: this.screen.cols,
      rows: this.screen.rows,
    });
  }

  /** Polls until the classification passes `test`; the error shows the last screen. */
  async waitFor(what: string, test: (c: Classification) => boolean): Promise<Classification> {
    const start = Date.now();
    for (;;) {
      const c = await this.classify();
      if (test(c)) return c;
      if (this.exited || Date.now() - start > WAIT_MS) {
        throw new Error(`waiting for ${what}; last: ${c.state} ${c.ruleId}\n${this.screen.visibleLines().join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  waitForRule(ruleId: string): Promise<Classification> {
    return this.waitFor(ruleId, (c) => c.ruleId === ruleId);
  }

  /** Types a command at the idle prompt. */
  async run(command: string): Promise<void> {
    await this.waitForRule('demo.idle');
    this.proc.write(`${command}\r`);
    await this.waitFor(`"${command}" to start`, (c) => c.ruleId !== 'demo.idle');
  }

  text(): string {
    return this.screen.visibleLines().join('\n');
  }

  dispose(): void {
    if (!this.exited) this.proc.kill();
    this.screen.dispose();
  }
}

const sessions: DemoSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});
function start(cols = 100, rows = 30, args: string[] = []): DemoSession {
  const s = new DemoSession(cols, rows, args);
  sessions.push(s);
  return s;
}
const option = (c: Classification, meaning: PromptOption['meaning']) => c.prompt!.options.find((o) => o.meaning === meaning)!;

describe('demo agent in a real pty', () => {
  it('idle, busy, the permission menu, [y/N] and (yes/no), answered by the keys the classifier reports', async () => {
    const s = start();
    expect((await s.waitForRule('demo.idle')).state).toBe('idle');

    await s.run('work 20'); // 2 s at --speed 0.1: long enough to be seen busy on a slow machine
    expect(await s.waitForRule('demo.busy')).toMatchObject({ state: 'busy', prompt: null });
    await s.waitForRule('demo.idle');

    await s.run('ask');
    const menu = await s.waitForRule('demo.permission_menu');
    expect(menu.state).toBe('awaiting_approval');
    expect(menu.prompt).toMatchObject({ kind: 'menu', question: 'Do you want to proceed?', tool: 'Bash', detail: 'rm -rf build' });
    expect(menu.prompt!.options).toEqual([
      { key: '1', label: 'Yes', meaning: 'approve', selected: true },
      { key: '2', label: "Yes, and don't ask again for this session", meaning: 'approve_always', selected: false },
      { key: '3', label: 'No, and tell Claude what to do differently (esc)', meaning: 'deny', selected: false },
    ]);
    expect(menu.prompt!.body.join('\n')).toContain('Remove build output');

    // Moving the marker is the same prompt.
    s.proc.write('\x1b[B');
    const moved = await s.waitFor('the marker on option 2', (c) => c.prompt?.options[1]?.selected === true);
    expect(moved.prompt!.fingerprint).toBe(menu.prompt!.fingerprint);

    s.proc.write(option(menu, 'deny').key);
    await s.waitForRule('demo.idle');
    expect(s.text()).toContain('✗ Denied by user');

    await s.run('ask git push --force origin main');
    const push = await s.waitForRule('demo.permission_menu');
    expect(push.prompt!.detail).toBe('git push --force origin main');
    expect(push.prompt!.fingerprint).not.toBe(menu.prompt!.fingerprint);
    s.proc.write(option(push, 'approve').key);
    await s.waitForRule('demo.idle');
    expect(s.text()).toContain('✓ Ran: git push --force origin main');

    await s.run('confirm');
    const confirm = await s.waitForRule('demo.confirm_key');
    expect(confirm.prompt).toMatchObject({ kind: 'yes_no', question: 'Overwrite file.txt?', tool: 'Write', detail: 'file.txt' });
    expect(confirm.prompt!.options.map((o) => [o.key, o.meaning])).toEqual([
      ['y', 'approve'],
      ['n', 'deny'],
    ]);
    s.proc.write(option(confirm, 'approve').key);
    await s.waitForRule('demo.idle');
    expect(s.text()).toContain('✓ Answered yes');

    await s.run('yesno');
    const word = await s.waitForRule('demo.confirm_word');
    expect(word.prompt).toMatchObject({ kind: 'yes_no', question: 'Apply changes?' });
    s.proc.write(option(word, 'deny').key);
    await s.waitForRule('demo.idle');
    expect(s.text()).toContain('✗ Answered no');
  });

  it('a terminal too narrow for the box: the bare menu reads the same', async () => {
    const s = start(56, 24, ['--no-banner']);
    await s.run('ask make clean');
    const menu = await s.waitForRule('demo.permission_menu');
    expect(s.text()).toMatch(/^Bash command$/m);
    expect(menu.prompt).toMatchObject({ tool: 'Bash', detail: 'make clean' });
    expect(menu.prompt!.options.map((o) => [o.key, o.meaning])).toEqual([
      ['1', 'approve'],
      ['2', 'approve_always'],
      ['3', 'deny'],
    ]);
    s.proc.write('\x1b');
    await s.waitForRule('demo.idle');
  });

  it('--no-box input, and a hung agent reads as busy', async () => {
    const s = start(100, 30, ['--no-box', '--no-banner']);
    expect((await s.waitForRule('demo.idle')).state).toBe('idle');
    await s.run('hang');
    expect((await s.waitForRule('demo.busy')).state).toBe('busy');
  });
});
