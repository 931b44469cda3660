import { useEffect, useRef } from 'react';
import { useServices } from '../../app/services';
import { selectSession } from '../../stores/selectors';
import { useAppStore } from '../../stores/store-context';
import { ApprovalBanner } from '../approvals/ApprovalBanner';
import { ScreenDebugPanel } from '../approvals/ScreenDebugPanel';
import { isLiveState } from '../sessions/state-label';
import { ExitBar } from './ExitBar';
import { PaneHeader } from './PaneHeader';
import { SearchBar } from './SearchBar';

export interface TerminalPaneProps {
  sessionId: string;
  hidden: boolean;
  maximized: boolean;
  focused: boolean;
  /** Grid columns this pane covers. */
  span: number;
}

export function TerminalPane({ sessionId, hidden, maximized, focused, span }: TerminalPaneProps) {
  const { terminals } = useServices();
  const session = useAppStore(selectSession(sessionId));
  const searchOpen = useAppStore((s) => s.ui.searchOpen[sessionId] === true);
  const debugOpen = useAppStore((s) => s.ui.debugOpen[sessionId] === true);
  const focus = useAppStore((s) => s.focus);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    // The terminal itself lives outside React: this only lends it a place in the page.
    terminals.mount(sessionId, el);
    return () => terminals.unmount(sessionId, el);
  }, [sessionId, terminals]);

  if (!session) return null;
  const ended = !isLiveState(session.state);
  return (
    <section
      className={`pane${focused ? ' is-focused' : ''}${ended ? ' is-ended' : ''}`}
      data-testid="terminal-pane"
      data-session-id={sessionId}
      data-state={session.state}
      aria-label={`Terminal: ${session.name}`}
      style={hidden ? { display: 'none' } : span > 1 ? { gridColumn: `span ${span}` } : undefined}
      onMouseDown={() => focus(sessionId)}
    >
      <PaneHeader session={session} maximized={maximized} />
      <div className="pane-body-wrap">
        {searchOpen ? <SearchBar sessionId={sessionId} /> : null}
        <ApprovalBanner sessionId={sessionId} />
        <div className="pane-body" ref={bodyRef} />
        {debugOpen ? <ScreenDebugPanel sessionId={sessionId} /> : null}
      </div>
      {ended ? <ExitBar session={session} /> : null}
    </section>
  );
}
