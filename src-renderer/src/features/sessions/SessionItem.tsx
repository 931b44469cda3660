import type { ReactNode } from 'react';
import type { SessionInfo } from '../../../../src-preload/contract/session';
import { Dot } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { PROFILE_ICON, PROFILE_LABEL, ROLE_ICON, ROLE_LABEL } from './session-icons';
import { describeActivity } from './activity-label';
import { describeState } from './state-label';

export function SessionItem({
  session,
  focused,
  onSelect,
  waiting = false,
  testId = 'session-item',
  children,
}: {
  session: SessionInfo;
  focused: boolean;
  onSelect(): void;
  /** A permission prompt of this session waits for an answer. */
  waiting?: boolean;
  testId?: string;
  /** Shown under the card (the recovery row). */
  children?: ReactNode;
}) {
  const st = describeState(session);
  const act = describeActivity(session);
  const roleIcon = ROLE_ICON[session.role];
  return (
    <li>
      <button
        type="button"
        className={`session-item${focused ? ' is-focused' : ''}`}
        data-testid={testId}
        data-session-id={session.id}
        data-state={session.state}
        data-activity={session.activity?.state}
        aria-current={focused ? 'true' : undefined}
        onClick={onSelect}
        title={`${session.name} — ${PROFILE_LABEL[session.profileId]}, ${ROLE_LABEL[session.role]}, ${st.label}\n${session.cwd}`}
      >
        <Icon name={PROFILE_ICON[session.profileId]} className="session-item-icon" />
        <span className="session-item-name">{session.name}</span>
        {roleIcon ? (
          <span className="session-item-role" aria-label={ROLE_LABEL[session.role]}>
            <Icon name={roleIcon} size={13} />
          </span>
        ) : null}
        {waiting ? (
          <span className="session-item-waiting" data-testid="session-waiting" title="Waiting for your approval">
            <Icon name="shield" size={13} />
          </span>
        ) : null}
        <span className="session-item-state">
          <Dot tone={act && act.tone === 'warn' ? 'warn' : st.tone} label={st.label} />
          <span className="session-item-state-label" title={act?.title}>
            {act ? `${st.label} · ${act.label}` : st.label}
          </span>
        </span>
      </button>
      {children}
    </li>
  );
}
