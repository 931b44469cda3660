import { describe, expect, it } from 'vitest';
import { runRecord, taskRecord } from '../../../test/fixtures/orchestration/records';
import { emptyRuns, replaceRuns, setRunDetail, tasksOf, upsertRun, upsertTask } from './runs-slice';

const run = runRecord;
const task = taskRecord;

describe('runs slice', () => {
  it('lists runs newest first and keeps that order when a run changes', () => {
    let s = replaceRuns(emptyRuns, [run('r_old000', 1), run('r_new000', 2)]);
    expect(s.order).toEqual(['r_new000', 'r_old000']);
    s = upsertRun(s, run('r_old000', 1, { state: 'completed' }));
    expect(s.order).toEqual(['r_new000', 'r_old000']);
    expect(s.byId['r_old000']?.state).toBe('completed');
    s = upsertRun(s, run('r_newest', 3));
    expect(s.order[0]).toBe('r_newest');
  });

  it('applies task pushes by id and returns tasks in plan order', () => {
    let s = setRunDetail(emptyRuns, run('r_aaaaaa', 1), [task('t_bbbbbb', 'r_aaaaaa', 2), task('t_aaaaaa', 'r_aaaaaa', 1)]);
    expect(tasksOf(s, 'r_aaaaaa').map((t) => t.id)).toEqual(['t_aaaaaa', 't_bbbbbb']);
    s = upsertTask(s, task('t_bbbbbb', 'r_aaaaaa', 2, { state: 'running', workerSessionId: 's_worker1' }));
    expect(tasksOf(s, 'r_aaaaaa')[1]).toMatchObject({ state: 'running', workerSessionId: 's_worker1' });
  });

  it('drops the tasks of runs the core no longer lists', () => {
    let s = setRunDetail(emptyRuns, run('r_aaaaaa', 1), [task('t_aaaaaa', 'r_aaaaaa', 1)]);
    s = replaceRuns(s, [run('r_cccccc', 2)]);
    expect(tasksOf(s, 'r_aaaaaa')).toEqual([]);
  });
});
