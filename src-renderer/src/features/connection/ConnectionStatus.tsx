import type { ConnectionState } from '../../ipc/renderer-api';
import { useAppStore } from '../../stores/store-context';

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Access token refused',
};

/** The small indicator in the top bar. */
export function ConnectionStatus() {
  const state = useAppStore((s) => s.connection.state);
  const host = useAppStore((s) => s.appInfo?.host);
  const label = state === 'open' && host === 'desktop' ? 'Core running' : LABEL[state];
  return (
    <span className={`conn conn-${state}`} data-testid="connection-status" data-state={state} role="status" aria-label={label} title={label}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label">{label}</span>
    </span>
  );
}
