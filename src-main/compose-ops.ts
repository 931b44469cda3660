import { AccountService } from './core/ops/accounts';
import { observeEvents } from './core/ops/event-metrics';
import { InboundWebhooks } from './core/ops/inbound-webhooks';
import type { OpsMetrics } from './core/ops/metrics';
import { OutboundWebhooks } from './core/ops/outbound-webhooks';
import type { OpsRepo } from './core/ops/ports';
import { StreamHub } from './core/ops/stream-hub';
import type { ApprovalService } from './core/approvals/approval-service';
import type { Clock } from './core/ports/clock';
import type { SessionService } from './core/sessions/session-service';
import type { Disposable } from './lib/disposable';
import { newId } from './lib/ids';
import type { Logger } from './lib/logger';
import { fetchPoster } from './platform/http-poster';
import { InboundRouter } from './server/control/inbound-router';
import type { SqliteStore } from './store/sqlite-store';

export interface OpsDeps {
  clock: Clock;
  store: SqliteStore;
  sessions: SessionService;
  approvals: ApprovalService;
  metrics: OpsMetrics;
  repo: OpsRepo;
  logger: Logger;
  jwtSecret: string;
  webhookSecret: string;
}

export interface OpsParts {
  accounts: AccountService;
  stream: StreamHub;
  inbound: InboundWebhooks;
  inboundRouter: InboundRouter;
  outbound: OutboundWebhooks;
  /** Feeds from the event log and the sessions into metrics and webhooks; disposed at stop. */
  subs: Disposable[];
}

/**
 * The operations surface (issue 6) for the composition root: service
 * accounts, the live event stream, webhooks in and out, and the feeds that
 * turn other features' events into metrics — part of compose.ts, kept in
 * its own file by concept.
 */
export function composeOps(o: OpsDeps): OpsParts {
  const accounts = new AccountService({ repo: o.repo.accounts, clock: o.clock, secret: new TextEncoder().encode(o.jwtSecret), newId: (p) => newId(p) });
  const stream = new StreamHub({
    clock: o.clock,
    events: o.store.events,
    newId: (p) => newId(p),
    observer: {
      connected: (t, reconnect) => {
        o.metrics.streamConnections.inc({ transport: t });
        if (reconnect) o.metrics.streamReconnects.inc({ transport: t });
      },
      heartbeat: (n) => o.metrics.streamHeartbeats.inc(n),
      eventsSent: (n) => o.metrics.streamEventsSent.inc(n),
      dropped: (reason) => o.metrics.streamDropped.inc({ reason }),
    },
  });
  const inbound = new InboundWebhooks({ clock: o.clock, secret: o.webhookSecret, seen: o.repo.seenWebhooks, metrics: o.metrics });
  const inboundRouter = new InboundRouter((type, data, correlationId) => o.sessions.event(type, null, data, correlationId));
  const outbound = new OutboundWebhooks({
    clock: o.clock, repo: o.repo, http: fetchPoster, logger: o.logger.child({ component: 'webhooks' }), newId: (p) => newId(p),
    pendingApprovals: () => o.approvals.list(), metrics: o.metrics,
  });
  // Metrics of other features and outbound notifications read the event stream (no imports of those features).
  const opsEventSub = o.store.events.subscribe((batch) => {
    observeEvents(o.metrics, batch);
    outbound.observe(batch);
  });
  const ptyOutputSub = o.sessions.onOutputChars.event(({ sessionId, chars }) => o.metrics.countPtyOutput(sessionId, chars));
  return { accounts, stream, inbound, inboundRouter, outbound, subs: [opsEventSub, ptyOutputSub] };
}
