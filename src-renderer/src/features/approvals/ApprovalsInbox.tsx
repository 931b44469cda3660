import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ApprovalInfo } from '../../../../src-preload/contract/approvals';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useAppStore } from '../../stores/store-context';
import { ROLE_LABEL } from '../sessions/session-icons';
import { canAlwaysApprove, formatTime } from './approval-format';
import { ApprovalDetails } from './ApprovalDetails';
import { useDecide } from './use-decide';
import type { NotifyPermission } from './notifier';

/** Keys the inbox answers, only while the focus is inside it (a terminal keeps its own keys). */
const KEY_HELP = 'j/k or ↑/↓ select · a approve · A always · d deny · Enter open terminal';

/** Every pending approval of every session, oldest first, answerable by click or key. */
export function ApprovalsInbox({ hidden }: { hidden: boolean }) {
  const { terminals, notifier } = useServices();
  const pending = useAppStore((s) => s.approvals.pending);
  const selectedId = useAppStore((s) => s.ui.approvalSelectedId);
  const select = useAppStore((s) => s.selectApproval);
  const setTab = useAppStore((s) => s.setTab);
  const focusSession = useAppStore((s) => s.focus);
  const { decide, busy, errors } = useDecide();
  const listRef = useRef<HTMLDivElement>(null);
  const [permission, setPermission] = useState<NotifyPermission>(() => notifier.permission());

  const selected = pending.find((a) => a.id === selectedId) ?? pending[0] ?? null;

  useEffect(() => {
    if (hidden || !selected) return;
    listRef.current
      ?.querySelector(`[data-testid="approval-item"][data-approval-id="${CSS.escape(selected.id)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [hidden, selected]);

  if (hidden) return null;

  const openTerminal = (a: ApprovalInfo) => {
    setTab('terminals');
    focusSession(a.sessionId);
    requestAnimationFrame(() => terminals.focus(a.sessionId));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !selected) return;
    // Enter or Space on a focused button is that button's own click.
    if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
    const at = pending.indexOf(selected);
    const move = (by: number) => {
      const next = pending[Math.min(pending.length - 1, Math.max(0, at + by))];
      if (next) select(next.id);
    };
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        handled();
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        handled();
        move(-1);
        break;
      case 'a':
        handled();
        void decide(selected.id, 'approve');
        break;
      case 'A':
        handled();
        if (canAlwaysApprove(selected)) void decide(selected.id, 'approve_always');
        break;
      case 'd':
        handled();
        void decide(selected.id, 'deny');
        break;
      case 'Enter':
        handled();
        openTerminal(selected);
        break;
    }
  };

  return (
    <div className="approvals-view" data-testid="approvals-inbox">
      <header className="view-header">
        <h2>
          Approvals <span className="count">{pending.length}</span>
        </h2>
        <span className="view-header-hint">{KEY_HELP}</span>
        <span className="pane-spacer" />
        {permission === 'default' ? (
          <Button
            icon="bell"
            testId="approvals-notify"
            onClick={() => void notifier.requestPermission().then(setPermission)}
            title="Show a desktop notification when an agent asks while this window is in the background"
          >
            Desktop notifications
          </Button>
        ) : null}
      </header>
      {pending.length === 0 ? (
        <EmptyState title="Nothing waits for you">
          <p>When an agent asks for permission (a command, a file edit), the question shows up here and on its terminal.</p>
        </EmptyState>
      ) : (
        <div className="approval-list" ref={listRef} tabIndex={0} role="listbox" aria-label="Pending approvals" aria-activedescendant={selected ? `approval-${selected.id}` : undefined} onKeyDown={onKeyDown} data-testid="approval-list">
          {pending.map((a) => (
            <ApprovalItem
              key={a.id}
              approval={a}
              selected={a.id === selected?.id}
              busy={busy[a.id] === true}
              error={errors[a.id]}
              onSelect={() => select(a.id)}
              onDecide={(d) => void decide(a.id, d)}
              onOpen={() => openTerminal(a)}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function ApprovalItem(props: {
  approval: ApprovalInfo;
  selected: boolean;
  busy: boolean;
  error: string | undefined;
  onSelect(): void;
  onDecide(d: 'approve' | 'approve_always' | 'deny'): void;
  onOpen(): void;
}) {
  const { approval: a, selected, busy, error } = props;
  return (
    <article
      id={`approval-${a.id}`}
      className={`approval-item${selected ? ' is-selected' : ''}${a.risk ? ' has-risk' : ''}`}
      data-testid="approval-item"
      data-approval-id={a.id}
      data-session-id={a.sessionId}
      role="option"
      aria-selected={selected}
      onMouseDown={props.onSelect}
    >
      <header className="approval-head">
        <button type="button" className="link-btn approval-session" data-testid="approval-open" title="Open the session's terminal (Enter)" onClick={props.onOpen}>
          {a.sessionName}
        </button>
        {a.role !== 'none' ? <span className="approval-role">{ROLE_LABEL[a.role]}</span> : null}
        <span className="approval-agent">{a.agent}</span>
        <span className="pane-spacer" />
        <span className={`source-tag source-${a.source}`} title={a.source === 'hook' ? "Reported by the agent's hook (exact tool and input)" : 'Read from the terminal screen'}>
          {a.source}
        </span>
        <time className="approval-time" dateTime={new Date(a.detectedAt).toISOString()}>
          {formatTime(a.detectedAt)}
        </time>
      </header>
      <div className="approval-question" data-testid="approval-question">
        {a.question}
      </div>
      <ApprovalDetails approval={a} />
      {error ? (
        <div className="approval-error" data-testid="approval-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="approval-buttons">
        <Button variant="primary" icon="check" testId="approval-approve" disabled={busy} onClick={() => props.onDecide('approve')} title="Approve (a)">
          Approve
        </Button>
        {canAlwaysApprove(a) ? (
          <Button testId="approval-always" disabled={busy} onClick={() => props.onDecide('approve_always')} title="Approve and don't ask again this session (Shift+A)">
            Always
          </Button>
        ) : null}
        <Button variant="danger" icon="close" testId="approval-deny" disabled={busy} onClick={() => props.onDecide('deny')} title="Deny (d)">
          Deny
        </Button>
        {busy ? <Badge tone="busy">sending…</Badge> : null}
      </div>
    </article>
  );
}
