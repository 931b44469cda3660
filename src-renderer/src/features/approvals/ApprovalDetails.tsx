import type { ApprovalInfo } from '../../../../src-preload/contract/approvals';
import { Icon } from '../../components/Icon';
import { bodyLineKind } from './approval-format';

/** At most this many body lines are drawn; a long diff scrolls inside its box. */
const BODY_MAX_LINES = 400;

/** The exact command or file, the prompt or diff, the policy's word and any risk. */
export function ApprovalDetails({ approval: a, compact = false }: { approval: ApprovalInfo; compact?: boolean }) {
  const body = a.body.filter((l, i) => !(l === a.detail && i === 0)).slice(0, BODY_MAX_LINES);
  return (
    <div className="approval-details">
      {a.detail !== null || a.tool !== null ? (
        <div className="approval-what">
          {a.tool ? <span className="approval-tool">{a.tool}</span> : null}
          {a.detail !== null ? (
            <code className="approval-detail" data-testid="approval-detail">
              {a.detail}
            </code>
          ) : null}
        </div>
      ) : null}
      {!compact && body.length > 0 ? (
        <pre className="approval-body" data-testid="approval-body">
          {body.map((line, i) => (
            <span key={i} className={`body-line body-${bodyLineKind(line)}`}>
              {line}
              {'\n'}
            </span>
          ))}
        </pre>
      ) : null}
      {a.risk ? (
        <div className="approval-risk" data-testid="approval-risk" role="alert">
          <Icon name="warning" /> {a.risk}
        </div>
      ) : null}
      {!compact && (a.ruleId || a.reason) ? (
        <div className="approval-policy" data-testid="approval-policy">
          Policy{a.ruleId ? <code className="rule-id">{a.ruleId}</code> : null}
          {a.reason ? <span>{a.reason}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
