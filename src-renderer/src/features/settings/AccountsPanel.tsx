import { useCallback, useEffect, useState } from 'react';
import type { AccountInfo, CreatedAccount, ServiceRole } from '../../../../src-preload/contract/ops';
import { useServices } from '../../app/services';
import { Button, IconButton } from '../../components/Button';
import { Field } from '../../components/Field';
import { when } from './format';

const ROLE_HINT: Record<ServiceRole, string> = {
  viewer: 'reads sessions, events, metrics, the live stream',
  operator: 'also types into sessions, decides approvals, stops and restarts',
  admin: 'also manages accounts and webhooks',
};

/** Service accounts of the control API: create (the token is shown once) and revoke. */
export function AccountsPanel() {
  const { api } = useServices();
  const [accounts, setAccounts] = useState<AccountInfo[] | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ServiceRole>('viewer');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api.invoke('ops.accounts.list', {});
    if (r.ok) setAccounts(r.value);
    else setError(r.error.message);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await api.invoke('ops.accounts.create', { name: name.trim(), role });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setCreated(r.value);
    setName('');
    await load();
  };

  const revoke = async (a: AccountInfo): Promise<void> => {
    if (!window.confirm(`Revoke "${a.name}"? Its token stops working at once.`)) return;
    const r = await api.invoke('ops.accounts.revoke', { accountId: a.id });
    if (!r.ok) setError(r.error.message);
    if (created?.account.id === a.id) setCreated(null);
    await load();
  };

  return (
    <section className="settings-section" data-testid="accounts-panel" aria-labelledby="accounts-title">
      <h3 id="accounts-title">Service accounts</h3>
      <p className="muted">
        Tokens for scripts, CI, Prometheus and bots calling the control API (<code>Authorization: Bearer …</code>). Roles: viewer · operator · admin.
      </p>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Field id="account-name" label="Name" hint="Who or what uses it, e.g. ci or grafana">
          <input id="account-name" data-testid="account-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Field id="account-role" label="Role" hint={ROLE_HINT[role]}>
          <select id="account-role" data-testid="account-role" value={role} onChange={(e) => setRole(e.target.value as ServiceRole)}>
            <option value="viewer">viewer</option>
            <option value="operator">operator</option>
            <option value="admin">admin</option>
          </select>
        </Field>
        <Button variant="primary" type="submit" icon="plus" testId="account-create" disabled={busy || name.trim() === ''}>
          Create token
        </Button>
      </form>
      {error !== null ? (
        <div className="dialog-error" role="alert" data-testid="account-error">
          {error}
        </div>
      ) : null}
      {created !== null ? (
        <div className="token-reveal" data-testid="token-reveal" role="status">
          <div>
            Token for <strong>{created.account.name}</strong> ({created.account.role}). Copy it now: it is not shown again.
          </div>
          <code className="token-value" data-testid="token-value">
            {created.token}
          </code>
          <div className="token-actions">
            <Button icon="check" testId="token-copy" onClick={() => void navigator.clipboard?.writeText(created.token)}>
              Copy
            </Button>
            <IconButton icon="close" label="Hide the token" testId="token-hide" onClick={() => setCreated(null)} />
          </div>
        </div>
      ) : null}
      {accounts === null ? <p className="muted">Loading…</p> : null}
      {accounts !== null && accounts.length === 0 ? <p className="muted" data-testid="accounts-empty">No service accounts yet.</p> : null}
      {accounts !== null && accounts.length > 0 ? (
        <table className="decisions-table" data-testid="accounts-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-testid="account-row" data-account={a.name} data-status={a.revokedAt === null ? 'active' : 'revoked'}>
                <td title={a.id}>{a.name}</td>
                <td>{a.role}</td>
                <td>{when(a.createdAt)}</td>
                <td>{when(a.lastUsedAt)}</td>
                <td>{a.revokedAt === null ? 'active' : `revoked ${when(a.revokedAt)}`}</td>
                <td>
                  {a.revokedAt === null ? (
                    <Button variant="danger" icon="trash" testId="account-revoke" onClick={() => void revoke(a)}>
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
