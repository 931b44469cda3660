import { describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from './contract/api';
import { INVOKE_CHANNELS } from './contract/channel-names';

// Stand-ins for the two Electron objects the preload touches.
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as Array<[string, unknown]>,
    listeners,
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'secret' }, payload);
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      fake.invoked.push([channel, input]);
      return { ok: true, value: channel };
    },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
      fake.listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (event: unknown, payload: unknown) => void) => fake.listeners.get(channel)?.delete(l),
  },
}));
await import('./index');
const api = fake.exposed.get('api') as PreloadBridge;

describe('preload bridge', () => {
  it('exposes window.api with one function per invoke channel', async () => {
    expect([...fake.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api.invoke).sort()).toEqual([...INVOKE_CHANNELS].sort());
    await expect(api.invoke['sessions.list']({})).resolves.toEqual({ ok: true, value: 'sessions.list' });
    expect(fake.invoked).toEqual([['sessions.list', {}]]);
    expect(Object.isFrozen(api) && Object.isFrozen(api.invoke)).toBe(true);
  });

  it('delivers push payloads without the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('app.notice', (p) => seen.push(p));
    fake.emit('app.notice', { level: 'info', message: 'a' });
    off();
    fake.emit('app.notice', { level: 'info', message: 'b' });
    expect(seen).toEqual([{ level: 'info', message: 'a' }]);
  });

  it('refuses channels that are not push channels', () => {
    expect(() => api.on('sessions.list' as never, () => undefined)).toThrow(/Unknown push channel/);
  });
});
