import type { InvokeChannel, PushChannel } from './channel-names';
import type { InvokeInput, InvokeOutput, PushPayload } from './channels';
import type { Result } from './result';

/**
 * What the renderer sees, whichever host it runs in. Electron's preload bridge
 * and the browser's WebSocket client both implement it (src-renderer/src/ipc).
 */
export interface Api {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>;
  on<C extends PushChannel>(channel: C, handler: (payload: PushPayload<C>) => void): () => void;
}

/** The raw shape the preload exposes on window.api: one function per channel. */
export type PreloadBridge = {
  readonly invoke: { readonly [C in InvokeChannel]: (input: unknown) => Promise<unknown> };
  readonly on: (channel: PushChannel, handler: (payload: unknown) => void) => () => void;
};

/** WebSocket frames carrying the same contract in browser mode. */
export type WsClientFrame =
  | { kind: 'req'; id: number; channel: string; input: unknown }
  /**
   * Receipt: the chars of server frames (as string lengths) this client has
   * taken off the socket since it connected. A client that sends receipts is
   * paced (WS_PIPE_HIGH_CHARS in flow.ts); one that never does is sent
   * everything at once.
   */
  | { kind: 'rcv'; total: number };
export type WsServerFrame =
  | { kind: 'res'; id: number; result: Result<unknown> }
  | { kind: 'push'; channel: PushChannel; payload: unknown };
