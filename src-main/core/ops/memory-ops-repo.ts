import type { AccountInfo, WebhookTarget } from '../../../src-preload/contract/ops';
import type { DeliveryRecord, OpsRepo } from './ports';

type StoredAccount = AccountInfo & { tokenId: string; expiresAt: number | null };

/** The one in-memory fake of OpsRepo, for unit tests (same behaviour as the SQLite adapter). */
export function createMemoryOpsRepo(): OpsRepo {
  const accounts = new Map<string, StoredAccount>();
  const seen = new Map<string, number>();
  const targets = new Map<string, WebhookTarget>();
  const deliveries = new Map<string, DeliveryRecord>();
  const strip = ({ tokenId: _t, expiresAt: _e, ...a }: StoredAccount): AccountInfo => a;
  return {
    accounts: {
      insert: (a) => void accounts.set(a.id, { ...a, revokedAt: null, lastUsedAt: null }),
      get: (id) => accounts.get(id),
      list: () => [...accounts.values()].map(strip),
      revoke(id, at) {
        const a = accounts.get(id);
        if (!a || a.revokedAt !== null) return false;
        a.revokedAt = at;
        return true;
      },
      touch(id, at) {
        const a = accounts.get(id);
        if (a) a.lastUsedAt = at;
      },
    },
    seenWebhooks: {
      remember(id, at) {
        if (seen.has(id)) return false;
        seen.set(id, at);
        return true;
      },
      forgetBefore(at) {
        let n = 0;
        for (const [id, t] of seen) if (t < at && seen.delete(id)) n++;
        return n;
      },
    },
    targets: {
      insert: (t) => void targets.set(t.id, t),
      list: () => [...targets.values()],
      delete: (id) => targets.delete(id),
    },
    deliveries: {
      insert: (d) => void deliveries.set(d.id, { ...d }),
      update(id, patch) {
        const d = deliveries.get(id);
        if (d) Object.assign(d, patch);
      },
      list: (limit) =>
        [...deliveries.values()]
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, limit)
          .map(({ payload: _p, ...d }) => d),
      pending: () => [...deliveries.values()].filter((d) => d.status === 'pending'),
    },
  };
}
