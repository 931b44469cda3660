import { useState } from 'react';
import type { RecoveryStrategy } from '../../../../src-preload/contract/health';
import type { SessionInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { useAppStore } from '../../stores/store-context';
import { availableStrategies, STAGE_LABEL, STRATEGY_HINT, STRATEGY_LABEL } from './recovery-labels';
import { useSessionHealth } from './use-health';

/**
 * The recovery buttons of a session card: shown when something is wrong (an
 * issue, a suggestion, a crash, a stage other than healthy). The suggested
 * next step is highlighted with its reason; MonitorAI's suggestions look the
 * same, marked with their source. One click applies a strategy.
 */
export function RecoveryRow({ session }: { session: SessionInfo }) {
  const { health } = useServices();
  const h = useSessionHealth(session.id);
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState<RecoveryStrategy | null>(null);
  const troubled = h && (h.issues.length > 0 || h.suggestion !== null || h.stage !== 'healthy');
  if (!h || (!troubled && session.state !== 'crashed')) return null;
  const suggested = h.suggestion?.strategy ?? null;
  const run = async (strategy: RecoveryStrategy) => {
    setBusy(strategy);
    const r = await health.act(strategy === 'restart_session' ? { strategy, sessionId: session.id, cleanWorkspace: false } : strategy === 'interrupt' ? { strategy, sessionId: session.id, key: 'esc' } : { strategy, sessionId: session.id });
    setBusy(null);
    if (!r.ok) notify('error', `${STRATEGY_LABEL[strategy]} failed for ${session.name}: ${r.error.message}`);
  };
  const strategies = availableStrategies(session.live, h.stage === 'paused', h);
  return (
    <div className={`recovery-row stage-${h.stage}`} data-testid="recovery-row" data-session-id={session.id} data-stage={h.stage}>
      <div className="recovery-status">
        <span className="recovery-stage" data-testid="recovery-stage">
          {STAGE_LABEL[h.stage]}
        </span>
        {h.issues.length > 0 ? (
          <span className="recovery-issues" data-testid="recovery-issues">
            {h.issues.map((i) => i.kind.replace('_', ' ')).join(', ')}
          </span>
        ) : null}
        {h.restartsInWindow > 0 ? (
          <span className="recovery-budget" title="Automatic restarts in the restart-policy window">
            restarts {h.restartsInWindow}/{h.maxRestarts}
          </span>
        ) : null}
      </div>
      {h.suggestion ? (
        <p className="recovery-reason" data-testid="recovery-reason">
          <strong>{h.suggestion.source === 'monitor_ai' ? 'MonitorAI suggests' : 'Suggested'}: {STRATEGY_LABEL[h.suggestion.strategy]}</strong> — {h.suggestion.reason}
        </p>
      ) : null}
      <div className="recovery-buttons">
        {strategies.map((s) => (
          <button
            key={s}
            type="button"
            className={`recovery-button${s === suggested ? ' is-suggested' : ''}`}
            data-testid={`recover-${s}`}
            data-suggested={s === suggested ? 'true' : undefined}
            title={s === suggested && h.suggestion ? `${STRATEGY_HINT[s]}\nSuggested: ${h.suggestion.reason}` : STRATEGY_HINT[s]}
            disabled={busy !== null}
            onClick={() => void run(s)}
          >
            {STRATEGY_LABEL[s]}
          </button>
        ))}
      </div>
    </div>
  );
}
