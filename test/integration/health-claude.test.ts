/**
 * Self-healing on the REAL Claude Code CLI against the scripted model server:
 * the agent is killed (kill -9) after a turn; the healer restarts it and the
 * restart resumes the same conversation (the model sees the earlier turn).
 * The plain "restart resumes" path is in claude-approvals.test.ts; this one
 * is the fault → detection → automatic recovery path.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { prepareClaudeEnv } from '../fixtures/claude-env';
import { waitFor } from '../fixtures/core-harness';
import { createModelServer } from '../fixtures/model-server';
import { startTestCore, waitForScreen } from '../fixtures/test-core';

delete process.env.ANTHROPIC_API_KEY;
delete process.env.CLAUDE_CONFIG_DIR;

const IDLE_RE = /manual mode on|\? for shortcuts/;
const cores: Core[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.shutdown();
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('self-healing a real Claude Code session', () => {
  it('kill -9 mid-conversation: the healer restarts it with --resume and the model sees the earlier turn', async () => {
    const core = await startTestCore('dorch-health-claude-', { health: { sampleIntervalMs: 250, defaultMode: 'auto' } });
    cores.push(core);
    const server = await createModelServer({ script: [{ text: 'First answer, remember the word albatross.' }, { text: 'Second answer.' }] });
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-health-claude-ws-')));
    const env = prepareClaudeEnv({ modelServerUrl: server.url, cwd });
    cleanups.push(async () => {
      await server.close();
      env.cleanup();
      rmSync(cwd, { recursive: true, force: true });
    });
    const created = core.sessions.create({ profileId: 'claude', role: 'worker', cwd, args: [], env: env.env, cols: 120, rows: 40, approvalMode: 'manual' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const info = () => core.sessions.list().find((s) => s.id === id);
    const say = async (text: string): Promise<void> => {
      core.sessions.input(id, text);
      await waitForScreen(core, id, new RegExp(text), 'the typed text');
      core.sessions.input(id, '\r');
    };
    await waitForScreen(core, id, IDLE_RE, 'the input prompt');
    await say('remember something');
    await waitForScreen(core, id, /remember the word albatross/, 'the first answer');
    await waitFor('the turn ended', () => info()?.activity.state === 'idle', 30_000);
    const agentSessionId = info()?.agentSessionId;
    expect(agentSessionId).toMatch(/^[0-9a-f-]{36}$/);

    // Claude writes its conversation file a moment after the turn; a kill before that leaves
    // nothing to resume ("No conversation found", a crash loop the healer gives up on).
    const transcript = (): string => {
      const projects = join(env.configDir, 'projects');
      if (!existsSync(projects)) return '';
      for (const d of readdirSync(projects)) {
        const f = join(projects, d, `${agentSessionId}.jsonl`);
        if (existsSync(f)) return readFileSync(f, 'utf8');
      }
      return '';
    };
    await waitFor('the turn in Claude\'s conversation file', () => transcript().includes('albatross'), 30_000);
    process.kill(info()?.pid as number, 'SIGKILL');
    await waitFor('restarted by the healer and ready', () => info()?.restartCount === 1 && info()?.live && core.health.monitor.sessionHealth(id)?.stage === 'healthy', 60_000);
    const events = core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 });
    // (An 'anomaly' may be detected too: Claude's first turn is an unusual burst of output.)
    expect(events.find((e) => e.type === 'health.detected' && (e.data as { kind: string }).kind === 'crashed')?.data).toMatchObject({ reason: expect.stringMatching(/SIGKILL/) });
    expect(events.filter((e) => e.type === 'recovery.action').at(-1)?.data).toMatchObject({ strategy: 'restart_session', by: 'healer', outcome: 'ok' });
    expect(events.filter((e) => e.type === 'session.started').at(-1)?.data).toMatchObject({ args: expect.arrayContaining(['--resume', agentSessionId]) });

    await waitForScreen(core, id, IDLE_RE, 'the resumed prompt');
    await say('and now');
    const second = await server.waitForRequest((r) => JSON.stringify(r.body ?? {}).includes('and now'), 30_000);
    expect(JSON.stringify(second.body)).toContain('remember the word albatross');
    await waitForScreen(core, id, /Second answer/, 'the second answer');
  }, 150_000);
});
