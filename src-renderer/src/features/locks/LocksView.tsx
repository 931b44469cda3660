import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { IconButton } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useAppStore } from '../../stores/store-context';
import { LocksTable } from './LocksTable';
import { useNow } from './use-now';

/** Countdowns show whole seconds. */
const TICK_MS = 1_000;

/** Leases on shared resources: who holds what, who waits, and a way to take a lease back. */
export function LocksView({ hidden }: { hidden: boolean }) {
  // The panel (and its clock) exists only while the tab is shown.
  return hidden ? null : <LocksPanel />;
}

function LocksPanel() {
  const { actions } = useServices();
  const locks = useAppStore((s) => s.locks);
  const sessions = useAppStore((s) => s.sessions.byId);
  const now = useNow(TICK_MS, locks.list.length > 0);
  // Shown above the table, not in the row: a refused release re-reads the list, which may drop the row.
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void actions.loadLocks();
  }, [actions]);

  const sessionName = useCallback((id: string) => sessions[id]?.name, [sessions]);
  const forceRelease = useCallback(
    async (resource: string, reason: string) => {
      const r = await actions.forceRelease(resource, reason === '' ? undefined : reason);
      setError(r.ok ? null : `Could not release ${resource}: ${r.error.message}`);
      return r.ok;
    },
    [actions],
  );

  return (
    <div className="approvals-view locks-view" data-testid="locks-view">
      <header className="view-header">
        <h2>
          Locks <span className="count">{locks.list.length}</span>
        </h2>
        <span className="view-header-hint">Leases on shared resources: holder, queue, time left. A forced release is recorded with who did it.</span>
        <span className="pane-spacer" />
        <IconButton
          icon="refresh"
          label="Reload"
          testId="locks-reload"
          onClick={() => {
            setError(null);
            void actions.loadLocks();
          }}
        />
      </header>
      {error !== null ? (
        <div className="dialog-error lock-error" data-testid="lock-error" role="alert">
          <span>{error}</span>
          <IconButton icon="close" label="Dismiss" testId="lock-error-dismiss" onClick={() => setError(null)} />
        </div>
      ) : null}
      {!locks.loaded ? <p className="muted pad">Loading…</p> : null}
      {locks.loaded && locks.list.length === 0 ? (
        <div data-testid="locks-empty">
          <EmptyState title="No locks held">
            <p>When agents lease a shared resource (a repository, a port, a tool), it shows here with its holder and queue.</p>
          </EmptyState>
        </div>
      ) : null}
      {locks.list.length > 0 ? (
        <div className="decisions-scroll">
          <LocksTable locks={locks.list} now={now} sessionName={sessionName} onForceRelease={forceRelease} />
        </div>
      ) : null}
    </div>
  );
}
