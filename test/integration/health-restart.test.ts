/**
 * The app core killed mid-work (kill -9 of the whole app process) and started
 * again on the same data folder: the session it was running is restarted by
 * the healer (auto mode, a persisted setting), its health history and the
 * recovery record survive, and the restart budget is not reset by the crash.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { HealthSample, HealthSettings } from '../../src-preload/contract/health';
import { freshDataDir, startApp, type RunningApp } from '../fixtures/app-process';
import { waitFor } from '../fixtures/core-harness';
import { startTestCore } from '../fixtures/test-core';
import { WsClient } from '../fixtures/ws-client';

const apps: RunningApp[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
  for (const a of apps.splice(0)) await a.crash();
});

describe('core restarted mid-work', () => {
  it('restores the running session, its health history and settings', async () => {
    const dataDir = freshDataDir('dorch-health-restart-');
    const app = await startApp(dataDir);
    apps.push(app);
    const ws = await WsClient.open(app.url);
    const mode = await ws.request('health.setMode', { mode: 'auto' });
    expect(mode.ok).toBe(true);
    const created = await ws.request('sessions.create', { profileId: 'demo', role: 'worker', args: ['--speed', '0.2'], cols: 100, rows: 30 });
    expect(created.ok).toBe(true);
    const id = created.value.id as string;
    // A few samples on disk before the crash (one a second).
    let before: HealthSample[] = [];
    const deadline = Date.now() + 20_000;
    while (before.filter((s) => s.rssBytes !== null).length < 2) {
      if (Date.now() > deadline) throw new Error('no samples stored');
      await new Promise((r) => setTimeout(r, 100));
      before = (await ws.request('health.samples', { sessionId: id })).value as HealthSample[];
    }
    ws.close();
    await app.crash();
    apps.splice(0);

    const core = await startTestCore('unused-', { dataDir });
    cores.push(core);
    const info = () => core.sessions.list().find((s) => s.id === id);
    await waitFor('running again and ready', () => info()?.live && info()?.restartCount === 1 && info()?.activity.state === 'idle', 30_000);
    const actions = core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'recovery.action');
    expect(actions.at(-1)?.data).toMatchObject({ strategy: 'restart_session', by: 'healer', outcome: 'ok', reason: expect.stringMatching(/core stopped while this session was running/) });
    const settings = (core.handlers['health.overview']({}, { clientId: 't', correlationId: 'r', push: () => undefined }) as { ok: true; value: { settings: HealthSettings } }).value.settings;
    expect(settings.defaultMode).toBe('auto');
    const samples = await core.handlers['health.samples']({ sessionId: id, sinceTs: 0, limit: 5_000 }, { clientId: 't', correlationId: 'r', push: () => undefined });
    const kept = (samples as { ok: true; value: HealthSample[] }).value;
    expect(kept.slice(0, before.length).map((s) => s.ts)).toEqual(before.map((s) => s.ts));
  });
});
