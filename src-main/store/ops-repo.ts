import type { AccountInfo, OutboundKind, ServiceRole, WebhookDelivery, WebhookTarget } from '../../src-preload/contract/ops';
import type { DeliveryRecord, OpsRepo } from '../core/ops/ports';
import type { Db } from './database';

interface AccountRow {
  id: string;
  name: string;
  role: ServiceRole;
  token_id: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}
const account = (r: AccountRow): AccountInfo => ({
  id: r.id, name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

interface DeliveryRow {
  id: string;
  target_id: string;
  kind: OutboundKind;
  message_id: string;
  payload: string;
  attempts: number;
  status: WebhookDelivery['status'];
  last_http_status: number | null;
  last_error: string | null;
  created_at: number;
  next_attempt_at: number | null;
  delivered_at: number | null;
}
const delivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id, targetId: r.target_id, kind: r.kind, messageId: r.message_id, payload: r.payload, attempts: r.attempts,
  status: r.status, lastHttpStatus: r.last_http_status, lastError: r.last_error, createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at, deliveredAt: r.delivered_at,
});

const DELIVERY_COLUMNS: Record<string, string> = {
  attempts: 'attempts', status: 'status', lastHttpStatus: 'last_http_status', lastError: 'last_error',
  nextAttemptAt: 'next_attempt_at', deliveredAt: 'delivered_at',
};

/** SQLite adapter of the operations repos (migration 006). Single statements: each is its own implicit transaction. */
export function createSqliteOpsRepo(db: Db): OpsRepo {
  const insAccount = db.prepare(
    'INSERT INTO service_accounts (id, name, role, token_id, created_at, expires_at) VALUES (@id, @name, @role, @tokenId, @createdAt, @expiresAt)',
  );
  const getAccount = db.prepare('SELECT * FROM service_accounts WHERE id = ?');
  const listAccounts = db.prepare('SELECT * FROM service_accounts ORDER BY created_at DESC');
  const revokeAccount = db.prepare('UPDATE service_accounts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touchAccount = db.prepare('UPDATE service_accounts SET last_used_at = ? WHERE id = ?');
  const insSeen = db.prepare('INSERT OR IGNORE INTO webhook_seen_ids (id, seen_at) VALUES (?, ?)');
  const delSeen = db.prepare('DELETE FROM webhook_seen_ids WHERE seen_at < ?');
  const insTarget = db.prepare('INSERT INTO webhook_targets (id, url, kinds_json, secret, created_at) VALUES (?, ?, ?, ?, ?)');
  const listTargets = db.prepare('SELECT * FROM webhook_targets ORDER BY created_at');
  const delTarget = db.prepare('DELETE FROM webhook_targets WHERE id = ?');
  const insDelivery = db.prepare(`INSERT INTO webhook_deliveries (id, target_id, kind, message_id, payload, attempts, status,
    last_http_status, last_error, created_at, next_attempt_at, delivered_at) VALUES (@id, @targetId, @kind, @messageId, @payload,
    @attempts, @status, @lastHttpStatus, @lastError, @createdAt, @nextAttemptAt, @deliveredAt)`);
  const listDeliveries = db.prepare('SELECT * FROM webhook_deliveries ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const pendingDeliveries = db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at");
  const updates = new Map<string, ReturnType<Db['prepare']>>();

  return {
    accounts: {
      insert: (a) => void insAccount.run(a),
      get(id) {
        const r = getAccount.get(id) as AccountRow | undefined;
        return r ? { ...account(r), tokenId: r.token_id, expiresAt: r.expires_at } : undefined;
      },
      list: () => (listAccounts.all() as AccountRow[]).map(account),
      revoke: (id, at) => revokeAccount.run(at, id).changes > 0,
      touch: (id, at) => void touchAccount.run(at, id),
    },
    seenWebhooks: {
      remember: (id, at) => insSeen.run(id, at).changes > 0,
      forgetBefore: (at) => delSeen.run(at).changes,
    },
    targets: {
      insert: (t: WebhookTarget) => void insTarget.run(t.id, t.url, JSON.stringify(t.kinds), t.secret, t.createdAt),
      list: () =>
        (listTargets.all() as { id: string; url: string; kinds_json: string; secret: string; created_at: number }[]).map((r) => ({
          id: r.id, url: r.url, kinds: JSON.parse(r.kinds_json) as OutboundKind[], secret: r.secret, createdAt: r.created_at,
        })),
      delete: (id) => delTarget.run(id).changes > 0,
    },
    deliveries: {
      insert: (d) => void insDelivery.run(d),
      update(id, patch) {
        const keys = Object.keys(patch).filter((k) => k in DELIVERY_COLUMNS).sort();
        if (keys.length === 0) return;
        const sql = `UPDATE webhook_deliveries SET ${keys.map((k) => `${DELIVERY_COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`;
        let stmt = updates.get(sql);
        if (!stmt) {
          stmt = db.prepare(sql);
          updates.set(sql, stmt);
        }
        stmt.run({ ...patch, id });
      },
      list: (limit) => (listDeliveries.all(limit) as DeliveryRow[]).map((r) => {
        const { payload: _p, ...d } = delivery(r);
        return d;
      }),
      pending: () => (pendingDeliveries.all() as DeliveryRow[]).map(delivery),
    },
  };
}
