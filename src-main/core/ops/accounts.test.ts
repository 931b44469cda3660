import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import { createFakeClock } from '../ports/fake-clock';
import { AccountService } from './accounts';
import { createMemoryOpsRepo } from './memory-ops-repo';

const SECRET = new TextEncoder().encode('a'.repeat(32));

function setup(secret = SECRET) {
  const clock = createFakeClock();
  const repo = createMemoryOpsRepo();
  return { clock, repo, accounts: new AccountService({ repo: repo.accounts, clock, secret, newId: (p) => newId(p) }) };
}

describe('service accounts', () => {
  it('issues a token that verifies to its account and role', async () => {
    const { accounts } = setup();
    const c = await accounts.create({ name: 'ci', role: 'operator' });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.token.split('.')).toHaveLength(3);
    const v = await accounts.verify(c.value.token);
    expect(v).toMatchObject({ ok: true, value: { kind: 'account', name: 'ci', role: 'operator', accountId: c.value.account.id } });
  });

  it('refuses a revoked account at the next call', async () => {
    const { accounts } = setup();
    const c = await accounts.create({ name: 'bot', role: 'viewer' });
    if (!c.ok) throw new Error('create failed');
    expect(accounts.revoke(c.value.account.id).ok).toBe(true);
    expect(await accounts.verify(c.value.token)).toMatchObject({ ok: false, error: { code: 'revoked' } });
    expect(accounts.revoke(c.value.account.id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses tokens signed with another key, expired, tampered or not JWTs', async () => {
    const a = setup();
    const b = setup(new TextEncoder().encode('b'.repeat(32)));
    const foreign = await b.accounts.create({ name: 'x', role: 'admin' });
    if (!foreign.ok) throw new Error();
    expect(await a.accounts.verify(foreign.value.token)).toMatchObject({ ok: false, error: { code: 'bad_signature' } });

    const short = await a.accounts.create({ name: 'short', role: 'viewer', ttlDays: 1 });
    if (!short.ok) throw new Error();
    a.clock.advance(2 * 86_400_000);
    expect(await a.accounts.verify(short.value.token)).toMatchObject({ ok: false, error: { code: 'expired' } });

    const good = await a.accounts.create({ name: 'good', role: 'viewer' });
    if (!good.ok) throw new Error();
    const [h, p, s] = good.value.token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.${s}`;
    expect(await a.accounts.verify(forged)).toMatchObject({ ok: false, error: { code: 'bad_signature' } });
    expect(await a.accounts.verify('not-a-jwt')).toMatchObject({ ok: false, error: { code: 'malformed_token' } });
  });

  it('takes the role from the account, not from the token', async () => {
    const { accounts, repo } = setup();
    const c = await accounts.create({ name: 'ops', role: 'admin' });
    if (!c.ok) throw new Error();
    repo.accounts.get(c.value.account.id)!.role = 'viewer';
    expect(await accounts.verify(c.value.token)).toMatchObject({ ok: true, value: { role: 'viewer' } });
  });
});
