import { HEALTH_EVENT_TYPES } from '../../../src-preload/contract/health';
import { ok } from '../../../src-preload/contract/result';
import type { Handlers } from '../api/handlers';
import type { HealthRepo } from '../ports/health-store';
import type { SessionService } from '../sessions/session-service';
import type { HealthService } from './health-service';

type HealthChannel = 'health.overview' | 'health.samples' | 'health.act' | 'health.setMode' | 'health.events';

/** Events the recovery history and the per-session timeline show: health and recovery, plus the lifecycle around them. */
const TIMELINE_TYPES = [...HEALTH_EVENT_TYPES, 'recovery.scheduled', 'health.mode', 'session.exited', 'session.started'] as const;

/** The health channels of the contract (inputs arrive validated). */
export function createHealthHandlers(deps: { health: HealthService; repo: HealthRepo; sessions: SessionService }): Pick<Handlers, HealthChannel> {
  const { health } = deps;
  return {
    'health.overview': () => ok({ ...health.monitor.overview(), settings: health.monitor.getSettings(), sampleIntervalMs: health.config.sampleIntervalMs }),
    'health.samples': (input) => ok(deps.repo.samples({ sessionId: input.sessionId, sinceTs: input.sinceTs, limit: input.limit })),
    'health.act': (input, ctx) => health.act(input, 'person', ctx.correlationId),
    'health.setMode': (input) => ok(health.monitor.setMode(input.sessionId, input.mode)),
    'health.events': (input) => ok(deps.sessions.eventsOfType(TIMELINE_TYPES, input.sessionId, input.limit)),
  };
}
