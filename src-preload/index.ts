import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PreloadBridge } from './contract/api';
import { INVOKE_CHANNELS, PUSH_CHANNELS, type InvokeChannel, type PushChannel } from './contract/channel-names';

/**
 * The bridge (DESIGN.md §1–2): window.api has one function per invoke
 * channel and on() for push channels. No logic: the main process validates
 * every input (zod) and checks the sender; this file only names the wires.
 * Runs sandboxed, bundled as one CommonJS file that requires only electron.
 */
const invoke = Object.fromEntries(
  INVOKE_CHANNELS.map((channel) => [channel, (input: unknown): Promise<unknown> => ipcRenderer.invoke(channel, input)]),
) as Record<InvokeChannel, (input: unknown) => Promise<unknown>>;

const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

const bridge: PreloadBridge = {
  invoke: Object.freeze(invoke),
  on(channel: PushChannel, handler: (payload: unknown) => void): () => void {
    if (!pushChannels.has(channel)) throw new Error(`Unknown push channel ${String(channel)}`);
    // The IpcRendererEvent (with its sender) never reaches the page: only the payload does.
    const listener = (_event: IpcRendererEvent, payload: unknown): void => handler(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(bridge));
