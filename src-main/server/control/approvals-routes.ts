import { z } from 'zod';
import { ApprovalDecision, ApprovalId, ApprovalInfo } from '../../../src-preload/contract/approvals';
import { ok } from '../../../src-preload/contract/result';
import { SessionId } from '../../../src-preload/contract/session';
import type { ControlModule } from './deps';

/** Approvals: the pending inbox, decisions, recent history. */
export const approvalsRoutes: ControlModule = (api, d) => {
  const tag = 'approvals';
  api.route({ method: 'GET', url: '/api/v1/approvals', access: 'viewer', tag, summary: 'Prompts waiting for a decision', response: z.array(ApprovalInfo) }, () =>
    ok(d.approvals.list()),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/approvals/history', access: 'viewer', tag, summary: 'Recent decisions, newest first',
      query: z.object({ sessionId: SessionId.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(200) }).strict(),
      response: z.array(ApprovalInfo),
    },
    ({ query }) => ok(d.approvals.history({ limit: query.limit, ...(query.sessionId ? { sessionId: query.sessionId } : {}) })),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/approvals/:id/decision', access: 'operator', tag, summary: 'Approve or deny a pending prompt',
      params: z.object({ id: ApprovalId }), body: z.object({ decision: ApprovalDecision }).strict(), response: ApprovalInfo,
    },
    async ({ params, body }, ctx) => {
      const r = await d.approvals.decide(params.id, body.decision);
      if (r.ok) d.sessions.event('api.approval_decided', r.value.sessionId, { approvalId: params.id, decision: body.decision, principal: ctx.principal.kind === 'ui' ? 'ui' : ctx.principal.accountId }, ctx.correlationId);
      return r;
    },
  );
};
