import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SessionInfo } from '../../../src-preload/contract/session';
import type { StreamClientInfo } from '../../../src-preload/contract/ops';

/**
 * The app's Prometheus metrics (prom-client), in one registry owned by the
 * composition root (no global default registry: two cores in one test process
 * must not share counters). Names are prefixed `dorch_`; see docs/operations.md
 * for what each one reads.
 */
export const METRIC_PREFIX = 'dorch_';
/** Per-session series (label core_id = the session id) only while there are at most this many sessions. */
export const MAX_PER_SESSION_SERIES = 50;
/** Latency buckets for HTTP and database work, in seconds: 0.5 ms … 5 s. */
const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Prompt detection: from tens of milliseconds to a few seconds. */
const DETECTION_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/** Default prom-client metrics whose names break the Prometheus naming rules (gauges ending in _total). */
const LINT_FAILING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export interface MetricsSources {
  sessions(): readonly SessionInfo[];
  approvalsPending(): number;
  streamClients(): readonly StreamClientInfo[];
}

export interface OpsMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly apiDenied: Counter<'reason'>;
  readonly streamReconnects: Counter<'transport'>;
  readonly streamConnections: Counter<'transport'>;
  readonly streamHeartbeats: Counter;
  readonly streamEventsSent: Counter;
  readonly streamDropped: Counter<'reason'>;
  readonly webhookVerifications: Counter<'outcome'>;
  readonly webhookDeliveries: Counter<'outcome'>;
  readonly dbOperations: Counter<'op'>;
  readonly dbDuration: Histogram<'op'>;
  readonly approvalsDecided: Counter<'source' | 'decision'>;
  readonly recoveries: Counter<'strategy' | 'outcome'>;
  readonly recoverySuggestions: Counter<'strategy' | 'source'>;
  readonly promptDetection: Histogram<'source'>;
  readonly ptyOutputChars: Counter<'core_id'>;
  readonly ptyOutputCharsAll: Counter;
  readonly eventsWritten: Counter<'type'>;
  /** Counts a session's terminal output (per session only while MAX_PER_SESSION_SERIES allows). */
  countPtyOutput(sessionId: string, chars: number): void;
  text(): Promise<string>;
  readonly contentType: string;
}

