import { useMemo } from 'react';
import type { TaskInfo } from '../../../../src-preload/contract/runs';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';
import { RunReportPanel } from './RunReport';
import { RunTimeline } from './RunTimeline';
import { RunTree } from './RunTree';
import { TaskBoard } from './TaskBoard';
import { isFinished, progressText, RUN_STATE_VIEW } from './run-format';

const NO_TASKS: Readonly<Record<string, TaskInfo>> = {};

/** One run: its controls, who works on it, the task board, what was said, and the result. */
export function RunDetailPanel({ runId }: { runId: string }) {
  const { actions } = useServices();
  const run = useAppStore((s) => s.runs.byId[runId]);
  const taskMap = useAppStore((s) => s.runs.tasks[runId] ?? NO_TASKS);
  const tasks = useMemo(() => Object.values(taskMap).sort((a, b) => a.index - b.index), [taskMap]);
  if (!run) return null;
  const view = RUN_STATE_VIEW[run.state];
  const finished = isFinished(run.state);
  const paused = run.state === 'paused';
  // resume() also takes a frozen or errored run back to work (restarting its dead sessions).
  const resumable = paused || run.state === 'frozen' || run.state === 'error';

  return (
    <article className="run-detail" data-testid="run-detail" data-run-id={run.id} data-state={run.state}>
      <header className="run-head">
        <div className="run-title">
          <h2 data-testid="run-name">{run.name}</h2>
          <Badge tone={view.tone} testId="run-state" title={`MainAI state: ${run.state}`}>
            {view.label}
          </Badge>
          <span className="muted" data-testid="run-progress">
            {progressText(tasks)}
          </span>
        </div>
        <div className="run-actions">
          {!finished && !paused ? (
            <Button icon="stop" testId="run-pause" onClick={() => void actions.pauseRun(run.id)} title="No new task is assigned until you resume">
              Pause
            </Button>
          ) : null}
          {resumable ? (
            <Button variant="primary" icon="restart" testId="run-resume" onClick={() => void actions.resumeRun(run.id)}>
              Resume
            </Button>
          ) : null}
          {!finished && run.state !== 'shutting_down' ? (
            <Button variant="danger" icon="kill" testId="run-stop" onClick={() => void actions.stopRun(run.id)} title="Stop every agent of this run gracefully">
              Stop run
            </Button>
          ) : null}
        </div>
      </header>
      {run.reason !== null && !finished ? (
        <p className="run-reason" data-testid="run-reason" role="status">
          {run.reason}
        </p>
      ) : null}
      <details className="run-request">
        <summary>
          Request · {run.maxWorkers === run.parallelism ? `up to ${run.maxWorkers} workers` : `${run.parallelism} of ${run.maxWorkers} workers (lowered by MonitorAI)`} ·{' '}
          <code title="working folder">{run.workspaceRoot}</code>
        </summary>
        <pre className="run-request-text" data-testid="run-request">
          {run.request}
        </pre>
      </details>
      <section className="run-section run-board-section" aria-label="Tasks">
        <h3>Tasks</h3>
        <TaskBoard tasks={tasks} runName={run.name} />
      </section>
      <div className="run-grid">
        <section className="run-section run-tree-section" aria-label="Agents">
          <h3>Agents</h3>
          <RunTree run={run} tasks={tasks} />
        </section>
        <section className="run-section run-timeline-section" aria-label="Timeline">
          <h3>Timeline</h3>
          <RunTimeline run={run} tasks={taskMap} />
        </section>
      </div>
      <section className="run-section run-report-section" aria-label="Result">
        <h3>Result</h3>
        <RunReportPanel run={run} tasks={taskMap} />
      </section>
    </article>
  );
}
