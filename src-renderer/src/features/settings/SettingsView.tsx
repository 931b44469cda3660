import { AccountsPanel } from './AccountsPanel';
import { StreamClientsPanel } from './StreamClientsPanel';

/** Settings → operations: service accounts of the control API and the live stream's clients (admin view). */
export function SettingsView({ hidden }: { hidden: boolean }) {
  // Mounted only while shown: the stream-clients panel polls.
  if (hidden) return null;
  return (
    <div className="approvals-view settings-view" data-testid="settings-view">
      <header className="view-header">
        <h2>Settings</h2>
        <span className="view-header-hint">
          Control API: <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">OpenAPI document</a> · metrics at <code>/metrics</code>
        </span>
      </header>
      <div className="decisions-scroll settings-scroll">
        <AccountsPanel />
        <StreamClientsPanel />
      </div>
    </div>
  );
}
