import type { SessionInfo } from '../../../../src-preload/contract/session';
import type { StateTone } from './state-label';

/**
 * What a running agent is doing (DESIGN.md §4), for the chip beside the
 * lifecycle badge. Null when there is nothing to add: before the core knows,
 * or when the lifecycle state already says it (starting, exited, crashed).
 */
export function describeActivity(s: Pick<SessionInfo, 'state'> & { activity?: SessionInfo['activity'] | null }): { label: string; tone: StateTone; title: string } | null {
  const a = s.activity;
  if (!a || s.state !== 'running') return null;
  const via = a.source === 'hook' ? 'the agent’s hooks' : a.source === 'screen' ? 'its screen' : 'the process';
  const title = (what: string) => `${what} (from ${via}, since ${new Date(a.since).toLocaleTimeString()})`;
  switch (a.state) {
    case 'busy':
      return { label: 'working', tone: 'busy', title: title('Working') };
    case 'idle':
      return { label: 'idle', tone: 'neutral', title: title('Idle, ready for a prompt') };
    case 'awaiting_approval':
      return { label: 'needs approval', tone: 'warn', title: title('Waiting for a permission answer') };
    case 'awaiting_input':
      return { label: 'waiting for input', tone: 'warn', title: title('Waiting for an answer') };
    default:
      return null;
  }
}
