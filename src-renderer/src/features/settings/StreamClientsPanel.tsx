import { useEffect, useState } from 'react';
import type { StreamClientInfo } from '../../../../src-preload/contract/ops';
import { useServices } from '../../app/services';
import { ago } from './format';

/** The live event stream's clients are re-read this often while the panel is shown. */
const REFRESH_MS = 2_000;

/** Who is watching the live event stream: client id, reconnects, last heartbeat. */
export function StreamClientsPanel() {
  const { api } = useServices();
  const [clients, setClients] = useState<StreamClientInfo[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      const r = await api.invoke('ops.streamClients', {});
      if (!live) return;
      if (r.ok) setClients(r.value);
      setNow(Date.now());
    };
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api]);

  return (
    <section className="settings-section" data-testid="stream-clients-panel" aria-labelledby="stream-clients-title">
      <h3 id="stream-clients-title">Live event stream clients</h3>
      <p className="muted">
        Clients of <code>/api/v1/stream</code> (SSE) and <code>/api/v1/stream/ws</code>. Each gets a heartbeat every second; a reconnect resumes after its Last-Event-ID.
      </p>
      {clients === null ? <p className="muted">Loading…</p> : null}
      {clients !== null && clients.length === 0 ? <p className="muted" data-testid="stream-clients-empty">No stream clients.</p> : null}
      {clients !== null && clients.length > 0 ? (
        <table className="decisions-table" data-testid="stream-clients-table">
          <thead>
            <tr>
              <th>Client</th>
              <th>Transport</th>
              <th>Caller</th>
              <th>State</th>
              <th>Reconnects</th>
              <th>Last heartbeat</th>
              <th>Events sent</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.clientId} data-testid="stream-client-row" data-client={c.clientId}>
                <td>
                  <code>{c.clientId}</code>
                </td>
                <td>{c.transport}</td>
                <td>{c.principal}</td>
                <td>{c.connected ? 'connected' : 'away'}</td>
                <td data-testid="stream-client-reconnects">{c.reconnects}</td>
                <td>{ago(c.lastHeartbeatAt, now)}</td>
                <td>{c.eventsSent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
