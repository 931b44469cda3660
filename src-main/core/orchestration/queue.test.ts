import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../src-preload/contract/runs';
import { taskRecord } from '../../../test/fixtures/orchestration/records';
import { nextWakeAt, planAssignments, retryBackoffMs } from './queue';

const task = (index: number, patch: Partial<TaskInfo> = {}): TaskInfo => taskRecord(`t_task${String(index).padStart(4, '0')}`, 'r_run0001', index, patch);
const w = (id: string, available = true) => ({ sessionId: id, available });

describe('planAssignments (the stay loop)', () => {
  it('gives idle workers the queued tasks in plan order, bounded by parallelism', () => {
    const tasks = [task(3), task(1), task(2)];
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 2, now: 0 })).toEqual([
      { taskId: 't_task0001', workerId: 's_a' },
      { taskId: 't_task0002', workerId: 's_b' },
    ]);
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 1, now: 0 })).toHaveLength(1);
  });

  it('a busy worker gets nothing; a finished one takes the next (N workers drain M > N tasks)', () => {
    const tasks = [task(1, { state: 'running', workerSessionId: 's_a' }), task(2, { state: 'running', workerSessionId: 's_b' }), task(3)];
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 2, now: 0 })).toEqual([]);
    tasks[1] = { ...tasks[1]!, state: 'completed' };
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 2, now: 0 })).toEqual([{ taskId: 't_task0003', workerId: 's_b' }]);
  });

  it('skips unavailable workers, waits out backoff, and avoids the previous worker when another exists', () => {
    const tasks = [task(1, { notBefore: 1_000 }), task(2, { avoidSessionId: 's_a' })];
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b', false)], parallelism: 4, now: 0 })).toEqual([{ taskId: 't_task0002', workerId: 's_a' }]);
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 4, now: 0 })).toEqual([{ taskId: 't_task0002', workerId: 's_b' }]);
    expect(planAssignments({ tasks, workers: [w('s_a'), w('s_b')], parallelism: 4, now: 1_000 })).toEqual([
      { taskId: 't_task0001', workerId: 's_a' },
      { taskId: 't_task0002', workerId: 's_b' },
    ]);
    expect(nextWakeAt(tasks, 0)).toBe(1_000);
    expect(nextWakeAt(tasks, 1_000)).toBeNull();
  });

  it('backs off 1 s, 2 s, 4 s', () => {
    expect([1, 2, 3].map(retryBackoffMs)).toEqual([1_000, 2_000, 4_000]);
  });
});
