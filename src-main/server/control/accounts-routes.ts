import { z } from 'zod';
import { AccountId, AccountInfo, CreateAccountInput, CreatedAccount } from '../../../src-preload/contract/ops';
import { ok } from '../../../src-preload/contract/result';
import type { ControlModule } from './deps';

/** Service accounts (admin): list, create (the token is shown once), revoke. */
export const accountsRoutes: ControlModule = (api, d) => {
  const tag = 'accounts';
  api.route({ method: 'GET', url: '/api/v1/accounts', access: 'admin', tag, summary: 'Service accounts', response: z.array(AccountInfo) }, () => ok(d.accounts.list()));
  api.route(
    { method: 'POST', url: '/api/v1/accounts', access: 'admin', tag, summary: 'Create an account and its token (shown once)', body: CreateAccountInput, response: CreatedAccount, successStatus: 201 },
    async ({ body }, ctx) => {
      const r = await d.accounts.create(body);
      if (r.ok) d.sessions.event('account.created', null, { accountId: r.value.account.id, name: body.name, role: body.role, by: ctx.principal.kind === 'ui' ? 'ui' : ctx.principal.accountId }, ctx.correlationId);
      return r;
    },
  );
  api.route(
    { method: 'DELETE', url: '/api/v1/accounts/:id', access: 'admin', tag, summary: 'Revoke an account (its token stops working at once)', params: z.object({ id: AccountId }), response: AccountInfo },
    ({ params }, ctx) => {
      const r = d.accounts.revoke(params.id);
      if (r.ok) d.sessions.event('account.revoked', null, { accountId: params.id, by: ctx.principal.kind === 'ui' ? 'ui' : ctx.principal.accountId }, ctx.correlationId);
      return r;
    },
  );
};
