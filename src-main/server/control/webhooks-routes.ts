import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { CreateWebhookTargetInput, WebhookDelivery, WebhookTarget, WebhookTargetId } from '../../../src-preload/contract/ops';
import { err, ok } from '../../../src-preload/contract/result';
import { InboundWebhookBody, WEBHOOK_MAX_BODY_BYTES } from '../../core/ops/inbound-webhooks';
import { correlationIdOf, sendError } from './api';
import type { ControlModule } from './deps';

/**
 * Webhooks. In: a Standard Webhooks-signed POST (no bearer token: the
 * signature is the credential) carrying a task submission or run request.
 * Out: targets (admin) and the record of every delivery.
 */
export const webhooksRoutes: ControlModule = (api, d) => {
  const tag = 'webhooks';
  api.describe({
    method: 'POST', url: '/api/v1/webhooks/inbound', access: 'webhook-signature', tag, body: InboundWebhookBody, successStatus: 202,
    response: z.object({ accepted: z.literal(true), messageId: z.string(), result: z.unknown() }),
    summary: `Signed task submission or run request (headers webhook-id, webhook-timestamp, webhook-signature; ±300 s; body ≤ ${WEBHOOK_MAX_BODY_BYTES} bytes; each id once)`,
  });
  void api.app.register(async (scope) => {
    // The signature covers the exact bytes: keep the body as text (also for other content types), limit its size.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_MAX_BODY_BYTES }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((e: FastifyError, req, reply) => {
      const tooLarge = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      d.metrics.webhookVerifications.inc({ outcome: tooLarge ? 'too_large' : 'bad_request' });
      d.logger.warn('webhook rejected', { reason: tooLarge ? 'too_large' : e.code ?? 'bad_request', remote: req.ip });
      return sendError(reply, tooLarge ? 413 : 400, 'bad_input', tooLarge ? `Body larger than ${WEBHOOK_MAX_BODY_BYTES} bytes.` : e.message, { reason: tooLarge ? 'too_large' : 'bad_request' });
    });
    scope.post('/api/v1/webhooks/inbound', async (req, reply) => {
      const correlationId = correlationIdOf(req, d.newId);
      void reply.header('x-correlation-id', correlationId);
      const h = req.headers;
      const pick = (k: string): string | undefined => (typeof h[k] === 'string' ? (h[k] as string) : undefined);
      const out = d.inbound.check(
        { 'webhook-id': pick('webhook-id'), 'webhook-timestamp': pick('webhook-timestamp'), 'webhook-signature': pick('webhook-signature') },
        typeof req.body === 'string' ? req.body : '',
      );
      if (!out.ok) {
        d.logger.warn('webhook rejected', { reason: out.reason, remote: req.ip, webhookId: pick('webhook-id') ?? null, correlationId });
        return sendError(reply, out.status, out.status === 401 ? 'unauthorized' : out.status === 409 ? 'conflict' : 'bad_input', out.message, { reason: out.reason });
      }
      d.logger.info('webhook accepted', { webhookId: out.messageId, type: out.body.type, correlationId });
      const r = await d.inboundRouter.dispatch(out.body, { messageId: out.messageId, correlationId });
      if (!r.ok) return sendError(reply, 422, r.error.code, r.error.message, r.error.details);
      return reply.code(202).send({ accepted: true, messageId: out.messageId, result: r.value });
    });
  });

  api.route({ method: 'GET', url: '/api/v1/webhooks/inbound-secret', access: 'admin', tag, summary: 'The secret senders sign inbound webhooks with', response: z.object({ secret: z.string() }) }, () =>
    ok({ secret: d.inbound.secret }),
  );
  api.route({ method: 'GET', url: '/api/v1/webhooks/targets', access: 'admin', tag, summary: 'Outbound webhook targets', response: z.array(WebhookTarget) }, () =>
    ok(d.repo.targets.list()),
  );
  api.route(
    { method: 'POST', url: '/api/v1/webhooks/targets', access: 'admin', tag, summary: 'Add an outbound target (its signing secret is generated)', body: CreateWebhookTargetInput, response: WebhookTarget, successStatus: 201 },
    ({ body }) => {
      const t = { id: d.newId('wht'), url: body.url, kinds: body.kinds, secret: d.newWebhookSecret(), createdAt: d.clock.now() };
      d.repo.targets.insert(t);
      return ok(t);
    },
  );
  api.route(
    { method: 'DELETE', url: '/api/v1/webhooks/targets/:id', access: 'admin', tag, summary: 'Remove an outbound target', params: z.object({ id: WebhookTargetId }), response: z.object({ id: z.string() }) },
    ({ params }) => (d.repo.targets.delete(params.id) ? ok({ id: params.id }) : err('not_found', `No webhook target ${params.id}.`)),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/webhooks/deliveries', access: 'viewer', tag, summary: 'Outbound deliveries, newest first, with attempts and last status',
      query: z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) }).strict(), response: z.array(WebhookDelivery),
    },
    ({ query }) => ok(d.repo.deliveries.list(query.limit)),
  );
};
