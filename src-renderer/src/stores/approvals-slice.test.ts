import { describe, expect, it } from 'vitest';
import type { ApprovalInfo } from '../../../src-preload/contract/approvals';
import { applyChange, emptyApprovals, replaceHistory, replacePending } from './approvals-slice';

function approval(id: string, patch: Partial<ApprovalInfo> = {}): ApprovalInfo {
  return {
    id, sessionId: 's_aaaaaa', sessionName: 'demo', agent: 'demo', role: 'none', question: 'Do you want to proceed?', tool: 'Bash',
    detail: 'echo hi', body: ['echo hi'], input: null, options: [], detectedAt: 100, source: 'screen', status: 'pending',
    decidedAt: null, decidedBy: null, decision: null, ruleId: null, reason: null, risk: null, ...patch,
  };
}

describe('approvals slice', () => {
  it('keeps pending approvals in detection order', () => {
    const s = replacePending(emptyApprovals, [approval('a_bbbbbb', { detectedAt: 200 }), approval('a_aaaaaa', { detectedAt: 100 })]);
    expect(s.pending.map((a) => a.id)).toEqual(['a_aaaaaa', 'a_bbbbbb']);
  });

  it('a closed approval leaves the inbox and enters the history, newest first', () => {
    let s = applyChange(emptyApprovals, approval('a_aaaaaa'));
    s = applyChange(s, approval('a_bbbbbb', { detectedAt: 150 }));
    s = applyChange(s, approval('a_aaaaaa', { status: 'approved', decidedAt: 300, decidedBy: 'person', decision: 'approve' }));
    s = applyChange(s, approval('a_bbbbbb', { status: 'denied', decidedAt: 400, decidedBy: 'policy', decision: 'deny' }));
    expect(s.pending).toEqual([]);
    expect(s.history.map((a) => a.id)).toEqual(['a_bbbbbb', 'a_aaaaaa']);
  });

  it('a late pending push does not bring a closed approval back', () => {
    let s = applyChange(emptyApprovals, approval('a_aaaaaa', { status: 'gone', decidedAt: 300 }));
    s = applyChange(s, approval('a_aaaaaa'));
    expect(s.pending).toEqual([]);
    s = replacePending(s, [approval('a_aaaaaa')]);
    expect(s.pending).toEqual([]);
  });

  it('a loaded history merges with pushes that arrived meanwhile', () => {
    let s = applyChange(emptyApprovals, approval('a_cccccc', { status: 'approved', decidedAt: 900 }));
    s = replaceHistory(s, [approval('a_aaaaaa', { status: 'denied', decidedAt: 500 }), approval('a_cccccc', { status: 'pending' })]);
    expect(s.historyLoaded).toBe(true);
    expect(s.history.map((a) => [a.id, a.status])).toEqual([
      ['a_cccccc', 'approved'],
      ['a_aaaaaa', 'denied'],
    ]);
  });
});
