import type { SessionInfo } from '../../../../src-preload/contract/session';

export type StateTone = 'neutral' | 'busy' | 'ok' | 'warn' | 'error';

/** The badge text and colour of a session's lifecycle state. */
export function describeState(s: Pick<SessionInfo, 'state' | 'exitCode' | 'exitSignal'>): { label: string; tone: StateTone } {
  switch (s.state) {
    case 'starting':
      return { label: 'starting', tone: 'busy' };
    case 'running':
      return { label: 'running', tone: 'ok' };
    case 'stopping':
      return { label: 'stopping', tone: 'busy' };
    case 'exited':
      // A stop request ends the agent with a signal: that is an orderly exit, so not a warning.
      if (s.exitSignal) return { label: `exited (${s.exitSignal})`, tone: 'neutral' };
      return { label: s.exitCode === null ? 'exited' : `exited (code ${s.exitCode})`, tone: s.exitCode === 0 || s.exitCode === null ? 'neutral' : 'warn' };
    case 'crashed':
      if (s.exitSignal) return { label: `crashed (${s.exitSignal})`, tone: 'error' };
      return { label: s.exitCode === null ? 'crashed' : `crashed (code ${s.exitCode})`, tone: 'error' };
  }
}

export const isLiveState = (state: SessionInfo['state']): boolean => state === 'starting' || state === 'running' || state === 'stopping';
