import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WS_RECEIPT_EVERY_CHARS } from '../../../src-preload/contract/flow';
import { WS_CLOSE_UNAUTHORIZED, WsClient, type SocketLike } from './ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }
  deliver(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
}

function setup(timeoutMs = 1_000) {
  const sockets: FakeSocket[] = [];
  const client = new WsClient({
    url: 'ws://h/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => 1,
    requestTimeoutMs: timeoutMs,
  });
  client.start();
  const last = () => sockets[sockets.length - 1]!;
  return { client, sockets, last };
}

describe('WsClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers requests by id', async () => {
    const { client, last } = setup();
    last().open();
    const p = client.invoke('sessions.list', {});
    expect(last().sent).toEqual([{ kind: 'req', id: 1, channel: 'sessions.list', input: {} }]);
    last().deliver({ kind: 'res', id: 1, result: { ok: true, value: [] } });
    await expect(p).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses requests at once while not connected', async () => {
    const { client } = setup();
    const r = await client.invoke('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
  });

  it('times out a request with unavailable and ignores a late answer', async () => {
    const { client, last } = setup(500);
    last().open();
    const p = client.invoke('app.info', {});
    vi.advanceTimersByTime(500);
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
    last().deliver({ kind: 'res', id: 1, result: { ok: true, value: {} } });
  });

  it('fails pending requests when the socket drops, then reconnects with backoff and announces it', async () => {
    const { client, sockets, last } = setup();
    const reconnects = vi.fn();
    const states: string[] = [];
    client.onReconnect(reconnects);
    client.onConnection((i) => states.push(i.state));
    last().open();
    const p = client.invoke('sessions.list', {});
    last().drop();
    const r = await p;
    expect(r.ok).toBe(false);
    expect(client.connection().state).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(client.connection().attempt).toBe(2);
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    last().open();
    expect(reconnects).toHaveBeenCalledTimes(1);
    expect(client.connection()).toEqual({ state: 'open', attempt: 0, retryAt: null });
    expect(states).toEqual(['open', 'reconnecting', 'reconnecting', 'open']);
  });

  it('does not announce a reconnect for the first connection, even after failed tries', () => {
    const { client, last } = setup();
    const reconnects = vi.fn();
    client.onReconnect(reconnects);
    last().drop();
    expect(client.connection().state).toBe('connecting');
    vi.advanceTimersByTime(250);
    last().open();
    expect(reconnects).not.toHaveBeenCalled();
  });

  it('stops on 4401 (bad token) without retrying', () => {
    const { client, sockets, last } = setup();
    last().drop(WS_CLOSE_UNAUTHORIZED);
    expect(client.connection().state).toBe('unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('retryNow skips the wait', () => {
    const { client, sockets, last } = setup();
    last().open();
    last().drop();
    client.retryNow();
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
  });

  it('fans pushes out to listeners; a throwing listener does not stop the others', () => {
    const { client, last } = setup();
    last().open();
    const got: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    client.on('session.removed', () => {
      throw new Error('boom');
    });
    const off = client.on('session.removed', (p) => got.push(p));
    last().deliver({ kind: 'push', channel: 'session.removed', payload: { sessionId: 's_abcdef' } });
    off();
    last().deliver({ kind: 'push', channel: 'session.removed', payload: { sessionId: 's_zzzzzz' } });
    expect(got).toEqual([{ sessionId: 's_abcdef' }]);
    spy.mockRestore();
  });

  it('reports what it has taken off the socket every WS_RECEIPT_EVERY_CHARS, counting from zero on each connection', () => {
    const { client, last, sockets } = setup();
    last().open();
    client.on('terminal.data', () => undefined);
    const frame = { kind: 'push', channel: 'terminal.data', payload: { sessionId: 's_1', offset: 0, epoch: 0, data: 'x'.repeat(10_000) } };
    const size = JSON.stringify(frame).length;
    const receipts = () => last().sent.filter((f) => (f as { kind: string }).kind === 'rcv');
    const needed = Math.ceil(WS_RECEIPT_EVERY_CHARS / size);
    for (let i = 0; i < needed - 1; i++) last().deliver(frame);
    expect(receipts()).toEqual([]);
    last().deliver(frame);
    expect(receipts()).toEqual([{ kind: 'rcv', total: needed * size }]);
    // A new connection is a new count: the server's pacing starts from zero too.
    last().drop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
    last().open();
    for (let i = 0; i < needed; i++) last().deliver(frame);
    expect(receipts()).toEqual([{ kind: 'rcv', total: needed * size }]);
  });

  it('dispose closes without reconnecting', () => {
    const { client, sockets, last } = setup();
    last().open();
    client.dispose();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
