import { describe, expect, it } from 'vitest';
import type { RunInfo, TaskInfo } from '../../../src-preload/contract/runs';
import { buildReport, reportMarkdown } from './report';

const run = { id: 'r_run0001', name: 'Apps', request: 'Create apps', state: 'completed', createdAt: 0, endedAt: 1_000, summary: 'All built.' } as RunInfo;
const task = (index: number, patch: Partial<TaskInfo>): TaskInfo => ({ id: `t_task000${index}`, index, title: `app ${index}`, attempts: 1, workerSessionId: 's_w00001', result: null, error: null, ...patch }) as TaskInfo;

describe('run report', () => {
  it('lists each task with its outcome, files and summary (or error), in Markdown and JSON', () => {
    const r = buildReport(run, [
      task(1, { state: 'completed', result: { summary: 'wrote | it\nwell', files: ['a.txt', 'b.txt'] } }),
      task(2, { state: 'failed', attempts: 3, error: 'tests fail' }),
    ]);
    expect(r.tasks.map((t) => [t.outcome, t.files, t.summary])).toEqual([
      ['completed', ['a.txt', 'b.txt'], 'wrote | it\nwell'],
      ['failed', [], 'tests fail'],
    ]);
    const md = reportMarkdown(r);
    expect(md).toContain('- Tasks: 2 (1 completed, 1 failed, 0 skipped)');
    // Table cells stay one line and a pipe cannot break the table.
    expect(md).toContain('| 1 | app 1 | completed | 1 | s_w00001 | `a.txt`, `b.txt` | wrote \\| it well |');
    expect(md).toContain('## Summary\n\nAll built.');
  });
});
