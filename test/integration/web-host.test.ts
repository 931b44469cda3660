import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../src-main/compose';
import { startTestCore } from '../fixtures/test-core';
import { stripAnsi, waitFor } from '../fixtures/core-harness';
import { WsClient } from '../fixtures/ws-client';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

async function start(): Promise<Core> {
  const core = await startTestCore('dorch-web-');
  cores.push(core);
  return core;
}

const wsUrl = (core: Core, token?: string): string =>
  `ws://127.0.0.1:${core.web.port}/ws${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

describe('browser-mode transport', () => {
  it('refuses a WebSocket without the right token', async () => {
    const core = await start();
    for (const url of [wsUrl(core), wsUrl(core, 'wrong-token-wrong-token')]) {
      const ws = new WebSocket(url);
      const code = await new Promise<number>((res) => ws.once('close', (c) => res(c)));
      expect(code).toBe(4401);
    }
  });

  it('answers bad_input for an invalid payload and changes nothing', async () => {
    const core = await start();
    const client = await WsClient.open(core.web.url);
    const bad = await client.request('sessions.create', { profileId: 'demo', cols: 'wide' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const list = await client.request('sessions.list', {});
    expect(list).toEqual({ ok: true, value: [] });
    client.ws.close();
  });

  it('creates a demo agent, streams its screen and takes input over the socket', async () => {
    const core = await start();
    const client = await WsClient.open(core.web.url);
    const created = await client.request('sessions.create', { profileId: 'demo', args: ['--speed', '0.1'] });
    expect(created.ok).toBe(true);
    const id = created.value.id as string;
    const attached = await client.request('terminal.attach', { sessionId: id });
    expect(attached.ok).toBe(true);
    const text = (): string => client.terminalText(id);
    await waitFor('demo prompt', () => stripAnsi(attached.value.snapshot + text()).includes('>'));
    await client.request('terminal.input', { sessionId: id, data: 'echo over-the-wire\r' });
    await waitFor('echoed text', () => (stripAnsi(text()).match(/over-the-wire/g) ?? []).length >= 2);
    expect(client.pushes.some((p) => p.channel === 'session.changed')).toBe(true);
    client.ws.close();
  });

  it('lists leases and lets a person force-release one, recording who did it', async () => {
    const core = await start();
    const lease = await core.locks.acquire({ resource: 'repo:/work/app', owner: 's_holder01', ttlMs: 60_000 });
    expect(lease.ok).toBe(true);
    const client = await WsClient.open(core.web.url);
    const list = await client.request('locks.list', {});
    expect(list.value).toEqual([expect.objectContaining({ resource: 'repo:/work/app', lease: expect.objectContaining({ owner: 's_holder01' }) })]);
    const forced = await client.request('locks.forceRelease', { resource: 'repo:/work/app', reason: 'stuck' });
    expect(forced).toMatchObject({ ok: true, value: { released: { owner: 's_holder01' } } });
    const events = core.sessions.events({ afterSeq: 0, limit: 100 }).filter((e) => e.type === 'lock.force_released');
    expect(events[0]?.data).toMatchObject({ resource: 'repo:/work/app', owner: 's_holder01', by: 'person', reason: 'stuck' });
    expect(client.pushes.some((p) => p.channel === 'locks.changed')).toBe(true);
    const again = await client.request('locks.forceRelease', { resource: 'repo:/work/app' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    client.close();
  });
});
