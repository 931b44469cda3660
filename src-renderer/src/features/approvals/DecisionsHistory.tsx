import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';
import { describeDecidedBy, describeOutcome, formatTime, isAutomatic } from './approval-format';

/** Every closed approval, newest first: what was asked, the outcome, who decided and why. */
export function DecisionsHistory({ hidden }: { hidden: boolean }) {
  const { actions } = useServices();
  const history = useAppStore((s) => s.approvals.history);
  const loaded = useAppStore((s) => s.approvals.historyLoaded);

  useEffect(() => {
    if (!hidden) void actions.loadApprovalHistory();
  }, [hidden, actions]);

  if (hidden) return null;
  return (
    <div className="approvals-view" data-testid="decisions-history">
      <header className="view-header">
        <h2>
          Decisions <span className="count">{history.length}</span>
        </h2>
        <span className="view-header-hint">Who answered each prompt, and why.</span>
        <span className="pane-spacer" />
        <IconButton icon="refresh" label="Reload" testId="decisions-reload" onClick={() => void actions.loadApprovalHistory()} />
      </header>
      {!loaded && history.length === 0 ? <p className="muted pad">Loading…</p> : null}
      {loaded && history.length === 0 ? (
        <EmptyState title="No decisions yet">
          <p>Approved, denied and vanished prompts are listed here with who decided.</p>
        </EmptyState>
      ) : null}
      {history.length > 0 ? (
        <div className="decisions-scroll">
          <table className="decisions-table">
            <thead>
              <tr>
                <th>Decided</th>
                <th>Session</th>
                <th>Prompt</th>
                <th>Outcome</th>
                <th>By</th>
                <th>Rule · reason</th>
              </tr>
            </thead>
            <tbody>
              {history.map((a) => {
                const outcome = describeOutcome(a);
                const auto = isAutomatic(a.decidedBy);
                return (
                  <tr
                    key={a.id}
                    data-testid="decision-row"
                    data-approval-id={a.id}
                    data-session-id={a.sessionId}
                    data-status={a.status}
                    data-decided-by={a.decidedBy ?? ''}
                    data-rule-id={a.ruleId ?? ''}
                  >
                    <td className="nowrap muted">{formatTime(a.decidedAt ?? a.detectedAt)}</td>
                    <td className="nowrap">
                      {a.sessionName}
                      <div className="muted small">
                        {a.agent} · <span className={`source-tag source-${a.source}`}>{a.source}</span>
                      </div>
                    </td>
                    <td className="decision-prompt">
                      <div>{a.question}</div>
                      {a.detail !== null ? (
                        <code className="approval-detail">
                          {a.tool ? `${a.tool}: ` : ''}
                          {a.detail}
                        </code>
                      ) : null}
                      {a.risk ? <div className="approval-risk-inline">⚠ {a.risk}</div> : null}
                    </td>
                    <td>
                      <Badge tone={outcome.tone} testId="decision-outcome">
                        {outcome.label}
                      </Badge>
                    </td>
                    <td className={`nowrap decided-by${auto ? ' is-auto' : ''}`} data-testid="decision-by">
                      {describeDecidedBy(a.decidedBy)}
                    </td>
                    <td className="decision-why">
                      {a.ruleId ? <code className="rule-id" data-testid="decision-rule">{a.ruleId}</code> : null}
                      {a.reason ? <span className="decision-reason">{a.reason}</span> : null}
                      {!a.ruleId && !a.reason ? <span className="muted">—</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
