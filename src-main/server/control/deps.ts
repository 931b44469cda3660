import type { AppInfo } from '../../../src-preload/contract/channels';
import type { Handlers } from '../../core/api/handlers';
import type { ApprovalService } from '../../core/approvals/approval-service';
import type { LockManager } from '../../core/locks/lock-manager';
import type { AccountService } from '../../core/ops/accounts';
import type { InboundWebhooks } from '../../core/ops/inbound-webhooks';
import type { OpsMetrics } from '../../core/ops/metrics';
import type { OutboundWebhooks } from '../../core/ops/outbound-webhooks';
import type { OpsRepo } from '../../core/ops/ports';
import type { StreamHub } from '../../core/ops/stream-hub';
import type { Clock } from '../../core/ports/clock';
import type { EventLog } from '../../core/ports/store';
import type { SessionService } from '../../core/sessions/session-service';
import type { Logger } from '../../lib/logger';
import type { ControlApi } from './api';
import type { InboundRouter } from './inbound-router';

/**
 * Everything the control API's modules may reach. A feature with contract
 * channels joins through `handlers` (see runs-routes.ts); one without adds
 * its service here. Either way its module goes into CONTROL_MODULES.
 */
export interface ControlDeps {
  /** The contract's handlers: areas owned by other features (runs, recovery) are served through them (channel-route.ts). */
  handlers: Handlers;
  sessions: SessionService;
  events: Pick<EventLog, 'query' | 'subscribe' | 'flush'>;
  approvals: ApprovalService;
  locks: LockManager;
  accounts: AccountService;
  stream: StreamHub;
  metrics: OpsMetrics;
  inbound: InboundWebhooks;
  inboundRouter: InboundRouter;
  outbound: OutboundWebhooks;
  repo: OpsRepo;
  clock: Clock;
  logger: Logger;
  appInfo(): AppInfo;
  newId(prefix: string): string;
  newWebhookSecret(): string;
}

/** One area of the API (sessions, approvals, …): registers its routes. */
export type ControlModule = (api: ControlApi, deps: ControlDeps) => void;
