/**
 * Issue 3 on the REAL Claude Code CLI: the app's own core (composeCore: hooks
 * route, approvals service, policy, screen watch) runs Claude sessions in
 * real ptys against the scripted model server on 127.0.0.1.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalInfo } from '../../src-preload/contract/approvals';
import { HOOK_SECRET_HEADER } from '../../src-main/core/agents/claude-hooks';
import type { Core } from '../../src-main/compose';
import { screenOf, startTestCore, waitForScreen } from '../fixtures/test-core';
import { prepareClaudeEnv } from '../fixtures/claude-env';
import { waitFor } from '../fixtures/core-harness';
import { createModelServer, type ModelServer, type ScriptTurn } from '../fixtures/model-server';

// A developer's real key must never reach the CLI under test (it would leave loopback).
delete process.env.ANTHROPIC_API_KEY;
delete process.env.CLAUDE_CONFIG_DIR;

const IDLE_RE = /manual mode on|\? for shortcuts/;
const cores: Core[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Agents first (they write into their temp homes), then the homes and servers.
  for (const core of cores.splice(0)) await core.shutdown();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startCore(): Promise<Core> {
  const core = await startTestCore('dorch-claude-app-');
  cores.push(core);
  return core;
}

interface ClaudeSession {
  id: string;
  cwd: string;
  server: ModelServer;
  screen(): Promise<string>;
  say(text: string): Promise<void>;
}

async function startClaude(core: Core, script: ScriptTurn[], mode: 'manual' | 'policy' = 'manual'): Promise<ClaudeSession> {
  const server = await createModelServer({ script });
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-claude-ws-')));
  const env = prepareClaudeEnv({ modelServerUrl: server.url, cwd });
  cleanups.push(async () => {
    await server.close();
    env.cleanup();
    rmSync(cwd, { recursive: true, force: true });
  });
  const created = core.sessions.create({ profileId: 'claude', role: 'worker', cwd, args: [], env: env.env, cols: 120, rows: 40, approvalMode: mode });
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.id;
  const screen = (): Promise<string> => screenOf(core, id);
  const waitScreen = (what: string, re: RegExp): Promise<void> => waitForScreen(core, id, re, what);
  await waitScreen('the input prompt', IDLE_RE);
  return {
    id,
    cwd,
    server,
    screen,
    // Text and Enter in one write read as a paste: type, wait for the echo, then Enter.
    async say(text: string) {
      core.sessions.input(id, text);
      await waitScreen('the typed text', new RegExp(text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      core.sessions.input(id, '\r');
    },
  };
}

const pendingFor = (core: Core, sessionId: string): ApprovalInfo | undefined => core.approvals.list().find((a) => a.sessionId === sessionId);
const activityOf = (core: Core, id: string) => core.sessions.list().find((s) => s.id === id)?.activity;
const hookCount = (core: Core, id: string, event: string): number =>
  core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'hook.received' && (e.data as { event: string }).event === event).length;

describe('approvals with the real Claude Code CLI', () => {
  it('shows a Bash call as a pending approval with the exact command; approving runs it', async () => {
    const core = await startCore();
    const c = await startClaude(core, [
      { toolUse: { id: 'toolu_1', name: 'Bash', input: { command: 'echo approved > out.txt', description: 'Write a file' } } },
      { text: 'Wrote out.txt.' },
    ]);
    await c.say('write the file');
    const pending = await waitFor('a pending approval', () => pendingFor(core, c.id), 30_000);
    expect(pending).toMatchObject({ tool: 'Bash', detail: 'echo approved > out.txt', source: 'hook', agent: 'claude', status: 'pending' });
    expect(activityOf(core, c.id)).toMatchObject({ state: 'awaiting_approval', source: 'hook' });
    const decided = await core.approvals.decide(pending.id, 'approve');
    expect(decided.ok).toBe(true);
    // The shell creates the file before echo writes into it: wait for the content, not the name.
    const out = join(c.cwd, 'out.txt');
    await waitFor('the command to run', () => existsSync(out) && readFileSync(out, 'utf8').trim() === 'approved', 30_000);
    await waitFor('idle again', () => activityOf(core, c.id)?.state === 'idle', 30_000);
    const types = core.sessions.events({ sessionId: c.id, afterSeq: 0, limit: 500 }).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['approval.detected', 'approval.decided', 'approval.answered', 'approval.closed']));
    // A decision for a prompt that is gone is refused and nothing is sent.
    const again = await core.approvals.decide(pending.id, 'deny');
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 120_000);

  it('denying runs nothing and Claude is told it was refused', async () => {
    const core = await startCore();
    const c = await startClaude(core, [
      { toolUse: { id: 'toolu_2', name: 'Bash', input: { command: 'echo nope > denied.txt', description: 'Write a file' } } },
      { text: 'Understood, I will not.' },
    ]);
    await c.say('write the other file');
    const pending = await waitFor('a pending approval', () => pendingFor(core, c.id), 30_000);
    expect((await core.approvals.decide(pending.id, 'deny')).ok).toBe(true);
    const after = await c.server.waitForRequest((r) => JSON.stringify(r.body ?? {}).includes('toolu_2') && JSON.stringify(r.body).includes('is_error'), 30_000);
    expect(JSON.stringify(after.body)).toMatch(/"is_error":true/);
    expect(existsSync(join(c.cwd, 'denied.txt'))).toBe(false);
  }, 120_000);

  it('in policy mode, answers a safe command and a destructive one through the hook, asking no one', async () => {
    const core = await startCore();
    const c = await startClaude(
      core,
      [
        { toolUse: { id: 'toolu_safe', name: 'Bash', input: { command: 'pwd', description: 'Where am I' } } },
        { toolUse: { id: 'toolu_bad', name: 'Bash', input: { command: 'rm -rf ~/', description: 'Clean up' } } },
        { text: 'Done.' },
      ],
      'policy',
    );
    await c.say('look around then clean up');
    await c.server.waitForRequest((r) => JSON.stringify(r.body ?? {}).includes('toolu_bad') && JSON.stringify(r.body).includes('tool_result'), 60_000);
    const history = core.approvals.history({ sessionId: c.id, limit: 10 });
    const safe = history.find((a) => a.detail === 'pwd');
    const bad = history.find((a) => a.detail === 'rm -rf ~/');
    expect(safe).toMatchObject({ status: 'approved', decidedBy: 'policy', ruleId: 'allow-read-only-commands-in-workspace' });
    expect(bad).toMatchObject({ status: 'denied', decidedBy: 'policy' });
    expect(bad?.ruleId).toMatch(/^builtin\./);
    const decided = core.sessions.events({ sessionId: c.id, afterSeq: 0, limit: 500 }).filter((e) => e.type === 'approval.decided');
    expect(decided.map((e) => (e.data as { by: string }).by)).toEqual(['policy', 'policy']);
    expect(core.approvals.list()).toHaveLength(0);
  }, 120_000);

  it('shows an Edit call with the file and the change', async () => {
    const core = await startCore();
    const c = await startClaude(core, []);
    writeFileSync(join(c.cwd, 'hello.txt'), 'Hello World\n');
    c.server.setScript([
      { toolUse: { id: 'toolu_read', name: 'Read', input: { file_path: join(c.cwd, 'hello.txt') } } },
      { toolUse: { id: 'toolu_edit', name: 'Edit', input: { file_path: join(c.cwd, 'hello.txt'), old_string: 'World', new_string: 'Claude', replace_all: false } } },
      { text: 'Edited.' },
    ]);
    await c.say('edit hello');
    const pending = await waitFor('an edit approval', () => pendingFor(core, c.id), 60_000);
    expect(pending.tool).toBe('Edit');
    expect(pending.detail).toBe(join(c.cwd, 'hello.txt'));
    expect(pending.body).toEqual(expect.arrayContaining(['- World', '+ Claude']));
    expect((await core.approvals.decide(pending.id, 'approve')).ok).toBe(true);
    await waitFor('the edit', () => readFileSync(join(c.cwd, 'hello.txt'), 'utf8').includes('Hello Claude'), 30_000);
  }, 120_000);

  it('four sessions prompting at once get four approvals, each answer reaching its own session', async () => {
    const core = await startCore();
    const sessions = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        startClaude(core, [
          { toolUse: { id: `toolu_p${i}`, name: 'Bash', input: { command: `echo s${i} > mine-${i}.txt`, description: 'Write' } } },
          { text: 'ok' },
        ]),
      ),
    );
    await Promise.all(sessions.map((c, i) => c.say(`write file ${i}`)));
    const approvals = await waitFor('four approvals', () => (core.approvals.list().length === 4 ? core.approvals.list() : null), 60_000);
    for (const [i, c] of sessions.entries()) {
      expect(approvals.find((a) => a.sessionId === c.id)?.detail).toBe(`echo s${i} > mine-${i}.txt`);
    }
    // Answer in reverse order; each reaches its own session only.
    for (const c of [...sessions].reverse()) {
      const a = approvals.find((x) => x.sessionId === c.id)!;
      expect((await core.approvals.decide(a.id, 'approve')).ok).toBe(true);
    }
    for (const [i, c] of sessions.entries()) {
      await waitFor(`session ${i}'s file`, () => existsSync(join(c.cwd, `mine-${i}.txt`)), 30_000);
      for (let j = 0; j < 4; j++) if (j !== i) expect(existsSync(join(c.cwd, `mine-${j}.txt`))).toBe(false);
    }
  }, 180_000);

  it('rejects unauthenticated and malformed hook posts, changing nothing', async () => {
    const core = await startCore();
    const c = await startClaude(core, []);
    await c.say('hello');
    await waitFor('the UserPromptSubmit hook', () => hookCount(core, c.id, 'UserPromptSubmit') === 1, 30_000);
    // The turn ends with a Stop hook; only after it is the session quiet, so any new record would be ours.
    await waitFor('the Stop hook', () => hookCount(core, c.id, 'Stop') === 1, 30_000);
    const before = core.sessions.events({ sessionId: c.id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'hook.received').length;
    const secret = core.claude.secretFor(c.id)!;
    const url = `http://127.0.0.1:${core.web.port}/hooks/claude/${c.id}`;
    const post = (headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const busy = JSON.stringify({ session_id: 'x', hook_event_name: 'UserPromptSubmit' });
    expect((await post({}, busy)).status).toBe(401);
    expect((await post({ [HOOK_SECRET_HEADER]: `${secret}x` }, busy)).status).toBe(401);
    expect((await post({ [HOOK_SECRET_HEADER]: secret }, JSON.stringify({ hook_event_name: 'Explode' }))).status).toBe(400);
    expect((await post({ [HOOK_SECRET_HEADER]: secret }, '{not json')).status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${core.web.port}/hooks/claude/s_nosuchsession`, { method: 'POST', headers: { 'content-type': 'application/json', [HOOK_SECRET_HEADER]: secret }, body: busy })).status).toBe(401);
    // Nothing was accepted: no hook recorded, no approval, no state from a rejected post.
    expect(core.sessions.events({ sessionId: c.id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'hook.received')).toHaveLength(before);
    expect(core.approvals.list()).toHaveLength(0);
  }, 60_000);

  it('restarting a Claude session resumes the same conversation', async () => {
    const core = await startCore();
    const c = await startClaude(core, [{ text: 'First answer, remember the word pelican.' }, { text: 'Second answer.' }]);
    await c.say('remember something');
    // The answer must be on screen (and so in the CLI's transcript) before the restart.
    let shown = '';
    await waitFor('the first answer on screen', () => {
      void c.screen().then((t) => (shown = t));
      return /remember the word pelican/.test(shown);
    }, 30_000);
    await waitFor('the Stop hook of the first turn', () => hookCount(core, c.id, 'Stop') >= 1, 30_000);
    const agentSessionId = core.sessions.list().find((s) => s.id === c.id)?.agentSessionId;
    expect(agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(core.sessions.restart(c.id).ok).toBe(true);
    await waitFor('running again', () => core.sessions.list().find((s) => s.id === c.id)?.restartCount === 1 && activityOf(core, c.id)?.state === 'idle', 30_000);
    const start = core.sessions.events({ sessionId: c.id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'session.started');
    expect(start.at(-1)?.data).toMatchObject({ args: expect.arrayContaining(['--resume', agentSessionId]) });
    expect(core.sessions.list().find((s) => s.id === c.id)?.agentSessionId).toBe(agentSessionId);
    await c.say('and now?');
    const second = await c.server.waitForRequest((r) => JSON.stringify(r.body ?? {}).includes('and now?'), 30_000);
    // The model sees the earlier turns: the conversation was resumed, not restarted.
    expect(JSON.stringify(second.body)).toContain('remember the word pelican');
  }, 120_000);
});
