import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { composeCore, type Core } from '../../src-main/compose';
import { silentLogger } from '../../src-main/lib/logger';
import { parseHostOptions } from '../../src-main/options';
import { REPO_ROOT } from '../fixtures/app-process';
import { stripAnsi, waitFor } from '../fixtures/core-harness';
import { WsClient } from '../fixtures/ws-client';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'dorch-web-'))): Promise<Core> {
  const options = parseHostOptions(['--port', '0', '--data-dir', dataDir], {});
  if (!options.ok) throw new Error(options.error.message);
  const r = await composeCore({
    host: 'browser',
    version: 'test',
    options: options.value,
    logger: silentLogger,
    appRoot: REPO_ROOT,
    rendererDir: join(dataDir, 'no-renderer'),
    nodeRuntime: { command: process.execPath, env: {} },
  });
  if (!r.ok) throw new Error(r.error.message);
  cores.push(r.value);
  return r.value;
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
});
