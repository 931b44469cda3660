import { useEffect, useState } from 'react';
import type { RunInfo, TaskInfo } from '../../../../src-preload/contract/runs';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { isFinished } from './run-format';

/** Saves text as a file through the browser's (or Electron's) download path. */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const fileStem = (run: RunInfo) => `${run.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '') || 'run'}-${run.id}`;

/**
 * The integrated result: MainAI's summary and, per task, outcome, files and
 * summary — the core builds it (runs.report) so the UI, Markdown and JSON
 * never disagree. Read again whenever a task changes.
 */
export function RunReportPanel({ run, tasks }: { run: RunInfo; tasks: Readonly<Record<string, TaskInfo>> }) {
  const { actions } = useServices();
  const [report, setReport] = useState<{ markdown: string; json: string } | null>(null);
  const hasResults = Object.values(tasks).some((t) => t.state === 'completed' || t.state === 'failed' || t.state === 'skipped');

  useEffect(() => {
    let alive = true;
    if (!hasResults && run.summary === null) return;
    void actions.runReport(run.id).then((r) => {
      if (alive) setReport(r);
    });
    return () => {
      alive = false;
    };
  }, [actions, run, tasks, hasResults]);

  if (report === null) {
    return <p className="muted">{isFinished(run.state) ? 'No result.' : 'Results appear here as workers finish their tasks.'}</p>;
  }
  return (
    <div className="run-report" data-testid="run-report">
      {run.summary !== null ? (
        <p className="run-summary" data-testid="run-summary">
          {run.summary}
        </p>
      ) : null}
      <pre className="run-report-text" data-testid="run-report-text">
        {report.markdown}
      </pre>
      <div className="run-report-actions">
        <Button icon="open" testId="report-markdown" onClick={() => download(`${fileStem(run)}.md`, report.markdown, 'text/markdown')}>
          Export Markdown
        </Button>
        <Button icon="open" testId="report-json" onClick={() => download(`${fileStem(run)}.json`, report.json, 'application/json')}>
          Export JSON
        </Button>
      </div>
    </div>
  );
}
