import type { StoredEvent } from '../../../../src-preload/contract/events';

/** Longest data summary shown in a row; the full JSON is in the row's tooltip. */
export const SUMMARY_MAX_CHARS = 160;

const clip = (s: string) => (s.length > SUMMARY_MAX_CHARS ? `${s.slice(0, SUMMARY_MAX_CHARS - 1)}…` : s);

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

/** One line saying what an event means, for the history's event list. */
export function summarizeEvent(e: Pick<StoredEvent, 'type' | 'data'>): string {
  const d = e.data;
  switch (e.type) {
    case 'session.state': {
      const reason = field(d, 'reason');
      return `→ ${String(field(d, 'state'))}${reason ? ` (${String(reason)})` : ''}`;
    }
    case 'session.started': {
      const args = field(d, 'args');
      const cmd = [field(d, 'command'), ...(Array.isArray(args) ? args : [])].map(String).join(' ');
      return clip(`pid ${String(field(d, 'pid'))}${field(d, 'restart') ? ' (restart)' : ''} · ${cmd}`);
    }
    case 'session.exited': {
      const signal = field(d, 'signal');
      const how = signal ? `signal ${String(signal)}` : `code ${String(field(d, 'exitCode'))}`;
      return `${how}${field(d, 'requested') ? ' · requested' : ''}`;
    }
    case 'session.created':
      return clip(`${String(field(d, 'profileId'))} · role ${String(field(d, 'role'))} · ${String(field(d, 'cwd'))}`);
    case 'session.start_failed':
      return clip(String(field(d, 'error')));
    default: {
      if (d === null || d === undefined) return '';
      if (typeof d === 'object' && Object.keys(d).length === 0) return '';
      return clip(typeof d === 'string' ? d : JSON.stringify(d));
    }
  }
}
