import { z } from 'zod';
import { AcquireLockInput, LockResource, ReleaseLockInput, RenewLockInput } from '../../../src-preload/contract/locks';
import { err, type Result } from '../../../src-preload/contract/result';
import { ROLES } from '../../../src-preload/contract/session';
import type { LockManager } from '../locks/lock-manager';
import { defineTool, type AgentTool } from './registry';

/**
 * Issue 7's lock tools for agents. The owner is always the calling session
 * (agents cannot act for another one), so the contract schemas are reused
 * without `owner`, and strict: an unknown field is a mistake worth reporting.
 */
export const AgentAcquireLockInput = AcquireLockInput.omit({ owner: true }).strict();
export const AgentRenewLockInput = RenewLockInput.omit({ owner: true }).strict();
export const AgentReleaseLockInput = ReleaseLockInput.omit({ owner: true }).strict();
export const AgentQueryLocksInput = z.object({ resource: LockResource.optional() }).strict();

export interface LockToolsDeps {
  locks: Pick<LockManager, 'acquire' | 'renew' | 'release' | 'query'>;
}

export function createLockTools(deps: LockToolsDeps): AgentTool[] {
  const { locks } = deps;
  return [
    defineTool({
      name: 'lock_acquire',
      description:
        'Take a lease on a shared resource (e.g. "port:5173", "repo:/path", "npm-cache") before using it. ' +
        'Answers the lease with its fencing token; keep the token for lock_renew and lock_release. ' +
        'ttlMs (default 30000) is how long the lease lasts unless renewed; priority 0-100 (default 50); ' +
        'waitMs (default 0) is how long to wait in the fair queue when someone else holds it.',
      input: AgentAcquireLockInput,
      roles: ROLES,
      async handler(ctx, input): Promise<Result<unknown>> {
        const r = await locks.acquire({ ...input, owner: ctx.sessionId });
        if (r.ok && ctx.signal?.aborted) {
          // Nobody is left to learn the token: hand the resource on instead of blocking it for a whole TTL.
          locks.release({ resource: r.value.resource, owner: ctx.sessionId, token: r.value.token });
          return err('unavailable', 'The caller went away before the lease was granted; it was released again.');
        }
        return r;
      },
    }),
    defineTool({
      name: 'lock_renew',
      description: 'Extend a lease you hold (resource + fencing token from lock_acquire) by ttlMs (default 30000) from now. Renew well before it expires.',
      input: AgentRenewLockInput,
      roles: ROLES,
      handler: async (ctx, input) => locks.renew({ ...input, owner: ctx.sessionId }),
    }),
    defineTool({
      name: 'lock_release',
      description: 'Release a lease you hold (resource + fencing token) as soon as you are done, so waiting agents get it.',
      input: AgentReleaseLockInput,
      roles: ROLES,
      handler: async (ctx, input) => locks.release({ ...input, owner: ctx.sessionId }),
    }),
    defineTool({
      name: 'lock_query',
      description: 'Show who holds a resource and who waits for it (or every held or awaited resource when none is given).',
      input: AgentQueryLocksInput,
      roles: ROLES,
      handler: async (_ctx, input) => locks.query(input),
    }),
  ];
}
