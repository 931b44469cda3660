import type { Result } from '../../../src-preload/contract/result';
import { ok } from '../../../src-preload/contract/result';
import type { InboundWebhookBody } from '../../core/ops/inbound-webhooks';

export type InboundHandler = (data: Record<string, unknown>, meta: { messageId: string; correlationId: string }) => Result<unknown> | Promise<Result<unknown>>;

/**
 * Where a verified inbound webhook goes, by its `type`. Until orchestration
 * registers `task.submit` / `run.request` handlers, the request is recorded as
 * a `webhook.received` event and acknowledged (202) so nothing is lost.
 */
export class InboundRouter {
  private readonly handlers = new Map<InboundWebhookBody['type'], InboundHandler>();

  constructor(private readonly record: (type: string, data: unknown, correlationId: string) => void) {}

  handle(type: InboundWebhookBody['type'], handler: InboundHandler): void {
    this.handlers.set(type, handler);
  }

  async dispatch(body: InboundWebhookBody, meta: { messageId: string; correlationId: string }): Promise<Result<unknown>> {
    this.record('webhook.received', { type: body.type, messageId: meta.messageId, handled: this.handlers.has(body.type), data: body.data }, meta.correlationId);
    const h = this.handlers.get(body.type);
    return h ? h(body.data, meta) : ok({ queued: false, recorded: true });
  }
}
