import type { z } from 'zod';
import type { InvokeChannel } from '../../../src-preload/contract/channel-names';
import { invokeSchemas } from '../../../src-preload/contract/channels';
import type { ServiceRole } from '../../../src-preload/contract/ops';
import type { Result } from '../../../src-preload/contract/result';
import { dispatch } from '../../core/api/dispatch';
import type { ClientContext } from '../../core/api/handlers';
import type { ControlApi } from './api';
import type { ControlDeps } from './deps';

export interface ChannelRouteSpec<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  access: ServiceRole;
  tag: string;
  summary: string;
  channel: InvokeChannel;
  params?: P;
  query?: Q;
  body?: B;
  successStatus?: number;
  /** Builds the channel's input from the parsed HTTP parts; the channel's own schema then checks it again. */
  input(parts: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }): unknown;
}

/**
 * A route that is a contract channel over HTTP: same handler, same input
 * schema (dispatch validates), the channel's output schema in OpenAPI. Areas
 * built by other features (runs, recovery) join the API this way without the
 * API importing them.
 */
export function channelRoute<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType>(
  api: ControlApi,
  deps: ControlDeps,
  spec: ChannelRouteSpec<P, Q, B>,
): void {
  const { channel, input, ...doc } = spec;
  api.route({ ...doc, response: invokeSchemas[channel].output as z.ZodType }, (parts, ctx) => {
    const client: ClientContext = {
      clientId: ctx.principal.kind === 'ui' ? 'api:ui' : `api:${ctx.principal.accountId}`,
      correlationId: ctx.correlationId,
      // HTTP callers get answers, not pushes: the live stream carries the events.
      push: () => undefined,
    };
    return dispatch(deps.handlers, deps.logger, channel, input(parts as never), client) as Promise<Result<never>>;
  });
}
