import { useCallback, useEffect, useState } from 'react';
import type { ScreenResult } from '../../../../src-preload/contract/channels';
import type { StoredEvent } from '../../../../src-preload/contract/events';
import type { SessionInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';
import { PROFILE_LABEL, ROLE_LABEL } from '../sessions/session-icons';
import { describeState, isLiveState } from '../sessions/state-label';
import { EventList } from './EventList';
import { loadRecentEvents } from './load-events';
import { ScreenPreview } from './ScreenPreview';

type Loaded = { events: StoredEvent[]; screen: ScreenResult | null; error: string | null };

/** One past session: what it was, what happened to it, and its last screen. */
export function HistoryDetail({ session, onForgotten }: { session: SessionInfo; onForgotten(): void }) {
  const { api, actions } = useServices();
  const openPane = useAppStore((s) => s.openPane);
  const [data, setData] = useState<Loaded | null>(null);
  const id = session.id;

  const load = useCallback(async () => {
    const [events, screen] = await Promise.all([loadRecentEvents(api, id), api.invoke('history.screen', { sessionId: id })]);
    setData({
      events: events.ok ? events.value : [],
      screen: screen.ok ? screen.value : null,
      error: !events.ok ? events.error.message : !screen.ok ? screen.error.message : null,
    });
  }, [api, id]);

  useEffect(() => {
    setData(null);
    void load();
    // A new state (exit, restart) brings new events and a newer screen.
  }, [load, session.state, session.endedAt]);

  const st = describeState(session);
  const live = isLiveState(session.state);
  return (
    <section className="history-detail" aria-label={`History of ${session.name}`}>
      <header className="history-detail-header">
        <div>
          <h2>
            {session.name} <Badge tone={st.tone}>{st.label}</Badge>
          </h2>
          <div className="muted history-meta">
            {PROFILE_LABEL[session.profileId]}
            {session.role !== 'none' ? ` · ${ROLE_LABEL[session.role]}` : ''} · {[session.command, ...session.args].join(' ')}
          </div>
          <div className="muted history-meta">
            {session.cwd} · created {new Date(session.createdAt).toLocaleString()}
            {session.endedAt ? ` · ended ${new Date(session.endedAt).toLocaleString()}` : ''}
          </div>
          {session.lastError ? <div className="history-error">{session.lastError}</div> : null}
        </div>
        <div className="history-actions">
          <Button icon="refresh" testId="history-refresh" onClick={() => void load()}>
            Refresh
          </Button>
          {live ? (
            <Button icon="open" testId="history-open" onClick={() => openPane(id)}>
              Show terminal
            </Button>
          ) : (
            <>
              <Button variant="primary" icon="restart" testId="history-restart" onClick={() => void actions.restart(id)}>
                Restart
              </Button>
              <Button icon="trash" testId="history-forget" onClick={() => void actions.forget(id).then(onForgotten)}>
                Remove
              </Button>
            </>
          )}
        </div>
      </header>
      {data?.error ? <div className="history-error">{data.error}</div> : null}
      <h3 className="section-heading">
        Last screen
        {data?.screen?.capturedAt ? <span className="muted"> · saved {new Date(data.screen.capturedAt).toLocaleTimeString()}</span> : null}
      </h3>
      <div className="history-screen" data-testid="history-screen">
        {data === null ? (
          <p className="muted">Loading…</p>
        ) : data.screen && data.screen.snapshot.length > 0 ? (
          <ScreenPreview snapshot={data.screen.snapshot} cols={data.screen.cols} rows={data.screen.rows} />
        ) : (
          <p className="muted">No screen was saved for this session.</p>
        )}
      </div>
      <h3 className="section-heading">Events</h3>
      <EventList events={data?.events ?? []} />
    </section>
  );
}
