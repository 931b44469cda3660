import type { SessionInfo } from '../../../../src-preload/contract/session';
import { describeActivity } from '../sessions/activity-label';

/** What the agent is doing and which source decided it (hooks beat the screen). */
export function ActivityBadge({ session }: { session: SessionInfo }) {
  const act = describeActivity(session);
  if (!act) return null;
  const a = session.activity;
  return (
    <span className="activity-badge" data-testid="activity-badge" data-state={a.state} data-source={a.source} title={act.title}>
      <span className={`activity activity-${act.tone}`} data-testid="pane-activity" data-activity={a.state}>
        {act.label}
      </span>
      <span className={`source-tag source-${a.source}`}>{a.source}</span>
    </span>
  );
}
