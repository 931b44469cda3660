import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../lib/logger';
import { ControlApi } from './api';
import { accountsRoutes } from './accounts-routes';
import { approvalsRoutes } from './approvals-routes';
import type { ControlDeps, ControlModule } from './deps';
import { eventsRoutes } from './events-routes';
import { healthRoutes } from './health-routes';
import { locksRoutes } from './locks-routes';
import { metricsRoutes } from './metrics-routes';
import { OpenApiBuilder } from './openapi';
import { recoveryRoutes } from './recovery-routes';
import { runsRoutes } from './runs-routes';
import { sessionsRoutes } from './sessions-routes';
import { streamRoutes } from './stream-routes';
import { webhooksRoutes } from './webhooks-routes';

/**
 * Every area of the control API, one module each. A feature adds its module
 * here (see runs-routes.ts for one served through its contract channels).
 */
export const CONTROL_MODULES: readonly ControlModule[] = [
  sessionsRoutes,
  approvalsRoutes,
  locksRoutes,
  eventsRoutes,
  healthRoutes,
  runsRoutes,
  recoveryRoutes,
  accountsRoutes,
  streamRoutes,
  webhooksRoutes,
  metricsRoutes,
];

export interface ControlOptions {
  uiToken: string;
  version: string;
  /** Extra modules (tests, or features composed outside this list). */
  extraModules?: readonly ControlModule[];
}

/**
 * Registers the control API on the web host: request metrics for every
 * route, the modules, and the OpenAPI document built from their schemas.
 */
export function registerControlApi(app: FastifyInstance, deps: ControlDeps, o: ControlOptions): ControlApi {
  const docs = new OpenApiBuilder();
  const logger: Logger = deps.logger;
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    deps.metrics.httpRequests.inc(labels);
    deps.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  const api = new ControlApi(app, docs, { accounts: deps.accounts, uiToken: o.uiToken, logger, metrics: deps.metrics, newId: deps.newId });
  for (const m of [...CONTROL_MODULES, ...(o.extraModules ?? [])]) m(api, deps);
  docs.add({ method: 'GET', url: '/api/v1/openapi.json', access: 'public', tag: 'meta', summary: 'This document' });
  let cached: string | null = null;
  app.get('/api/v1/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send((cached ??= JSON.stringify(docs.document({ version: o.version })))));
  return api;
}
