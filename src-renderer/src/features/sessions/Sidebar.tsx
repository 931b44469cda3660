import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { selectOpenIds, selectPastIds, selectPendingCount } from '../../stores/selectors';
import { useAppStore, useAppStoreShallow } from '../../stores/store-context';
import { SessionItem } from './SessionItem';
import { RecoveryRow } from '../health/RecoveryRow';

/** How many past sessions the sidebar lists; the History tab has them all. */
const SIDEBAR_HISTORY_MAX = 30;

export function Sidebar() {
  const { terminals } = useServices();
  const openIds = useAppStoreShallow(selectOpenIds);
  const pastIds = useAppStoreShallow((s) => selectPastIds(s).slice(0, SIDEBAR_HISTORY_MAX));
  const byId = useAppStore((s) => s.sessions.byId);
  const focusedId = useAppStore((s) => s.ui.focusedId);
  const historySelectedId = useAppStore((s) => s.ui.historySelectedId);
  const tab = useAppStore((s) => s.ui.tab);
  const info = useAppStore((s) => s.appInfo);
  const openDialog = useAppStore((s) => s.openDialog);
  const focus = useAppStore((s) => s.focus);
  const setTab = useAppStore((s) => s.setTab);
  const selectHistory = useAppStore((s) => s.selectHistory);
  const pendingCount = useAppStore(selectPendingCount);
  const pendingSessions = useAppStoreShallow((s) => [...new Set(s.approvals.pending.map((a) => a.sessionId))]);

  const selectLive = (id: string) => {
    setTab('terminals');
    focus(id);
    // Focus the terminal now so the next keystroke goes to the agent.
    requestAnimationFrame(() => terminals.focus(id));
  };

  return (
    <nav className="sidebar" aria-label="Sessions">
      <div className="sidebar-top">
        <Button variant="primary" icon="plus" testId="new-session-button" onClick={() => openDialog('new-session')} className="sidebar-new">
          New session
        </Button>
      </div>
      <div className="sidebar-scroll">
        <button
          type="button"
          className={`sidebar-nav${tab === 'approvals' ? ' is-focused' : ''}${pendingCount > 0 ? ' has-pending' : ''}`}
          data-testid="approvals-nav"
          aria-current={tab === 'approvals' ? 'page' : undefined}
          onClick={() => setTab('approvals')}
          title={pendingCount > 0 ? `${pendingCount} permission prompt${pendingCount === 1 ? '' : 's'} waiting` : 'No permission prompts waiting'}
        >
          <Icon name="inbox" />
          <span className="sidebar-nav-label">Approvals</span>
          <span className={`approvals-badge${pendingCount > 0 ? ' is-pending' : ''}`} data-testid="approvals-badge" data-count={pendingCount}>
            {pendingCount}
          </span>
        </button>
        <h3 className="sidebar-heading">
          Sessions <span className="count">{openIds.length}</span>
        </h3>
        <ul className="session-list" data-testid="session-list">
          {openIds.map((id) => {
            const s = byId[id];
            return s ? (
              <SessionItem key={id} session={s} focused={tab === 'terminals' && id === focusedId} waiting={pendingSessions.includes(id)} onSelect={() => selectLive(id)}>
                <RecoveryRow session={s} />
              </SessionItem>
            ) : null;
          })}
          {openIds.length === 0 ? <li className="sidebar-empty">No sessions running</li> : null}
        </ul>
        <h3 className="sidebar-heading">
          History <span className="count">{pastIds.length}</span>
        </h3>
        <ul className="session-list" data-testid="sidebar-history">
          {pastIds.map((id) => {
            const s = byId[id];
            return s ? (
              <SessionItem
                key={id}
                session={s}
                testId="sidebar-history-item"
                focused={tab === 'history' && id === historySelectedId}
                onSelect={() => {
                  selectHistory(id);
                  setTab('history');
                }}
              />
            ) : null;
          })}
          {pastIds.length === 0 ? <li className="sidebar-empty">Nothing yet</li> : null}
        </ul>
      </div>
      {info ? (
        <footer className="sidebar-footer" title={`Data: ${info.dataDir}`}>
          <span>{info.host === 'browser' ? 'Browser mode' : 'Desktop'}</span>
          <span>v{info.version}</span>
          {info.limitations.map((l) => (
            <div key={l} className="sidebar-limitation">
              {l}
            </div>
          ))}
        </footer>
      ) : null}
    </nav>
  );
}
