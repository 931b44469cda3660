import { useState } from 'react';
import type { SessionInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../stores/store-context';
import { ActivityBadge } from '../approvals/ActivityBadge';
import { ModeSelect } from '../approvals/ModeSelect';
import { PROFILE_ICON, PROFILE_LABEL, ROLE_LABEL } from '../sessions/session-icons';
import { describeState, isLiveState } from '../sessions/state-label';

/** "Shell 2 · Shell" says nothing twice: the profile shows only when the name does not already; custom shows its program. */
function paneMeta(s: SessionInfo): string {
  const program = s.profileId === 'custom' ? (s.command.split(/[\\/]/).pop() ?? s.command) : PROFILE_LABEL[s.profileId];
  const parts = [s.name.startsWith(program) ? null : program, s.role !== 'none' ? ROLE_LABEL[s.role] : null];
  return parts.filter((x) => x !== null).join(' · ');
}

export function PaneHeader({ session, maximized }: { session: SessionInfo; maximized: boolean }) {
  const { actions, terminals } = useServices();
  const toggleMaximize = useAppStore((s) => s.toggleMaximize);
  const searchOpen = useAppStore((s) => s.ui.searchOpen[session.id] === true);
  const setSearchOpen = useAppStore((s) => s.setSearchOpen);
  const debugOpen = useAppStore((s) => s.ui.debugOpen[session.id] === true);
  const setDebugOpen = useAppStore((s) => s.setDebugOpen);
  const [editing, setEditing] = useState(false);
  const st = describeState(session);
  const live = isLiveState(session.state);
  const id = session.id;
  const meta = paneMeta(session);

  const commitRename = (value: string) => {
    setEditing(false);
    const name = value.trim();
    if (name.length > 0 && name !== session.name) void actions.rename(id, name);
  };

  return (
    <header className="pane-header">
      <Icon name={PROFILE_ICON[session.profileId]} className="pane-profile-icon" />
      {editing ? (
        <input
          className="pane-rename"
          defaultValue={session.name}
          maxLength={80}
          aria-label="Session name"
          data-testid="pane-rename-input"
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => commitRename(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitRename(e.currentTarget.value);
            if (e.key === 'Escape') {
              setEditing(false);
              terminals.focus(id);
            }
          }}
        />
      ) : (
        <span className="pane-name" data-testid="pane-name" title="Double-click to rename" onDoubleClick={() => setEditing(true)}>
          {session.name}
        </span>
      )}
      <span className="pane-meta">{meta}</span>
      <Badge tone={st.tone} testId="pane-state" title={session.lastError ?? undefined}>
        {st.label}
      </Badge>
      <ActivityBadge session={session} />
      <span className="pane-spacer" />
      <ModeSelect short testId="mode-select" value={session.approvalMode} onChange={(m) => void actions.setMode(id, m)} />
      <div className="pane-actions" role="toolbar" aria-label={`${session.name} actions`}>
        <IconButton
          icon="search"
          label="Find in terminal (Ctrl+Shift+F)"
          testId="pane-search"
          pressed={searchOpen}
          onClick={() => setSearchOpen(id, !searchOpen)}
        />
        <IconButton
          icon="bug"
          label="Screen debug: why the app thinks the agent is in this state"
          testId="pane-debug"
          pressed={debugOpen}
          onClick={() => setDebugOpen(id, !debugOpen)}
        />
        <IconButton icon="restart" label="Restart" testId="pane-restart" onClick={() => void actions.restart(id)} />
        <IconButton icon="stop" label="Stop (ask the agent to exit)" testId="pane-stop" disabled={!live || session.state === 'stopping'} onClick={() => void actions.stop(id)} />
        <IconButton icon="kill" label="Kill (end the process tree now)" tone="danger" testId="pane-kill" disabled={!live} onClick={() => void actions.kill(id)} />
        <IconButton
          icon={maximized ? 'restore' : 'maximize'}
          label={maximized ? 'Restore grid (Ctrl+Shift+Enter)' : 'Maximize (Ctrl+Shift+Enter)'}
          testId="pane-maximize"
          pressed={maximized}
          onClick={() => toggleMaximize(id)}
        />
        {!live ? <IconButton icon="close" label="Close pane (the session stays in History)" testId="pane-close" onClick={() => actions.closePane(id)} /> : null}
      </div>
    </header>
  );
}
