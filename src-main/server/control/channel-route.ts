import type { InvokeChannel } from '../../../src-preload/contract/channel-names';
import type { InvokeOutput, InvokeParsed } from '../../../src-preload/contract/channels';
import type { Result } from '../../../src-preload/contract/result';
import type { ClientContext, Handlers } from '../../core/api/handlers';
import type { CallContext } from './api';

/**
 * Runs the UI's handler for `channel` on behalf of an API caller. Areas whose
 * logic already lives behind a contract channel (runs, tasks, recovery) expose
 * it over HTTP through this, so the UI and the API cannot disagree on what an
 * action does or refuses. The API has no push stream per call: its clients
 * follow /api/v1/stream instead.
 */
export function viaChannel<C extends InvokeChannel>(
  handlers: Handlers,
  channel: C,
  input: InvokeParsed<C>,
  ctx: CallContext,
): Promise<Result<InvokeOutput<C>>> {
  const client: ClientContext = { clientId: `api:${ctx.principal.kind === 'ui' ? 'ui' : ctx.principal.accountId}`, correlationId: ctx.correlationId, push: () => undefined };
  return Promise.resolve(handlers[channel](input, client));
}
