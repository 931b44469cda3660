import { describe, expect, it } from 'vitest';
import { describeTimelineEvent, nameInRun, parseMaxWorkers, progressText, taskActions, timelineTone } from './run-format';

describe('run view wording', () => {
  it('offers only the task actions that fit the state', () => {
    expect(taskActions({ state: 'failed' })).toEqual(['retry', 'skip']);
    expect(taskActions({ state: 'running' })).toEqual(['reassign', 'skip']);
    expect(taskActions({ state: 'queued' })).toEqual(['skip']);
    expect(taskActions({ state: 'completed' })).toEqual([]);
    expect(taskActions({ state: 'skipped' })).toEqual([]);
  });

  it('sums a run up in one line', () => {
    expect(progressText([])).toBe('no tasks yet');
    expect(progressText([{ state: 'completed' }, { state: 'failed' }, { state: 'queued' }, { state: 'skipped' }])).toBe(
      '1 of 4 done · 1 failed · 1 skipped',
    );
  });

  it('shows the payload a person looks for in each protocol message', () => {
    expect(describeTimelineEvent({ type: 'protocol.task_analysis_complete', data: { task_count: 3 } })).toEqual({
      kind: 'task_analysis_complete',
      text: '3 tasks planned',
    });
    expect(describeTimelineEvent({ type: 'protocol.worker_error', data: { worker_id: 's_abc123', error: 'tests failed' } }).text).toBe(
      's_abc123: tests failed',
    );
    expect(describeTimelineEvent({ type: 'protocol.recovery_suggestion', data: { strategy: 'retry', diagnosis: 'flaky network' } }).text).toBe(
      'retry — flaky network',
    );
    expect(describeTimelineEvent({ type: 'protocol.heartbeat', data: {} }).text).toBe('');
    expect(describeTimelineEvent({ type: 'task.custom', data: { x: 1 } })).toEqual({ kind: 'task.custom', text: '{"x":1}' });
  });

  it('colours trouble and recovery differently', () => {
    expect(timelineTone('worker_error')).toBe('error');
    expect(timelineTone('recovery_suggestion')).toBe('warn');
    expect(timelineTone('task.completed')).toBe('ok');
    expect(timelineTone('heartbeat')).toBe('neutral');
  });

  it('accepts a whole number of workers within the limit only', () => {
    expect(parseMaxWorkers(' 4 ')).toEqual({ ok: true, value: 4 });
    for (const bad of ['', '0', '2.5', '17', 'many']) expect(parseMaxWorkers(bad).ok).toBe(false);
  });

  it('drops the run name from its sessions\' names inside the run view', () => {
    expect(nameInRun('Worker 2 · alpha; beta', 'alpha; beta')).toBe('Worker 2');
    expect(nameInRun('my shell', 'alpha; beta')).toBe('my shell');
  });
});
