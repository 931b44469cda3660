import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../src-preload/contract/channel-names';
import type { ClientConnection, ClientHub, PushFn } from '../core/api/client-hub';
import { silentLogger } from '../lib/logger';
import { rendererLocation } from './app-url';

// A stand-in for Electron's ipcMain: the router's only dependency on the runtime.
const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (ipc.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipc.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));
const { IpcRouter } = await import('./ipc-router');

interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];
  readonly mainFrame: FakeFrame = { url: 'app://renderer/index.html', processId: 7, routingId: 1, parent: null };
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

class FakeHub {
  readonly conns: Array<{ clientId: string; push: PushFn; closed: boolean; requests: Array<[unknown, unknown]> }> = [];
  connect(push: PushFn): ClientConnection {
    const rec = { clientId: `e${this.conns.length + 1}`, push, closed: false, requests: [] as Array<[unknown, unknown]> };
    this.conns.push(rec);
    return {
      clientId: rec.clientId,
      request: async (channel, input) => {
        rec.requests.push([channel, input]);
        return { ok: true, value: { via: rec.clientId } };
      },
      close: () => {
        rec.closed = true;
      },
    };
  }
}

const location = rendererLocation(undefined);
const call = (channel: string, sender: FakeContents, frame: FakeFrame | null, input: unknown = {}): Promise<unknown> =>
  ipc.handlers.get(channel)!({ sender, senderFrame: frame }, input);

describe('IpcRouter', () => {
  let hub: FakeHub;
  let router: InstanceType<typeof IpcRouter>;
  let win: FakeContents;

  beforeEach(() => {
    ipc.handlers.clear();
    hub = new FakeHub();
    router = new IpcRouter({ hub: hub as unknown as ClientHub, location, logger: silentLogger });
    win = new FakeContents();
    router.attach(win as never);
  });

  it('handles exactly the contract’s invoke channels', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('forwards a request from our main frame to the window’s connection', async () => {
    await expect(call('sessions.list', win, win.mainFrame, { x: 1 })).resolves.toEqual({ ok: true, value: { via: 'e1' } });
    expect(hub.conns[0]!.requests).toEqual([['sessions.list', { x: 1 }]]);
  });

  it('refuses subframes, foreign pages, vanished frames and unknown windows', async () => {
    const sub: FakeFrame = { ...win.mainFrame, routingId: 2, parent: win.mainFrame };
    const foreign: FakeFrame = { ...win.mainFrame, url: 'https://evil.example/' };
    const stranger = new FakeContents();
    for (const [sender, frame] of [
      [win, sub],
      [win, foreign],
      [win, null],
      [stranger, stranger.mainFrame],
    ] as const) {
      const r = (await call('sessions.list', sender, frame)) as { ok: boolean; error: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('unauthorized');
    }
    expect(hub.conns[0]!.requests).toEqual([]);
  });

  it('gives a reloaded page a fresh connection and releases the old one', async () => {
    win.emit('did-start-navigation', { url: 'app://renderer/index.html', isMainFrame: true, isSameDocument: false });
    expect(hub.conns.map((c) => c.closed)).toEqual([true, false]);
    await expect(call('app.info', win, win.mainFrame)).resolves.toEqual({ ok: true, value: { via: 'e2' } });
  });

  it('keeps the connection for in-page and blocked navigations', () => {
    win.emit('did-start-navigation', { url: 'app://renderer/index.html#/x', isMainFrame: true, isSameDocument: true });
    win.emit('did-start-navigation', { url: 'https://evil.example/', isMainFrame: true, isSameDocument: false });
    win.emit('did-start-navigation', { url: 'app://renderer/frame.html', isMainFrame: false, isSameDocument: false });
    expect(hub.conns).toHaveLength(1);
    expect(hub.conns[0]!.closed).toBe(false);
  });

  it('closes the connection when the renderer dies and refuses until the page loads again', async () => {
    win.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(hub.conns[0]!.closed).toBe(true);
    const r = (await call('app.info', win, win.mainFrame)) as { ok: boolean };
    expect(r.ok).toBe(false);
    win.emit('did-start-navigation', { url: 'app://renderer/index.html', isMainFrame: true, isSameDocument: false });
    await expect(call('app.info', win, win.mainFrame)).resolves.toMatchObject({ ok: true });
  });

  it('pushes to a live window only', () => {
    hub.conns[0]!.push('app.notice', { level: 'info', message: 'hi' });
    win.destroyed = true;
    hub.conns[0]!.push('app.notice', { level: 'info', message: 'gone' });
    expect(win.sent).toEqual([['app.notice', { level: 'info', message: 'hi' }]]);
  });

  it('forgets a destroyed window and removes every handler on dispose', async () => {
    win.emit('destroyed');
    expect(hub.conns[0]!.closed).toBe(true);
    const r = (await call('app.info', win, win.mainFrame)) as { ok: boolean };
    expect(r.ok).toBe(false);
    router.dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
