import { z } from 'zod';
import { HealthMode, RecoveryRequest } from '../../../src-preload/contract/health';
import { SessionId } from '../../../src-preload/contract/session';
import { channelRoute } from './channel-route';
import type { ControlModule } from './deps';

/** Health monitor and recovery actions (issue 5) over HTTP: the contract's health.* channels. */
export const recoveryRoutes: ControlModule = (api, d) => {
  const tag = 'recovery';
  channelRoute(api, d, { method: 'GET', url: '/api/v1/health/overview', access: 'viewer', tag, summary: 'Per-session health, issues, stage and settings', channel: 'health.overview', input: () => ({}) });
  channelRoute(api, d, {
    method: 'GET', url: '/api/v1/health/samples', access: 'viewer', tag, summary: 'Resource samples (CPU, memory, output rate…)', channel: 'health.samples',
    query: z.object({ sessionId: SessionId.optional(), sinceTs: z.coerce.number().min(0).default(0), limit: z.coerce.number().int().min(1).max(20_000).default(5_000) }).strict(),
    input: ({ query }) => query,
  });
  channelRoute(api, d, {
    method: 'GET', url: '/api/v1/health/events', access: 'viewer', tag, summary: 'Detections, stages and recoveries, newest first', channel: 'health.events',
    query: z.object({ sessionId: SessionId.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(200) }).strict(), input: ({ query }) => query,
  });
  channelRoute(api, d, {
    method: 'POST', url: '/api/v1/recovery', access: 'operator', tag,
    summary: 'Run a recovery action on a session: interrupt, restart_session, retry_task, reassign_task, skip_task, pause, resume, kill, shutdown_run',
    channel: 'health.act', body: RecoveryRequest, input: ({ body }) => body,
  });
  channelRoute(api, d, {
    method: 'POST', url: '/api/v1/health/mode', access: 'admin', tag, summary: 'Self-healing mode (off, suggest, auto), for one session or the default', channel: 'health.setMode',
    body: z.object({ sessionId: SessionId.optional(), mode: HealthMode }).strict(), input: ({ body }) => body,
  });
};