export function createOpsMetrics(src: MetricsSources): OpsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names these gauges *_total, which promtool (rightly) flags; nodejs_active_resources{type} says the same.
  for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
  const r = [registry];
  const p = METRIC_PREFIX;
  const metrics: Omit<OpsMetrics, 'text' | 'contentType' | 'registry' | 'countPtyOutput'> = {
    httpRequests: new Counter({ name: `${p}http_requests_total`, help: 'HTTP requests by route template, method and status.', labelNames: ['method', 'route', 'status'], registers: r }),
    httpDuration: new Histogram({ name: `${p}http_request_duration_seconds`, help: 'HTTP request latency by route template, method and status.', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS_S, registers: r }),
    apiDenied: new Counter({ name: `${p}api_denied_total`, help: 'Control API calls refused, by reason.', labelNames: ['reason'], registers: r }),
    streamConnections: new Counter({ name: `${p}stream_connections_total`, help: 'Event-stream connections opened, by transport.', labelNames: ['transport'], registers: r }),
    streamReconnects: new Counter({ name: `${p}stream_reconnects_total`, help: 'Event-stream connections that resumed a known client id.', labelNames: ['transport'], registers: r }),
    streamHeartbeats: new Counter({ name: `${p}stream_heartbeats_total`, help: 'Heartbeats sent to event-stream clients.', registers: r }),
    streamEventsSent: new Counter({ name: `${p}stream_events_sent_total`, help: 'Events sent to event-stream clients (replays included).', registers: r }),
    streamDropped: new Counter({ name: `${p}stream_dropped_total`, help: 'Event-stream connections closed by the server, by reason.', labelNames: ['reason'], registers: r }),
    webhookVerifications: new Counter({ name: `${p}webhook_verifications_total`, help: 'Inbound webhook verifications by outcome (accepted or the rejection reason).', labelNames: ['outcome'], registers: r }),
    webhookDeliveries: new Counter({ name: `${p}webhook_deliveries_total`, help: 'Outbound webhook delivery attempts by outcome.', labelNames: ['outcome'], registers: r }),
    dbOperations: new Counter({ name: `${p}db_operations_total`, help: 'Database operations by kind.', labelNames: ['op'], registers: r }),
    dbDuration: new Histogram({ name: `${p}db_operation_duration_seconds`, help: 'Database operation latency by kind.', labelNames: ['op'], buckets: LATENCY_BUCKETS_S, registers: r }),
    approvalsDecided: new Counter({ name: `${p}approvals_decided_total`, help: 'Approval decisions by who decided (person, policy, judge, terminal…) and decision. From approval.decided events.', labelNames: ['source', 'decision'], registers: r }),
    recoveries: new Counter({ name: `${p}recoveries_total`, help: 'Recovery actions by strategy and outcome. From recovery.action, recovery.gave_up and recovery.escalated events.', labelNames: ['strategy', 'outcome'], registers: r }),
    recoverySuggestions: new Counter({ name: `${p}recovery_suggestions_total`, help: 'Recovery steps suggested, by strategy and source (core, monitor_ai). From recovery.suggested events.', labelNames: ['strategy', 'source'], registers: r }),
    promptDetection: new Histogram({ name: `${p}prompt_detection_seconds`, help: 'Time from a prompt appearing to its detection. From approval.detected events carrying a latency.', labelNames: ['source'], buckets: DETECTION_BUCKETS_S, registers: r }),
    ptyOutputChars: new Counter({ name: `${p}pty_output_chars_by_session_total`, help: `Terminal output per session (core_id = session id; only while there are at most ${MAX_PER_SESSION_SERIES} sessions).`, labelNames: ['core_id'], registers: r }),
    ptyOutputCharsAll: new Counter({ name: `${p}pty_output_chars_total`, help: 'Terminal output of all sessions, in UTF-16 chars.', registers: r }),
    eventsWritten: new Counter({ name: `${p}events_written_total`, help: 'Events committed to the event store, by type.', labelNames: ['type'], registers: r }),
  };
  new Gauge({
    name: `${p}sessions`,
    help: 'Sessions by role and lifecycle state.',
    labelNames: ['role', 'state'],
    registers: r,
    collect() {
      this.reset();
      for (const s of src.sessions()) this.inc({ role: s.role, state: s.state });
    },
  });
  new Gauge({
    name: `${p}session_activity`,
    help: 'Live sessions by what the agent is doing (starting, busy, idle, awaiting_approval…).',
    labelNames: ['activity', 'role'],
    registers: r,
    collect() {
      this.reset();
      for (const s of src.sessions()) if (s.live) this.inc({ activity: s.activity.state, role: s.role });
    },
  });
  new Gauge({
    name: `${p}approvals_pending`,
    help: 'Prompts waiting for a decision.',
    registers: r,
    collect() {
      this.set(src.approvalsPending());
    },
  });
  new Gauge({
    name: `${p}stream_clients`,
    help: 'Connected event-stream clients by transport.',
    labelNames: ['transport'],
    registers: r,
    collect() {
      this.reset();
      this.set({ transport: 'sse' }, 0);
      this.set({ transport: 'websocket' }, 0);
      for (const c of src.streamClients()) if (c.connected) this.inc({ transport: c.transport });
    },
  });
  new Gauge({
    name: `${p}stream_client_heartbeat_age_seconds`,
    help: 'Oldest last-heartbeat age among connected stream clients (should stay near 1 s).',
    registers: r,
    collect() {
      const now = Date.now();
      let worst = 0;
      for (const c of src.streamClients()) if (c.connected && c.lastHeartbeatAt !== null) worst = Math.max(worst, (now - c.lastHeartbeatAt) / 1000);
      this.set(worst);
    },
  });
  const perSession = new Set<string>();
  return {
    registry,
    ...metrics,
    countPtyOutput(sessionId, chars) {
      metrics.ptyOutputCharsAll.inc(chars);
      if (!perSession.has(sessionId)) {
        if (perSession.size >= MAX_PER_SESSION_SERIES) return;
        perSession.add(sessionId);
      }
      metrics.ptyOutputChars.inc({ core_id: sessionId }, chars);
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** Times a database call into the db metrics. */
export function timed<T>(m: Pick<OpsMetrics, 'dbOperations' | 'dbDuration'>, op: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    m.dbOperations.inc({ op });
    m.dbDuration.observe({ op }, (performance.now() - start) / 1000);
  }
}
