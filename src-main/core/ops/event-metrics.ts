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
 * | dorch_recoveries_total          | recovery.* (any)       | strategy | action → strategy, outcome | status (else the type's last part) |
 * | dorch_prompt_detection_seconds  | approval.detected      | latencyMs | detectionLatencyMs, approval.source |
 * | dorch_events_written_total      | every event            | type                                      |
 */
export function observeEvents(m: OpsMetrics, batch: readonly StoredEvent[]): void {
  for (const e of batch) {
    m.eventsWritten.inc({ type: boundedLabel(e.type) });
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === 'approval.decided') {
      m.approvalsDecided.inc({ source: str(d.by, 'unknown'), decision: str(d.decision, 'unknown') });
    } else if (e.type.startsWith('recovery.')) {
      const strategy = str(d.strategy ?? d.action, 'unknown');
      const outcome = str(d.outcome ?? d.status, e.type.slice('recovery.'.length));
      m.recoveries.inc({ strategy, outcome });
    } else if (e.type === 'approval.detected') {
      const ms = num(d.latencyMs ?? d.detectionLatencyMs);
      const approval = (d.approval ?? {}) as Record<string, unknown>;
      if (ms !== null) m.promptDetection.observe({ source: str(approval.source, 'unknown') }, ms / 1000);
    }
  }
}

/** Label values come from event data: bound them so a bad producer cannot explode the series count. */
function boundedLabel(v: string): string {
  return /^[a-z0-9_.-]{1,64}$/i.test(v) ? v : 'other';
}
const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length > 0 ? boundedLabel(v) : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
