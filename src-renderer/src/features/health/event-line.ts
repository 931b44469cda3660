import type { StoredEvent } from '../../../../src-preload/contract/events';

/** One line for the recovery history: what happened, and why. */
export function describeHealthEvent(e: StoredEvent): { what: string; why: string; tone: 'info' | 'warn' | 'bad' | 'good' } {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  switch (e.type) {
    case 'health.detected':
      return { what: `Detected: ${str('kind').replace('_', ' ')}`, why: str('reason'), tone: str('severity') === 'low' ? 'info' : 'warn' };
    case 'health.cleared':
      return { what: `Cleared: ${str('kind').replace('_', ' ')}`, why: '', tone: 'good' };
    case 'health.stage':
      return { what: `Stage: ${str('from')} → ${str('to')}`, why: str('reason'), tone: str('to') === 'healthy' ? 'good' : str('to') === 'escalated' ? 'bad' : 'info' };
    case 'recovery.suggested':
      return { what: `Suggested: ${str('strategy')}${str('source') === 'monitor_ai' ? ' (MonitorAI)' : ''}`, why: str('reason'), tone: 'info' };
    case 'recovery.scheduled':
      return { what: `Scheduled: ${str('strategy')} in ${String(d.delayMs)} ms`, why: str('reason'), tone: 'info' };
    case 'recovery.action':
      return { what: `${str('by')}: ${str('strategy')} → ${str('outcome')}`, why: [str('reason'), str('detail')].filter(Boolean).join(' · '), tone: str('outcome') === 'ok' ? 'good' : 'bad' };
    case 'recovery.gave_up':
      return { what: 'Gave up restarting', why: str('reason'), tone: 'bad' };
    case 'recovery.escalated':
      return { what: 'Escalated to you', why: str('reason'), tone: 'bad' };
    case 'optimization_hint':
      return { what: `Hint: ${str('hint').replace('_', ' ')}`, why: str('reason'), tone: 'warn' };
    case 'health.mode':
      return { what: `Self-healing: ${str('mode')} (${str('scope')})`, why: '', tone: 'info' };
    default:
      return { what: e.type, why: '', tone: 'info' };
  }
}
