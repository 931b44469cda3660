import { useState } from 'react';
import { MAX_TASK_ATTEMPTS, type TaskInfo } from '../../../../src-preload/contract/runs';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';
import { BOARD_COLUMNS, nameInRun, taskActions, type TaskAction } from './run-format';

const ACTION_LABEL: Record<TaskAction, string> = { retry: 'Retry', reassign: 'Reassign', skip: 'Skip' };
const ACTION_TITLE: Record<TaskAction, string> = {
  retry: 'Queue this task for another attempt',
  reassign: 'Take it off this worker and give it to another',
  skip: 'Give up on this task; the run goes on without it',
};

/** Tasks by state, left to right as work flows, with attempts, worker and the one-click fixes. */
export function TaskBoard({ tasks, runName }: { tasks: readonly TaskInfo[]; runName: string }) {
  return (
    <div className="task-board" data-testid="task-board">
      {BOARD_COLUMNS.map((col) => {
        const inCol = tasks.filter((t) => t.state === col.state);
        return (
          <div key={col.state} className="task-column" data-testid="task-column" data-state={col.state}>
            <div className="task-column-head">
              {col.title} <span className="count">{inCol.length}</span>
            </div>
            {inCol.map((t) => (
              <TaskCard key={t.id} task={t} runName={runName} />
            ))}
          </div>
        );
      })}
    </div>
  );
}

function TaskCard({ task, runName }: { task: TaskInfo; runName: string }) {
  const { actions } = useServices();
  const worker = useAppStore((s) => (task.workerSessionId ? s.sessions.byId[task.workerSessionId] : undefined));
  const openPane = useAppStore((s) => s.openPane);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (a: TaskAction) => {
    setBusy(true);
    const r = await actions.taskAction(a, task.id);
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  const note = task.state === 'failed' ? task.error : task.state === 'completed' ? (task.result?.summary ?? null) : task.progress;
  return (
    <div className="task-card" data-testid="task-card" data-task-id={task.id} data-title={task.title} data-state={task.state} title={task.description}>
      <div className="task-card-title">
        <span className="muted">#{task.index}</span> {task.title}
      </div>
      <div className="task-card-meta muted">
        {task.attempts > 0 ? (
          <span data-testid="task-attempts">
            attempt {task.attempts}/{MAX_TASK_ATTEMPTS}
          </span>
        ) : null}
        {task.state === 'queued' && task.notBefore !== null ? (
          <span data-testid="task-backoff" title="A retried task waits before its next attempt (1 s, 2 s, 4 s)">
            retry at {new Date(task.notBefore).toLocaleTimeString()}
          </span>
        ) : null}
        {task.workerSessionId ? (
          <button type="button" className="link-btn" data-testid="task-worker" onClick={() => task.workerSessionId && openPane(task.workerSessionId)}>
            {worker ? nameInRun(worker.name, runName) : task.workerSessionId}
          </button>
        ) : null}
      </div>
      {note ? (
        <div className={`task-card-note${task.state === 'failed' ? ' is-error' : ''}`} data-testid="task-note">
          {note}
        </div>
      ) : null}
      {task.state === 'completed' && task.result && task.result.files.length > 0 ? (
        <div className="task-card-files muted" data-testid="task-files">
          {task.result.files.join(', ')}
        </div>
      ) : null}
      {taskActions(task).length > 0 ? (
        <div className="task-card-actions">
          {taskActions(task).map((a) => (
            <Button key={a} variant="ghost" testId={`task-${a}`} title={ACTION_TITLE[a]} disabled={busy} onClick={() => void act(a)}>
              {ACTION_LABEL[a]}
            </Button>
          ))}
        </div>
      ) : null}
      {error !== null ? (
        <div className="field-error" role="alert" data-testid="task-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
