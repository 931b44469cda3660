import { z } from 'zod';
import { LockResource, ReleaseOutcome, ResourceLockState } from '../../../src-preload/contract/locks';
import { err } from '../../../src-preload/contract/result';
import type { ControlModule } from './deps';

/** Locks: who holds what, who waits; an operator may force-release a stuck lease. */
export const locksRoutes: ControlModule = (api, d) => {
  const tag = 'locks';
  api.route(
    { method: 'GET', url: '/api/v1/locks', access: 'viewer', tag, summary: 'Leases and waiters per resource', query: z.object({ resource: LockResource.optional() }).strict(), response: z.array(ResourceLockState) },
    ({ query }) => d.locks.query(query.resource ? { resource: query.resource } : {}),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/locks/force-release', access: 'operator', tag, summary: 'Release a lease whoever holds it',
      body: z.object({ resource: LockResource, reason: z.string().trim().max(500).optional() }).strict(), response: ReleaseOutcome,
    },
    ({ body }, ctx) => {
      const state = d.locks.query({ resource: body.resource });
      if (!state.ok) return state;
      const lease = state.value[0]?.lease;
      if (!lease) return err('conflict', `Nobody holds ${body.resource}; nothing was released.`);
      const released = d.locks.release({ resource: lease.resource, owner: lease.owner, token: lease.token });
      if (released.ok) {
        d.sessions.event('lock.force_released', null, {
          resource: lease.resource, owner: lease.owner, token: lease.token, by: 'api',
          principal: ctx.principal.kind === 'ui' ? 'ui' : ctx.principal.accountId, reason: body.reason ?? null,
          handedTo: released.value.handedTo?.owner ?? null,
        }, ctx.correlationId);
      }
      return released;
    },
  );
};
