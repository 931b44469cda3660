import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { selectOpenIds, selectPastIds } from '../../stores/selectors';
import { useAppStore, useAppStoreShallow } from '../../stores/store-context';
import { gridColumns } from './grid-columns';
import { TerminalPane } from './TerminalPane';
import { useElementWidth } from './use-element-width';

/** Below this a pane's terminal is too short to be useful; the grid scrolls instead. */
const MIN_ROW_HEIGHT_PX = 220;

/**
 * Every open session at once (grid) or the focused one full size (single).
 * Both layouts render the same panes under the same parent, hiding the
 * others in single mode, so switching never re-creates a terminal.
 */
export function TerminalArea({ hidden }: { hidden: boolean }) {
  const { terminals } = useServices();
  const ids = useAppStoreShallow(selectOpenIds);
  const pastCount = useAppStore((s) => selectPastIds(s).length);
  const layout = useAppStore((s) => s.ui.layout);
  const focusedId = useAppStore((s) => s.ui.focusedId);
  const openDialog = useAppStore((s) => s.openDialog);
  const setTab = useAppStore((s) => s.setTab);
  const [ref, width] = useElementWidth<HTMLDivElement>();

  const single = layout === 'single';
  const shownId = single ? (focusedId !== null && ids.includes(focusedId) ? focusedId : (ids[0] ?? null)) : null;
  const cols = single ? 1 : gridColumns(ids.length, width);
  const rows = single ? 1 : Math.max(1, Math.ceil(ids.length / cols));

  useEffect(() => {
    if (focusedId === null || hidden) return;
    document.querySelector(`[data-testid="terminal-pane"][data-session-id="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId, hidden]);

  useEffect(() => {
    // A pane that just became the only one shown takes the keyboard.
    if (single && shownId !== null && !hidden) terminals.focus(shownId);
  }, [single, shownId, hidden, terminals]);

  return (
    <div className="terminal-area" ref={ref} hidden={hidden}>
      {ids.length === 0 ? (
        <EmptyState
          title="No sessions running"
          action={
            <Button variant="primary" icon="plus" className="btn-large" testId="empty-new-session-button" onClick={() => openDialog('new-session')}>
              New session
            </Button>
          }
        >
          <p>Start Claude Code, a shell, or any agent CLI in an embedded terminal.</p>
          <p>
            No account at hand? Pick the <strong>Demo agent</strong>: it behaves like a coding agent and needs no account.
          </p>
          {pastCount > 0 ? (
            <p>
              <button type="button" className="link-btn" onClick={() => setTab('history')}>
                {pastCount} past session{pastCount === 1 ? '' : 's'} in History
              </button>
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <div
          className="terminal-grid"
          data-layout={layout}
          style={{
            gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${rows}, minmax(${MIN_ROW_HEIGHT_PX}px, 1fr))`,
          }}
        >
          {ids.map((id, i) => (
            <TerminalPane
              key={id}
              sessionId={id}
              hidden={single && id !== shownId}
              maximized={single && id === shownId}
              focused={id === focusedId}
              // The last pane stretches over an incomplete last row instead of leaving a hole.
              span={!single && i === ids.length - 1 ? cols - (ids.length % cols || cols) + 1 : 1}
            />
          ))}
        </div>
      )}
    </div>
  );
}
