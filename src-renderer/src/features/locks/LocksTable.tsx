import type { ResourceLockState, WaiterInfo } from '../../../../src-preload/contract/locks';
import { Badge } from '../../components/Badge';
import { ForceRelease } from './ForceRelease';
import { ownerLabel, timeLeft, waitedFor, waitersLabel } from './lock-format';

export interface LocksTableProps {
  readonly locks: readonly ResourceLockState[];
  /** The clock the countdowns are computed against (ticked by the view). */
  readonly now: number;
  readonly sessionName: (id: string) => string | undefined;
  /** Answers whether the lease was released. */
  readonly onForceRelease: (resource: string, reason: string) => Promise<boolean>;
}

function Owner({ owner, sessionName }: { owner: string; sessionName: LocksTableProps['sessionName'] }) {
  const o = ownerLabel(owner, sessionName);
  return (
    <span className={`lock-owner lock-owner-${o.kind}`} title={o.title} data-owner={owner}>
      {o.label}
    </span>
  );
}

function Waiters({ waiters, now, sessionName }: { waiters: readonly WaiterInfo[]; now: number; sessionName: LocksTableProps['sessionName'] }) {
  if (waiters.length === 0) return <span className="muted">none</span>;
  return (
    <details className="lock-waiters" data-testid="lock-waiters">
      <summary data-testid="lock-waiters-count">{waitersLabel(waiters.length)}</summary>
      <ol className="lock-waiter-list">
        {waiters.map((w) => (
          <li key={w.id} data-testid="lock-waiter" data-owner={w.owner}>
            <Owner owner={w.owner} sessionName={sessionName} />
            <span className="muted" title={`effective priority now ${w.effectivePriority.toFixed(1)} (waiting raises it)`}>
              priority {w.priority}
            </span>
            <span className="muted">waited {waitedFor(w.enqueuedAt, now)}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One row per resource that has a holder or waiters, in the order given. */
export function LocksTable({ locks, now, sessionName, onForceRelease }: LocksTableProps) {
  return (
    <table className="decisions-table locks-table" data-testid="locks-table">
      <thead>
        <tr>
          <th>Resource</th>
          <th>Holder</th>
          <th>Token</th>
          <th>Priority</th>
          <th>Time left</th>
          <th>Waiters (serving order)</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {locks.map((l) => {
          const left = l.lease ? timeLeft(l.lease.expiresAt, now) : null;
          return (
            <tr key={l.resource} data-testid="lock-row" data-resource={l.resource} data-held={l.lease ? 'true' : 'false'}>
              <td>
                <code className="lock-resource">{l.resource}</code>
              </td>
              <td className="nowrap" data-testid="lock-holder">
                {l.lease ? <Owner owner={l.lease.owner} sessionName={sessionName} /> : <span className="muted">free</span>}
              </td>
              <td className="nowrap" data-testid="lock-token" title={`the next grant carries token ${l.nextToken}`}>
                {l.lease ? `#${l.lease.token}` : '—'}
              </td>
              <td className="nowrap" data-testid="lock-priority">
                {l.lease ? l.lease.priority : '—'}
              </td>
              <td className="nowrap" data-testid="lock-time-left" data-tone={left?.tone ?? ''}>
                {left ? (
                  <Badge tone={left.tone === 'ok' ? 'ok' : left.tone === 'warn' ? 'warn' : 'error'} title={`TTL ${l.lease ? l.lease.ttlMs / 1_000 : 0}s`}>
                    {left.text}
                  </Badge>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-testid="lock-waiters-cell" data-count={l.waiters.length}>
                <Waiters waiters={l.waiters} now={now} sessionName={sessionName} />
              </td>
              <td className="lock-actions">
                {l.lease ? <ForceRelease resource={l.resource} onRelease={(reason) => onForceRelease(l.resource, reason)} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
