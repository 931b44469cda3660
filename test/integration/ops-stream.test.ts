import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../src-main/compose';
import { apiOf } from '../fixtures/ops/api-client';
import { SseClient } from '../fixtures/ops/sse-client';
import { startTestCore } from '../fixtures/test-core';

let core: Core;
let api: ReturnType<typeof apiOf>;
let viewer: string;

async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  core = await startTestCore('dorch-ops-stream-');
  api = apiOf(core);
  viewer = await api.tokenFor('viewer');
});
afterAll(async () => {
  await core?.shutdown();
});

const streamUrl = (q: string): string => `${api.base}/api/v1/stream?${q}`;

describe('live event stream (SSE)', () => {
  it('refuses a caller without a token', async () => {
    const c = await SseClient.open(streamUrl(''));
    expect(c.status).toBe(401);
    c.close();
  });

  it('gives a client id, heartbeats with the server time, and resumes exactly after a drop', async () => {
    const a = await SseClient.open(streamUrl('type=test.stream&clientId=it-client-1'), { authorization: `Bearer ${viewer}` });
    expect(a.status).toBe(200);
    await until('hello', () => a.messages.some((m) => m.event === 'hello'));
    expect(JSON.parse(a.messages[0]!.data)).toMatchObject({ clientId: 'it-client-1', reconnects: 0 });
    for (let i = 0; i < 5; i++) core.sessions.event('test.stream', null, { i });
    await until('5 events', () => a.eventSeqs().length === 5);
    await until('a heartbeat', () => a.messages.some((m) => m.event === 'heartbeat'));
    const hb = JSON.parse(a.messages.find((m) => m.event === 'heartbeat')!.data) as { serverTime: number; clientId: string };
    expect(hb.clientId).toBe('it-client-1');
    expect(Math.abs(hb.serverTime - Date.now())).toBeLessThan(60_000);
    const last = a.eventSeqs().at(-1)!;
    a.close();

    // Written while the client is away.
    for (let i = 5; i < 12; i++) core.sessions.event('test.stream', null, { i });
    const b = await SseClient.open(streamUrl('type=test.stream&clientId=it-client-1'), { authorization: `Bearer ${viewer}`, 'last-event-id': String(last) });
    for (let i = 12; i < 15; i++) core.sessions.event('test.stream', null, { i });
    await until('the rest', () => b.eventSeqs().length === 10);
    const all = [...a.eventSeqs(), ...b.eventSeqs()];
    expect(new Set(all).size).toBe(15);
    expect(all).toEqual([...all].sort((x, y) => x - y));
    const data = b.messages.filter((m) => m.event === 'event').map((m) => (JSON.parse(m.data) as { data: { i: number } }).data.i);
    expect(data).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(JSON.parse(b.messages[0]!.data)).toMatchObject({ reconnects: 1 });

    const admin = await api.tokenFor('admin', 'stream-admin');
    const clients = await api.call('GET', '/api/v1/stream/clients', admin);
    expect(clients.body.find((c: { clientId: string }) => c.clientId === 'it-client-1')).toMatchObject({ reconnects: 1, connected: true, transport: 'sse' });
    const metrics = await api.call('GET', '/metrics', viewer);
    expect(metrics.body).toMatch(/dorch_stream_reconnects_total\{transport="sse"\} [1-9]/);
    expect(metrics.body).toMatch(/dorch_stream_clients\{transport="sse"\} [1-9]/);
    b.close();
  });

  it('takes ?access_token= for EventSource clients, which cannot set headers', async () => {
    const c = await SseClient.open(streamUrl(`access_token=${encodeURIComponent(viewer)}`));
    expect(c.status).toBe(200);
    c.close();
  });
});

describe('shutdown', () => {
  it('ends open streams so the app can stop', async () => {
    const other = await startTestCore('dorch-ops-stream-stop-');
    const o = apiOf(other);
    const sse = await SseClient.open(`${o.base}/api/v1/stream`, { authorization: `Bearer ${o.uiToken}` });
    const ws = new WebSocket(`ws://127.0.0.1:${other.web.port}/api/v1/stream/ws?access_token=${encodeURIComponent(o.uiToken)}`);
    await new Promise((r) => ws.once('message', r));
    const wsClosed = new Promise((r) => ws.once('close', r));
    await other.shutdown();
    await wsClosed;
    await until('SSE closed', () => sse.closed);
  });
});

describe('live event stream (WebSocket)', () => {
  it('sends the same frames and resumes with ?lastEventId=', async () => {
    const url = (q: string): string => `ws://127.0.0.1:${core.web.port}/api/v1/stream/ws?type=test.ws&clientId=ws-client-1&${q}`;
    const frames: { kind: string; event?: { seq: number } }[] = [];
    const ws = new WebSocket(url(''), { headers: { authorization: `Bearer ${viewer}` } });
    ws.on('message', (raw: Buffer) => frames.push(JSON.parse(raw.toString('utf8'))));
    await until('hello', () => frames.some((f) => f.kind === 'hello'));
    core.sessions.event('test.ws', null, { n: 1 });
    await until('an event', () => frames.some((f) => f.kind === 'event'));
    const last = frames.filter((f) => f.kind === 'event').at(-1)!.event!.seq;
    ws.close();
    core.sessions.event('test.ws', null, { n: 2 });
    const frames2: typeof frames = [];
    const ws2 = new WebSocket(url(`lastEventId=${last}&access_token=${encodeURIComponent(viewer)}`));
    ws2.on('message', (raw: Buffer) => frames2.push(JSON.parse(raw.toString('utf8'))));
    await until('the missed event', () => frames2.some((f) => f.kind === 'event'));
    await until('a heartbeat', () => frames2.some((f) => f.kind === 'heartbeat'), 5_000);
    expect(frames2.filter((f) => f.kind === 'event').map((f) => f.event!.seq)).toEqual([last + 1]);
    expect(frames2[0]).toMatchObject({ kind: 'hello', reconnects: 1 });
    ws2.close();
  });

  it('closes an unauthenticated socket with 4401', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${core.web.port}/api/v1/stream/ws`);
    const code = await new Promise<number>((res) => ws.once('close', (c) => res(c)));
    expect(code).toBe(4401);
  });
});
