import type { SessionInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { describeState } from '../sessions/state-label';

/** Shown under an ended session's terminal: what happened and the way back. */
export function ExitBar({ session }: { session: SessionInfo }) {
  const { actions } = useServices();
  const st = describeState(session);
  const when = session.endedAt ? new Date(session.endedAt).toLocaleTimeString() : null;
  return (
    <div className={`exit-bar exit-bar-${st.tone}`} role="status">
      <span className="exit-bar-text">
        {session.lastError ?? `The process ${st.label}`}
        {when ? ` · ${when}` : ''}
      </span>
      <Button variant="primary" icon="restart" testId="exit-restart" onClick={() => void actions.restart(session.id)}>
        Restart
      </Button>
    </div>
  );
}
