import { z } from 'zod';
<<<<<<< HEAD
import { StoredEvent } from '../../../src-preload/contract/events';
import { HealthMode, HealthOverview, HealthSettings, RecoveryOutcome, RecoveryRequest } from '../../../src-preload/contract/health';
import { SessionId } from '../../../src-preload/contract/session';
import { viaChannel } from './channel-route';
import type { ControlModule } from './deps';

/**
 * Health and recovery (issue 5) over HTTP: the monitor's view of every
 * session, the recovery strategies as one action endpoint, the self-healing
 * mode, and the recovery history — the same handlers as the Health tab and
 * the session cards' buttons.
 */
export const recoveryRoutes: ControlModule = (api, d) => {
  const h = d.handlers;
  const tag = 'recovery';
  api.route(
    { method: 'GET', url: '/api/v1/health/sessions', access: 'viewer', tag, summary: 'Per-session health (CPU, memory, signals, anomaly, findings) and host load', response: HealthOverview },
    (_i, ctx) => viaChannel(h, 'health.overview', {}, ctx),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/recovery', access: 'operator', tag,
      summary: 'Apply a recovery strategy: interrupt, restart_session, retry_task, reassign_task, skip_task, pause, resume, kill, shutdown_run',
      body: RecoveryRequest, response: RecoveryOutcome,
    },
    ({ body }, ctx) => viaChannel(h, 'health.act', body, ctx),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/recovery/mode', access: 'operator', tag, summary: 'Self-healing mode (off / suggest / auto), for one session or the default',
      body: z.object({ sessionId: SessionId.optional(), mode: HealthMode }).strict(), response: HealthSettings,
    },
    ({ body }, ctx) => viaChannel(h, 'health.setMode', body, ctx),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/recovery/events', access: 'viewer', tag, summary: 'Detections, decisions and actions, newest last',
      query: z.object({ sessionId: SessionId.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(200) }).strict(),
      response: z.array(StoredEvent),
    },
    ({ query }, ctx) => viaChannel(h, 'health.events', query, ctx),
  );
=======
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
>>>>>>> main
};
