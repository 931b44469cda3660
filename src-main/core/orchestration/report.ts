import type { RunInfo, RunReport, TaskInfo } from '../../../src-preload/contract/runs';

/** The integrated result of a run (MISSION.md "result integrator"): per task its outcome, files and summary. */
export function buildReport(run: RunInfo, tasks: readonly TaskInfo[]): RunReport {
  return {
    runId: run.id,
    name: run.name,
    request: run.request,
    state: run.state,
    createdAt: run.createdAt,
    endedAt: run.endedAt,
    summary: run.summary,
    tasks: tasks.map((t) => ({
      taskId: t.id,
      index: t.index,
      title: t.title,
      outcome: t.state,
      attempts: t.attempts,
      workerSessionId: t.workerSessionId,
      files: t.result?.files ?? [],
      summary: t.result?.summary ?? t.error ?? '',
    })),
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const iso = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString());

export function reportMarkdown(r: RunReport): string {
  const count = (o: string): number => r.tasks.filter((t) => t.outcome === o).length;
  const lines = [
    `# Run report: ${r.name}`,
    '',
    `- Run: \`${r.runId}\` — **${r.state}**`,
    `- Started: ${iso(r.createdAt)} · ended: ${iso(r.endedAt)}`,
    `- Tasks: ${r.tasks.length} (${count('completed')} completed, ${count('failed')} failed, ${count('skipped')} skipped)`,
    '',
    '## Request',
    '',
    r.request,
    '',
    '## Summary',
    '',
    r.summary ?? '_No summary: the run did not complete._',
    '',
    '## Tasks',
    '',
    '| # | Task | Outcome | Attempts | Worker | Files | Summary |',
    '|---|---|---|---|---|---|---|',
    ...r.tasks.map(
      (t) =>
        `| ${t.index} | ${cell(t.title)} | ${t.outcome} | ${t.attempts} | ${t.workerSessionId ?? '—'} | ${t.files.map((f) => `\`${cell(f)}\``).join(', ') || '—'} | ${cell(t.summary) || '—'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
