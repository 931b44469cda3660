import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { createSqliteOpsRepo } from './ops-repo';

function repo() {
  const db = openDatabase({ file: ':memory:' });
  if (!db.ok) throw new Error(db.error.message);
  return createSqliteOpsRepo(db.value);
}

describe('SQLite operations repo (migration 006)', () => {
  it('stores accounts with their token id, revokes once, touches last use', () => {
    const r = repo();
    r.accounts.insert({ id: 'acct_aaaaaa', name: 'ci', role: 'viewer', createdAt: 1, tokenId: 'tok_1', expiresAt: null });
    expect(r.accounts.get('acct_aaaaaa')).toMatchObject({ name: 'ci', role: 'viewer', tokenId: 'tok_1', revokedAt: null });
    r.accounts.touch('acct_aaaaaa', 5);
    expect(r.accounts.revoke('acct_aaaaaa', 9)).toBe(true);
    expect(r.accounts.revoke('acct_aaaaaa', 10)).toBe(false);
    expect(r.accounts.list()).toEqual([{ id: 'acct_aaaaaa', name: 'ci', role: 'viewer', createdAt: 1, revokedAt: 9, lastUsedAt: 5 }]);
  });

  it('remembers webhook ids once and forgets old ones', () => {
    const r = repo();
    expect(r.seenWebhooks.remember('msg_1', 100)).toBe(true);
    expect(r.seenWebhooks.remember('msg_1', 200)).toBe(false);
    expect(r.seenWebhooks.forgetBefore(150)).toBe(1);
    expect(r.seenWebhooks.remember('msg_1', 300)).toBe(true);
  });

  it('records deliveries and their attempts; pending ones survive for a restart', () => {
    const r = repo();
    r.targets.insert({ id: 'wht_aaaaaa', url: 'http://127.0.0.1:9/x', kinds: ['escalation'], secret: 'whsec_x', createdAt: 1 });
    expect(r.targets.list()[0]).toMatchObject({ kinds: ['escalation'] });
    const base = { targetId: 'wht_aaaaaa', kind: 'escalation' as const, messageId: 'msg_a', attempts: 0, status: 'pending' as const, lastHttpStatus: null, lastError: null, createdAt: 1, nextAttemptAt: 1, deliveredAt: null, payload: '{}' };
    r.deliveries.insert({ ...base, id: 'dlv_1' });
    r.deliveries.insert({ ...base, id: 'dlv_2', createdAt: 2 });
    r.deliveries.update('dlv_1', { attempts: 1, status: 'delivered', lastHttpStatus: 200, deliveredAt: 3, nextAttemptAt: null });
    expect(r.deliveries.pending().map((d) => d.id)).toEqual(['dlv_2']);
    expect(r.deliveries.list(10).map((d) => [d.id, d.status, d.attempts])).toEqual([['dlv_2', 'pending', 0], ['dlv_1', 'delivered', 1]]);
    expect(r.targets.delete('wht_aaaaaa')).toBe(true);
  });
});
