import type { ApprovalInfo, ApprovalOption } from '../../../../src-preload/contract/approvals';
import type { BadgeTone } from '../../components/Badge';

export type BodyLineKind = 'add' | 'del' | 'plain';

/** Diff bodies mark lines "- " (removed) and "+ " (added). */
export function bodyLineKind(line: string): BodyLineKind {
  if (line.startsWith('+ ')) return 'add';
  if (line.startsWith('- ')) return 'del';
  return 'plain';
}

/** "Always" makes sense when the prompt offers it, or the hook answers (it remembers for the session). */
export function canAlwaysApprove(a: Pick<ApprovalInfo, 'options' | 'source'>): boolean {
  return a.source === 'hook' || a.options.some((o: ApprovalOption) => o.meaning === 'approve_always');
}

/** The history's outcome words. */
export function describeOutcome(a: Pick<ApprovalInfo, 'status' | 'decision'>): { label: string; tone: BadgeTone } {
  switch (a.status) {
    case 'approved':
      return { label: a.decision === 'approve_always' ? 'approved always' : 'approved', tone: 'ok' };
    case 'denied':
      return { label: 'denied', tone: 'error' };
    case 'gone':
      return { label: 'gone', tone: 'neutral' };
    case 'failed':
      return { label: 'failed', tone: 'warn' };
    case 'pending':
      return { label: 'pending', tone: 'warn' };
  }
}

const DECIDED_BY: Record<string, string> = {
  person: 'you',
  policy: 'policy',
  judge: 'judge',
  terminal: 'in the terminal',
  session: 'session rule',
};

export const describeDecidedBy = (by: string | null): string => (by === null ? '—' : (DECIDED_BY[by] ?? by));

/** Automatic decisions show their rule and reason next to them. */
export const isAutomatic = (by: string | null): boolean => by === 'policy' || by === 'judge' || by === 'session';

/** "12:03:04" today, the date too otherwise. */
export function formatTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}
