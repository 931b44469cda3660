import type { PreloadBridge } from '../../../src-preload/contract/api';
import type { InvokeChannel, PushChannel } from '../../../src-preload/contract/channel-names';
import type { InvokeInput, InvokeOutput, PushPayload } from '../../../src-preload/contract/channels';
import { err, type Result } from '../../../src-preload/contract/result';
import type { ConnectionInfo, RendererApi } from './renderer-api';

const OPEN: ConnectionInfo = { state: 'open', attempt: 0, retryAt: null };

/**
 * The desktop transport: the preload bridge's one-function-per-channel over
 * Electron IPC. The main process lives as long as the window, so the
 * connection is always open and never reconnects.
 */
export function createElectronApi(bridge: PreloadBridge): RendererApi {
  return {
    host: 'desktop',
    invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
      return (bridge.invoke[channel](input) as Promise<Result<InvokeOutput<C>>>).catch((e: unknown) =>
        // ipcRenderer.invoke rejects only when the main side has no handler or crashed: report, don't throw.
        err('unavailable', `The app core did not answer ${channel}: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
    on<C extends PushChannel>(channel: C, handler: (payload: PushPayload<C>) => void): () => void {
      return bridge.on(channel, handler as (payload: unknown) => void);
    },
    connection: () => OPEN,
    onConnection: () => () => undefined,
    onReconnect: () => () => undefined,
    retryNow: () => undefined,
    dispose: () => undefined,
  };
}
