import { useEffect } from 'react';
import { ApprovalsInbox } from '../features/approvals/ApprovalsInbox';
import { DecisionsHistory } from '../features/approvals/DecisionsHistory';
import { PolicyView } from '../features/approvals/PolicyView';
import { DisconnectedBanner } from '../features/connection/DisconnectedBanner';
import { Notices } from '../features/connection/Notices';
import { UnauthorizedScreen } from '../features/connection/UnauthorizedScreen';
import { HistoryView } from '../features/history/HistoryView';
import { LocksView } from '../features/locks/LocksView';
import { HealthView } from '../features/health/HealthView';
import { NewSessionDialog } from '../features/new-session/NewSessionDialog';
import { NewRunDialog } from '../features/runs/NewRunDialog';
import { RunsView } from '../features/runs/RunsView';
import { SettingsView } from '../features/settings/SettingsView';
import { Sidebar } from '../features/sessions/Sidebar';
import { TerminalArea } from '../features/terminals/TerminalArea';
import { selectPendingCount } from '../stores/selectors';
import { useAppStore } from '../stores/store-context';
import { TopBar } from './TopBar';
import { useGlobalKeys } from './use-global-keys';

export function App() {
  const connection = useAppStore((s) => s.connection.state);
  const loaded = useAppStore((s) => s.sessions.loaded);
  const tab = useAppStore((s) => s.ui.tab);
  const dialog = useAppStore((s) => s.ui.dialog);
  const appName = useAppStore((s) => s.appInfo?.name ?? 'Dual Orchestrator');
  const pendingCount = useAppStore(selectPendingCount);
  useGlobalKeys();

  useEffect(() => {
    // The taskbar shows the title: waiting approvals are visible from any other window.
    document.title = pendingCount > 0 ? `(${pendingCount}) ${appName}` : appName;
  }, [appName, pendingCount]);

  if (connection === 'unauthorized') return <UnauthorizedScreen />;
  if (!loaded) {
    return (
      <main className="fullscreen-message" aria-busy="true">
        <div className="fullscreen-card">
          <h1>{appName}</h1>
          <p className="lead" data-testid="connection-status" data-state={connection}>
            {connection === 'connecting' ? 'Connecting to the orchestrator core…' : 'Loading sessions…'}
          </p>
        </div>
      </main>
    );
  }
  return (
    <div className="app">
      <TopBar />
      <DisconnectedBanner />
      <div className="workspace">
        <Sidebar />
        <main className="main">
          <TerminalArea hidden={tab !== 'terminals'} />
          <RunsView hidden={tab !== 'runs'} />
          <ApprovalsInbox hidden={tab !== 'approvals'} />
          <DecisionsHistory hidden={tab !== 'decisions'} />
          <HistoryView hidden={tab !== 'history'} />
          <PolicyView hidden={tab !== 'policy'} />
          <LocksView hidden={tab !== 'locks'} />
          <HealthView hidden={tab !== 'health'} />
          <SettingsView hidden={tab !== 'settings'} />
        </main>
      </div>
      {dialog === 'new-session' ? <NewSessionDialog /> : null}
      {dialog === 'new-run' ? <NewRunDialog /> : null}
      <Notices />
    </div>
  );
}
