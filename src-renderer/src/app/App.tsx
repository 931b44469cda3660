import { useEffect } from 'react';
import { DisconnectedBanner } from '../features/connection/DisconnectedBanner';
import { Notices } from '../features/connection/Notices';
import { UnauthorizedScreen } from '../features/connection/UnauthorizedScreen';
import { HistoryView } from '../features/history/HistoryView';
import { NewSessionDialog } from '../features/new-session/NewSessionDialog';
import { Sidebar } from '../features/sessions/Sidebar';
import { TerminalArea } from '../features/terminals/TerminalArea';
import { useAppStore } from '../stores/store-context';
import { TopBar } from './TopBar';
import { useGlobalKeys } from './use-global-keys';

export function App() {
  const connection = useAppStore((s) => s.connection.state);
  const loaded = useAppStore((s) => s.sessions.loaded);
  const tab = useAppStore((s) => s.ui.tab);
  const dialog = useAppStore((s) => s.ui.dialog);
  const appName = useAppStore((s) => s.appInfo?.name ?? 'Dual Orchestrator');
  useGlobalKeys();

  useEffect(() => {
    // Later: "(3) Dual Orchestrator" when approvals wait.
    document.title = appName;
  }, [appName]);

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
          <HistoryView hidden={tab !== 'history'} />
        </main>
      </div>
      {dialog === 'new-session' ? <NewSessionDialog /> : null}
      <Notices />
    </div>
  );
}
