import { ok } from '../../../src-preload/contract/result';
import type { Handlers, OpsChannel } from '../api/handlers';
import type { SessionService } from '../sessions/session-service';
import type { AccountService } from './accounts';
import type { StreamHub } from './stream-hub';

/**
 * The settings view's channels. The renderer is the person at the app (its
 * WebSocket already carries the UI token), so it acts as admin; every change
 * is an event with the client that made it.
 */
export function createOpsHandlers(d: { accounts: AccountService; stream: StreamHub; sessions: Pick<SessionService, 'event'> }): Pick<Handlers, OpsChannel> {
  return {
    'ops.accounts.list': () => ok(d.accounts.list()),
    'ops.accounts.create': async (input, ctx) => {
      const r = await d.accounts.create(input);
      if (r.ok) d.sessions.event('account.created', null, { accountId: r.value.account.id, name: input.name, role: input.role, by: 'ui', clientId: ctx.clientId }, ctx.correlationId);
      return r;
    },
    'ops.accounts.revoke': (input, ctx) => {
      const r = d.accounts.revoke(input.accountId);
      if (r.ok) d.sessions.event('account.revoked', null, { accountId: input.accountId, by: 'ui', clientId: ctx.clientId }, ctx.correlationId);
      return r;
    },
    'ops.streamClients': () => ok(d.stream.list()),
  };
}
