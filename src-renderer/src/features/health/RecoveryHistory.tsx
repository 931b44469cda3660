import { useEffect, useState } from 'react';
import type { StoredEvent } from '../../../../src-preload/contract/events';
import { useServices } from '../../app/services';
import { useAppStore } from '../../stores/store-context';
import { describeHealthEvent } from './event-line';
import { useAllHealth } from './use-health';

/** Detections, decisions and actions, newest first: for one session (its timeline) or all. */
export function RecoveryHistory({ sessionId }: { sessionId: string | null }) {
  const { health } = useServices();
  const names = useAppStore((s) => s.sessions.byId);
  // Any health change may come with new events: re-read (changes are rare, a read is one indexed query).
  const all = useAllHealth();
  const [events, setEvents] = useState<StoredEvent[]>([]);
  useEffect(() => {
    let live = true;
    void health.events(sessionId ?? undefined).then((r) => {
      if (live && r.ok) setEvents(r.value);
    });
    return () => {
      live = false;
    };
  }, [health, sessionId, all]);
  return (
    <section className="recovery-history" data-testid="recovery-history">
      <h3>{sessionId ? 'Timeline' : 'Recovery history'}</h3>
      {events.length === 0 ? <p className="muted">Nothing detected yet.</p> : null}
      <ol>
        {events.map((e) => {
          const line = describeHealthEvent(e);
          return (
            <li key={e.seq} className={`history-line tone-${line.tone}`} data-testid="recovery-event" data-type={e.type}>
              <time>{new Date(e.ts).toLocaleTimeString()}</time>
              {!sessionId && e.sessionId ? <span className="history-session">{names[e.sessionId]?.name ?? e.sessionId}</span> : null}
              <span className="history-what">{line.what}</span>
              {line.why ? <span className="history-why">{line.why}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
