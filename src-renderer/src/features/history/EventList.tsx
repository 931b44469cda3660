import { useEffect, useRef } from 'react';
import type { StoredEvent } from '../../../../src-preload/contract/events';
import { summarizeEvent } from './event-summary';

const time = (ts: number) => new Date(ts).toLocaleTimeString();

export function EventList({ events }: { events: readonly StoredEvent[] }) {
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // Newest last, and in view.
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [events]);
  return (
    <ol className="event-list" ref={ref} data-testid="history-events">
      {events.length === 0 ? <li className="muted">No events recorded.</li> : null}
      {events.map((e) => (
        <li key={e.seq} className="event-row" data-type={e.type} title={JSON.stringify(e.data, null, 2)}>
          <time className="event-time" dateTime={new Date(e.ts).toISOString()}>
            {time(e.ts)}
          </time>
          <span className="event-type">{e.type}</span>
          <span className="event-summary">{summarizeEvent(e)}</span>
        </li>
      ))}
    </ol>
  );
}
