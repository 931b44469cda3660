import { afterEach, describe, expect, it } from 'vitest';
import type { LeaseInfo } from '../../../src-preload/contract/locks';
import type { Result } from '../../../src-preload/contract/result';
import { createLockManager, type LockManager } from '../locks/lock-manager';
import { createMemoryLockRepo } from '../locks/memory-lock-repo';
import { createFakeClock } from '../ports/fake-clock';
import { createLockTools } from './lock-tools';
import { createAgentToolRegistry, type AgentToolContext } from './registry';

let managers: LockManager[] = [];
afterEach(() => {
  for (const m of managers) m.dispose();
  managers = [];
});

function setup() {
  const clock = createFakeClock();
  const locks = createLockManager({ repo: createMemoryLockRepo(), clock, random: () => 0.5 });
  managers.push(locks);
  const events: unknown[] = [];
  const registry = createAgentToolRegistry({ tools: createLockTools({ locks }), clock, events: { event: (...a) => void events.push(a) } });
  return { clock, locks, registry, events };
}

const as = (sessionId: string, signal?: AbortSignal): AgentToolContext => ({ sessionId, role: 'worker', correlationId: 'c', signal });
const lease = (r: Result<unknown>): LeaseInfo => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as LeaseInfo;
};

describe('lock tools', () => {
  it('acquire, renew, release act for the calling session', async () => {
    const { registry, locks } = setup();
    const l = lease(await registry.call(as('s_a'), 'lock_acquire', { resource: 'port:1', ttlMs: 1_000 }));
    expect(l).toMatchObject({ owner: 's_a', token: 1, ttlMs: 1_000 });
    // Another session cannot renew or release it, even with the token.
    expect(await registry.call(as('s_b'), 'lock_renew', { resource: 'port:1', token: 1 })).toMatchObject({ ok: false });
    expect(await registry.call(as('s_b'), 'lock_release', { resource: 'port:1', token: 1 })).toMatchObject({ ok: false });
    expect(lease(await registry.call(as('s_a'), 'lock_renew', { resource: 'port:1', token: 1, ttlMs: 2_000 }))).toMatchObject({ ttlMs: 2_000 });
    expect(await registry.call(as('s_a'), 'lock_release', { resource: 'port:1', token: 1 })).toMatchObject({ ok: true });
    expect(locks.query({})).toEqual({ ok: true, value: [] });
  });

  it('refuses an owner field: agents cannot act for someone else', async () => {
    const { registry, locks } = setup();
    const r = await registry.call(as('s_a'), 'lock_acquire', { resource: 'r', owner: 's_b' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(locks.query({})).toEqual({ ok: true, value: [] });
  });

  it('query shows holders and waiters', async () => {
    const { registry } = setup();
    lease(await registry.call(as('s_a'), 'lock_acquire', { resource: 'r' }));
    const q = await registry.call(as('s_b'), 'lock_query', {});
    expect(q).toMatchObject({ ok: true, value: [{ resource: 'r', lease: { owner: 's_a' }, waiters: [] }] });
  });

  it('a blocking acquire whose caller went away releases the late grant', async () => {
    const { registry, locks, clock } = setup();
    const first = lease(await registry.call(as('s_a'), 'lock_acquire', { resource: 'r' }));
    const gone = new AbortController();
    const waiting = registry.call(as('s_b', gone.signal), 'lock_acquire', { resource: 'r', waitMs: 10_000 });
    await clock.advanceAsync(10);
    gone.abort();
    expect(await registry.call(as('s_a'), 'lock_release', { resource: 'r', token: first.token })).toMatchObject({ ok: true, value: { handedTo: { owner: 's_b' } } });
    await clock.advanceAsync(1_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const q = locks.query({ resource: 'r' });
    expect(q.ok && q.value.every((s) => s.lease === null)).toBe(true);
  });
});
