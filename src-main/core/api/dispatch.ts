import { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../src-preload/contract/channel-names';
import { invokeSchemas } from '../../../src-preload/contract/channels';
import { err, type Result } from '../../../src-preload/contract/result';
import type { Logger } from '../../lib/logger';
import type { ClientContext, Handlers } from './handlers';

const CHANNELS = new Set<string>(INVOKE_CHANNELS);
export const isInvokeChannel = (c: unknown): c is InvokeChannel => typeof c === 'string' && CHANNELS.has(c);

/**
 * The one entry for every request, from either transport: unknown channel or
 * invalid payload → bad_input and nothing runs; a handler that throws is a
 * bug → logged with its stack, answered as `internal`.
 */
export async function dispatch(
  handlers: Handlers,
  logger: Logger,
  channel: unknown,
  rawInput: unknown,
  ctx: ClientContext,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) return err('bad_input', `Unknown channel ${JSON.stringify(channel)}.`);
  const parsed = invokeSchemas[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return err('bad_input', `Invalid input for ${channel}: ${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  try {
    const handler = handlers[channel] as (input: unknown, c: ClientContext) => Result<unknown> | Promise<Result<unknown>>;
    return await handler(parsed.data, ctx);
  } catch (e) {
    logger.error('handler failed', { channel, correlationId: ctx.correlationId, err: e });
    return err('internal', `Internal error in ${channel}: ${(e as Error).message}`);
  }
}
