import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { selectPendingFor } from '../../stores/selectors';
import { useAppStore } from '../../stores/store-context';
import { canAlwaysApprove } from './approval-format';
import { useDecide } from './use-decide';

/**
 * Over the top of a session's terminal while it waits for an approval. It
 * floats (no layout change): resizing the terminal would make the agent
 * redraw the very prompt being answered.
 */
export function ApprovalBanner({ sessionId }: { sessionId: string }) {
  const approval = useAppStore(selectPendingFor(sessionId));
  const { decide, busy, errors } = useDecide();
  if (!approval) return null;
  const a = approval;
  const sending = busy[a.id] === true;
  const error = errors[a.id];
  return (
    <div className={`approval-banner${a.risk ? ' has-risk' : ''}`} data-testid="approval-banner" data-approval-id={a.id} role="alert">
      <Icon name={a.risk ? 'warning' : 'shield'} className="approval-banner-icon" />
      <div className="approval-banner-text">
        <div className="approval-banner-question">{a.question}</div>
        {a.detail !== null ? (
          <code className="approval-detail" title={a.detail}>
            {a.tool ? `${a.tool}: ` : ''}
            {a.detail}
          </code>
        ) : null}
        {a.risk ? <div className="approval-banner-risk">⚠ {a.risk}</div> : null}
        {error ? (
          <div className="approval-error" data-testid="banner-error">
            {error}
          </div>
        ) : null}
      </div>
      <div className="approval-banner-buttons">
        <Button variant="primary" testId="banner-approve" disabled={sending} onClick={() => void decide(a.id, 'approve')}>
          Approve
        </Button>
        {canAlwaysApprove(a) ? (
          <Button testId="banner-always" disabled={sending} onClick={() => void decide(a.id, 'approve_always')}>
            Always
          </Button>
        ) : null}
        <Button variant="danger" testId="banner-deny" disabled={sending} onClick={() => void decide(a.id, 'deny')}>
          Deny
        </Button>
      </div>
    </div>
  );
}
