import type { RunInfo, TaskInfo } from '../../../../src-preload/contract/runs';
import type { Role, SessionInfo } from '../../../../src-preload/contract/session';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../stores/store-context';
import { describeActivity } from '../sessions/activity-label';
import { ROLE_ICON, ROLE_LABEL } from '../sessions/session-icons';
import { describeState } from '../sessions/state-label';
import { nameInRun } from './run-format';
import { RecoveryRow } from '../health/RecoveryRow';

/**
 * MainAI at the root, MonitorAI and the workers under it (MISSION.md's
 * picture), each with its live state and what it works on. Every node opens
 * the agent's terminal: the person can step in anywhere.
 */
export function RunTree({ run, tasks }: { run: RunInfo; tasks: readonly TaskInfo[] }) {
  const currentTask = (sessionId: string) => tasks.find((t) => t.workerSessionId === sessionId && (t.state === 'assigned' || t.state === 'running'));
  return (
    <ul className="run-tree" data-testid="run-tree">
      <li>
        <AgentNode runName={run.name} sessionId={run.mainSessionId} role="main" />
        <ul>
          <li>
            <AgentNode runName={run.name} sessionId={run.monitorSessionId} role="monitor" />
          </li>
          {run.workerSessionIds.map((id) => {
            const task = currentTask(id);
            return (
              <li key={id}>
                <AgentNode runName={run.name} sessionId={id} role="worker" detail={task ? `#${task.index} ${task.title}` : 'idle — waiting for a task'} />
              </li>
            );
          })}
          {run.workerSessionIds.length === 0 ? <li className="muted run-tree-empty">no workers yet</li> : null}
        </ul>
      </li>
    </ul>
  );
}

function AgentNode({ runName, sessionId, role, detail }: { runName: string; sessionId: string | null; role: Role; detail?: string }) {
  const session: SessionInfo | undefined = useAppStore((s) => (sessionId ? s.sessions.byId[sessionId] : undefined));
  const openPane = useAppStore((s) => s.openPane);
  const icon = ROLE_ICON[role];
  if (!session) {
    return (
      <div className="run-node is-missing" data-testid="run-node" data-role={role}>
        {icon ? <Icon name={icon} /> : null}
        <span className="run-node-name">{ROLE_LABEL[role]}</span>
        <span className="muted">{sessionId ? 'not loaded' : 'not started'}</span>
      </div>
    );
  }
  const state = describeState(session);
  const activity = describeActivity(session);
  return (
    <>
      <button
        type="button"
        className="run-node"
        data-testid="run-node"
        data-role={role}
        data-session-id={session.id}
        title={`Open ${session.name}'s terminal`}
        onClick={() => openPane(session.id)}
      >
        {icon ? <Icon name={icon} /> : null}
        <span className="run-node-name">{nameInRun(session.name, runName)}</span>
        <Badge tone={state.tone}>{state.label}</Badge>
        {activity ? (
          <Badge tone={activity.tone} title={activity.title}>
            {activity.label}
          </Badge>
        ) : null}
        {detail ? <span className="run-node-detail muted">{detail}</span> : null}
        <Icon name="open" className="run-node-open" />
      </button>
      {/* The recovery buttons of MISSION.md are in the run view too: shown when this agent is in trouble. */}
      <RecoveryRow session={session} />
    </>
  );
}
