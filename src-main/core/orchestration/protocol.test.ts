import { describe, expect, it } from 'vitest';
import type { RunInfo, TaskInfo } from '../../../src-preload/contract/runs';
import { digestText, MAX_DIGEST_CHARS, protocolEventType } from './protocol';

const run = { id: 'r_run0001', state: 'executing' } as RunInfo;
const t = (state: TaskInfo['state'], patch: Partial<TaskInfo> = {}) => ({ id: 't_abcdef', title: 'A', state, attempts: 1, error: null, ...patch }) as TaskInfo;

describe('protocol', () => {
  it('names events protocol.<type>', () => {
    expect(protocolEventType('worker_error')).toBe('protocol.worker_error');
  });

  it('digests the run for MonitorAI on one bounded line, failures and news included', () => {
    const news = [
      { seq: 1, ts: 0, type: 'protocol.worker_error', sender: 'core', sessionId: 's_w1', correlationId: null, data: { runId: 'r_run0001', worker_id: 's_w1', error: 'tests fail' } },
    ];
    const text = digestText(run, [t('completed'), t('failed', { error: 'tests fail' }), t('queued')], news);
    expect(text).not.toContain('\n');
    expect(text).toContain('3 total, 1 queued, 0 active, 1 completed, 1 failed');
    expect(text).toContain('worker_error from core (worker_id="s_w1" error="tests fail")');
    expect(text).not.toContain('runId');
    const long = digestText(run, [], Array.from({ length: 50 }, () => news[0]!));
    expect(long.length).toBeLessThanOrEqual(MAX_DIGEST_CHARS);
  });
});
