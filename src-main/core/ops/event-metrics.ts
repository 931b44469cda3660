import type { StoredEvent } from '../../../src-preload/contract/events';
import type { OpsMetrics } from './metrics';

/**
 * Metrics that belong to other features are read from the event stream, not
 * by importing those features: a new event type lights its series up with no
 * code coupling. What each reads (docs/operations.md repeats this table):
 *
 * | metric                          | event type(s)          | data fields read                          |
 * |---------------------------------|------------------------|-------------------------------------------|
 * | dorch_approvals_decided_total   | approval.decided       | by → source, decision                     |
 * | dorch_recoveries_total          | recovery.action, recovery.gave_up, recovery.escalated | strategy (escalated: "escalate") → strategy, outcome (else the type's last part) |
 * | dorch_recovery_suggestions_total| recovery.suggested     | strategy, source (core | monitor_ai)     |
 * | dorch_prompt_detection_seconds  | approval.detected      | latencyMs | detectionLatencyMs, approval.source |
 * | dorch_events_written_total      | every event            | type                                      |
 */
export function observeEvents(m: OpsMetrics, batch: readonly StoredEvent[]): void {
  for (const e of batch) {
    m.eventsWritten.inc({ type: boundedLabel(e.type) });
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === 'approval.decided') {
      m.approvalsDecided.inc({ source: str(d.by, 'unknown'), decision: str(d.decision, 'unknown') });
    } else if (RECOVERY_DONE.has(e.type)) {
      const strategy = str(d.strategy ?? d.action, e.type === 'recovery.escalated' ? 'escalate' : 'unknown');
      const outcome = str(d.outcome ?? d.status, e.type.slice('recovery.'.length));
      m.recoveries.inc({ strategy, outcome });
    } else if (e.type === 'recovery.suggested') {
      m.recoverySuggestions.inc({ strategy: str(d.strategy, 'unknown'), source: str(d.source, 'unknown') });
    } else if (e.type === 'approval.detected') {
      const ms = num(d.latencyMs ?? d.detectionLatencyMs);
      const approval = (d.approval ?? {}) as Record<string, unknown>;
      if (ms !== null) m.promptDetection.observe({ source: str(approval.source, 'unknown') }, ms / 1000);
    }
  }
}

/** Recovery events that record something done (suggestions and schedules are not recoveries yet). */
const RECOVERY_DONE = new Set(['recovery.action', 'recovery.gave_up', 'recovery.escalated']);

/** Label values come from event data: bound them so a bad producer cannot explode the series count. */
function boundedLabel(v: string): string {
  return /^[a-z0-9_.-]{1,64}$/i.test(v) ? v : 'other';
}
const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length > 0 ? boundedLabel(v) : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
