/**
 * The screen path of approvals with real processes: the demo agent's
 * Claude-style menu and [y/N] prompts, a shell's unknown question; answered
 * by the careful keystroke protocol, by the person or by the policy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalInfo } from '../../src-preload/contract/approvals';
import type { Core } from '../../src-main/compose';
import { screenOf, startTestCore, waitForScreen } from '../fixtures/test-core';
import { waitFor } from '../fixtures/core-harness';
import { SCAN_DELAY_MS } from '../../src-main/core/approvals/screen-watch';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

async function startCore(): Promise<Core> {
  const core = await startTestCore('dorch-screen-app-');
  cores.push(core);
  return core;
}

const waitScreen = (core: Core, id: string, re: RegExp): Promise<void> => waitForScreen(core, id, re);

async function demo(core: Core, mode: 'manual' | 'policy' = 'manual'): Promise<string> {
  const c = core.sessions.create({ profileId: 'demo', role: 'worker', args: ['--speed', '0.2'], env: {}, cols: 100, rows: 30, approvalMode: mode });
  if (!c.ok) throw new Error(c.error.message);
  await waitScreen(core, c.value.id, /help' for commands/);
  return c.value.id;
}

async function type(core: Core, id: string, line: string): Promise<void> {
  core.sessions.input(id, line);
  await waitScreen(core, id, new RegExp(`> ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  core.sessions.input(id, '\r');
}

const pending = (core: Core, id: string): ApprovalInfo | undefined => core.approvals.list().find((a) => a.sessionId === id);
const eventTypes = (core: Core, id: string): string[] => core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).map((e) => e.type);

describe('approvals from the screen', () => {
  it('detects the demo agent’s menu and answers it with one key, verified', async () => {
    const core = await startCore();
    const id = await demo(core);
    await type(core, id, 'ask echo from-screen');
    const a = await waitFor('a screen approval', () => pending(core, id));
    expect(a).toMatchObject({ source: 'screen', tool: 'Bash', detail: 'echo from-screen', question: 'Do you want to proceed?' });
    expect(a.options.map((o) => [o.key, o.meaning])).toEqual([['1', 'approve'], ['2', 'approve_always'], ['3', 'deny']]);
    expect(core.sessions.list().find((s) => s.id === id)?.activity).toMatchObject({ state: 'awaiting_approval', source: 'screen', ruleId: 'demo.permission_menu' });
    // The detection latency (for the prompt-detection metric): measured from the output that drew the menu.
    const detected = core.sessions.events({ sessionId: id, afterSeq: 0, limit: 500 }).find((e) => e.type === 'approval.detected');
    const latencyMs = (detected?.data as { latencyMs: number }).latencyMs;
    // At least most of the scan delay (node timers may fire a millisecond early), and far from unbounded.
    expect(latencyMs).toBeGreaterThan(SCAN_DELAY_MS / 2);
    expect(latencyMs).toBeLessThan(10_000);
    const r = await core.approvals.decide(a.id, 'approve');
    expect(r).toMatchObject({ ok: true, value: { status: 'approved', decidedBy: 'person' } });
    await waitScreen(core, id, /Ran: echo from-screen/);
    const answered = core.sessions.events({ sessionId: id, afterSeq: 0, limit: 500 }).find((e) => e.type === 'approval.answered');
    expect(answered?.data).toMatchObject({ via: 'keys', key: '"1"' });
  });

  it('refuses a decision for a prompt already answered in the terminal, sending nothing', async () => {
    const core = await startCore();
    const id = await demo(core);
    await type(core, id, 'ask echo typed-by-hand');
    const a = await waitFor('a screen approval', () => pending(core, id));
    core.sessions.input(id, '3'); // the person answers "No" in the terminal itself
    await waitScreen(core, id, /Denied by user/);
    await waitFor('the approval to close', () => !pending(core, id));
    const r = await core.approvals.decide(a.id, 'approve');
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await screenOf(core, id)).not.toMatch(/Ran: echo typed-by-hand/);
    const closed = core.approvals.history({ sessionId: id, limit: 5 })[0];
    expect(closed).toMatchObject({ status: 'gone', decidedBy: 'terminal' });
  });

  it('in policy mode denies a destructive command by itself, with the builtin rule recorded', async () => {
    const core = await startCore();
    const id = await demo(core, 'policy');
    await type(core, id, 'ask rm -rf /');
    await waitScreen(core, id, /Denied by user/);
    const closed = await waitFor('the decision', () => core.approvals.history({ sessionId: id, limit: 5 })[0]);
    expect(closed).toMatchObject({ status: 'denied', decidedBy: 'policy', detail: 'rm -rf /' });
    expect(closed.ruleId).toMatch(/^builtin\./);
    expect(closed.reason).toBeTruthy();
  });

  it('cancels a pending automatic answer when the person types in that terminal', async () => {
    const core = await startCore();
    const id = await demo(core, 'policy');
    await type(core, id, 'ask pwd');
    await waitFor('a screen approval', () => pending(core, id), 20_000);
    // Within the key guard: the person presses a key the menu ignores.
    core.sessions.input(id, 'x');
    await waitFor('the automatic answer cancelled', () => eventTypes(core, id).includes('approval.auto_cancelled'));
    expect(pending(core, id)?.status).toBe('pending');
    expect(await screenOf(core, id)).toMatch(/Do you want to proceed\?/);
  });

  it('answers a [y/N] prompt with its single key', async () => {
    const core = await startCore();
    const id = await demo(core);
    await type(core, id, 'confirm');
    const a = await waitFor('a yes/no approval', () => pending(core, id));
    expect(a.options.map((o) => o.meaning)).toEqual(expect.arrayContaining(['approve', 'deny']));
    expect((await core.approvals.decide(a.id, 'approve')).ok).toBe(true);
    await waitScreen(core, id, /Answered yes/);
  });

  it('treats a question no rule knows as awaiting input, never as an approval', async () => {
    const core = await startCore();
    const c = core.sessions.create({ profileId: 'custom', command: 'bash', args: ['--noprofile', '--norc'], role: 'none', env: { PS1: '$ ' }, cols: 100, rows: 20, approvalMode: 'policy' });
    if (!c.ok) throw new Error(c.error.message);
    await waitScreen(core, c.value.id, /\$/);
    core.sessions.input(c.value.id, 'read -p "Which colour should the logo be? " c\r');
    await waitFor('awaiting input', () => core.sessions.list().find((s) => s.id === c.value.id)?.activity.state === 'awaiting_input');
    expect(pending(core, c.value.id)).toBeUndefined();
  });
});
