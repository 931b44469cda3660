import { useEffect, useMemo } from 'react';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useAppStore } from '../../stores/store-context';
import { RunDetailPanel } from './RunDetail';
import { progressText, RUN_STATE_VIEW } from './run-format';

/** Runs: the list on the left, the selected run (tree, board, timeline, result) on the right. */
export function RunsView({ hidden }: { hidden: boolean }) {
  return hidden ? null : <RunsPanel />;
}

function RunsPanel() {
  const { actions } = useServices();
  const runs = useAppStore((s) => s.runs);
  const selected = useAppStore((s) => s.ui.runSelectedId);
  const selectRun = useAppStore((s) => s.selectRun);
  const openDialog = useAppStore((s) => s.openDialog);
  const connected = useAppStore((s) => s.connection.state === 'open');
  // The newest run is shown until the person picks one.
  const shownId = selected !== null && runs.byId[selected] ? selected : (runs.order[0] ?? null);

  useEffect(() => {
    if (connected) void actions.loadRuns();
  }, [actions, connected]);
  useEffect(() => {
    // Full detail (every task) on opening a run and after a reconnect: pushes missed meanwhile are lost.
    if (shownId !== null && connected) void actions.loadRun(shownId);
  }, [actions, shownId, connected]);

  return (
    <div className="history runs-view" data-testid="runs-view">
      <nav className="history-list runs-list" aria-label="Runs">
        <div className="runs-list-head">
          <h2>Runs</h2>
          <Button variant="primary" icon="plus" testId="new-run" onClick={() => openDialog('new-run')}>
            New run
          </Button>
        </div>
        {!runs.loaded ? <p className="muted pad">Loading…</p> : null}
        <ul>
          {runs.order.map((id) => {
            const run = runs.byId[id];
            if (!run) return null;
            const view = RUN_STATE_VIEW[run.state];
            return (
              <li key={id}>
                <button
                  type="button"
                  className={`history-item${id === shownId ? ' is-selected' : ''}`}
                  data-testid="run-item"
                  data-run-id={id}
                  data-state={run.state}
                  aria-current={id === shownId ? 'true' : undefined}
                  onClick={() => selectRun(id)}
                >
                  <span className="history-item-text">
                    <span className="history-item-name">{run.name}</span>
                    <RunItemProgress runId={id} createdAt={run.createdAt} />
                  </span>
                  <Badge tone={view.tone}>{view.label}</Badge>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <section className="history-detail run-detail-pane">
        {shownId !== null ? (
          <RunDetailPanel key={shownId} runId={shownId} />
        ) : runs.loaded ? (
          <div data-testid="runs-empty">
            <EmptyState title="No runs yet">
              <p>
                A run gives one request to MainAI, which splits it into tasks and hands them to worker agents while MonitorAI watches. Every
                agent stays a terminal you can open.
              </p>
              <div className="empty-state-action">
                <Button variant="primary" icon="plus" testId="new-run-empty" onClick={() => openDialog('new-run')}>
                  New run
                </Button>
              </div>
            </EmptyState>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** Task progress once the run's tasks are loaded; until then, when it started. */
function RunItemProgress({ runId, createdAt }: { runId: string; createdAt: number }) {
  const tasks = useAppStore((s) => s.runs.tasks[runId]);
  const text = useMemo(() => (tasks ? progressText(Object.values(tasks)) : `started ${new Date(createdAt).toLocaleString()}`), [tasks, createdAt]);
  return <span className="history-item-sub muted">{text}</span>;
}
