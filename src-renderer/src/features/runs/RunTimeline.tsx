import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../../../../src-preload/contract/events';
import type { RunInfo, TaskInfo } from '../../../../src-preload/contract/runs';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { useAppStore } from '../../stores/store-context';
import { describeTimelineEvent, isFinished, nameInRun, timelineTone } from './run-format';

/**
 * Heartbeats and digests change no run or task record, so no push announces
 * them; while a run is live the timeline also asks for news this often.
 */
const LIVE_REFRESH_MS = 2_000;
/** The view keeps the newest this many messages; older ones stay on disk (history view, API). */
const MAX_SHOWN = 2_000;

/**
 * The run's protocol messages and task events in order, read incrementally
 * (after the last sequence number shown) whenever the run or one of its tasks
 * changes, so nothing is shown twice and nothing is skipped.
 */
export function RunTimeline({ run, tasks }: { run: RunInfo; tasks: Readonly<Record<string, TaskInfo>> }) {
  const { actions } = useServices();
  const [events, setEvents] = useState<StoredEvent[]>([]);
  const sessions = useAppStore((s) => s.sessions.byId);
  // One reader per view: a change while a read is out asks for one more read after it.
  const reader = useRef({ lastSeq: 0, inFlight: false, again: false, mounted: true });

  useEffect(() => {
    const r = reader.current;
    r.mounted = true;
    return () => {
      r.mounted = false;
    };
  }, []);

  useEffect(() => {
    const r = reader.current;
    const load = async (): Promise<void> => {
      if (r.inFlight) {
        r.again = true;
        return;
      }
      r.inFlight = true;
      const fresh = await actions.runTimeline(run.id, r.lastSeq);
      r.inFlight = false;
      if (!r.mounted) return;
      if (fresh.length > 0) {
        r.lastSeq = fresh[fresh.length - 1]?.seq ?? r.lastSeq;
        setEvents((old) => [...old, ...fresh].slice(-MAX_SHOWN));
      }
      if (r.again) {
        r.again = false;
        await load();
      }
    };
    void load();
    const timer = isFinished(run.state) ? null : setInterval(() => void load(), LIVE_REFRESH_MS);
    return () => {
      if (timer) clearInterval(timer);
    };
    // Re-read when the run or any of its tasks changes (pushes replace these objects).
  }, [actions, run, tasks]);

  if (events.length === 0) return <p className="muted" data-testid="timeline-empty">No messages yet.</p>;
  return (
    <ol className="run-timeline" data-testid="run-timeline">
      {events.map((e) => {
        const { kind, text } = describeTimelineEvent(e);
        const session = e.sessionId ? sessions[e.sessionId] : undefined;
        const who = session ? nameInRun(session.name, run.name) : e.sender;
        return (
          <li key={e.seq} data-testid="timeline-item" data-kind={kind} data-seq={e.seq}>
            <time className="muted" dateTime={new Date(e.ts).toISOString()}>
              {new Date(e.ts).toLocaleTimeString()}
            </time>
            <Badge tone={timelineTone(kind)}>{kind}</Badge>
            <span className="run-timeline-who" title={session?.name ?? e.sender}>
              {who}
            </span>
            <span className="run-timeline-text">{text}</span>
          </li>
        );
      })}
    </ol>
  );
}
