import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src-preload/contract/channel-names';
import { err } from '../../src-preload/contract/result';
import type { ClientConnection, ClientHub, PushFn } from '../core/api/client-hub';
import type { Logger } from '../lib/logger';
import { isAppUrl, type RendererLocation } from './app-url';

interface Attached {
  readonly contents: WebContents;
  /** null between a renderer crash and its next page load. */
  conn: ClientConnection | null;
}

/**
 * Electron IPC adapter of the contract (DESIGN.md §2). One ipcMain.handle
 * per invoke channel; each request is checked for its sender (the main frame
 * of one of our windows, showing our renderer) and then handed to that
 * window's ClientHub connection, which validates the input with zod and
 * answers a Result. Push channels go out with webContents.send.
 *
 * A window's connection lives as long as its page: a reload or a new page
 * load gets a fresh connection (the old view's terminal attachments are
 * released so flow control never waits on a page that is gone).
 */
export class IpcRouter {
  private readonly attached = new Map<number, Attached>();

  constructor(private readonly deps: { hub: ClientHub; location: RendererLocation; logger: Logger }) {
    for (const channel of INVOKE_CHANNELS) {
      ipcMain.handle(channel, (event, input: unknown) => this.handle(channel, event, input));
    }
  }

  /** Gives a window's web contents its own hub connection, renewed on every page load. */
  attach(contents: WebContents): void {
    const entry: Attached = { contents, conn: null };
    this.attached.set(contents.id, entry);
    const renew = (): void => {
      entry.conn?.close();
      entry.conn = this.deps.hub.connect(this.pushTo(contents), 'e');
      this.deps.logger.info('window connected', { clientId: entry.conn.clientId, webContentsId: contents.id });
    };
    renew();
    // A new document of ours is on its way (load, reload, crash recovery).
    // Navigations elsewhere are blocked by the window's guard and must not
    // cut off the page that stays; did-start-navigation fires before that
    // guard runs, hence the URL check here.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument && isAppUrl(details.url, this.deps.location)) renew();
    });
    contents.on('render-process-gone', () => {
      entry.conn?.close();
      entry.conn = null;
    });
    contents.once('destroyed', () => {
      entry.conn?.close();
      this.attached.delete(contents.id);
    });
  }

  private pushTo(contents: WebContents): PushFn {
    return (channel, payload) => {
      if (!contents.isDestroyed()) contents.send(channel, payload);
    };
  }

  private async handle(channel: InvokeChannel, event: IpcMainInvokeEvent, input: unknown): Promise<unknown> {
    const entry = this.attached.get(event.sender.id);
    const refusal = entry ? this.senderProblem(event) : 'not one of our windows';
    if (refusal !== null || !entry?.conn) {
      const reason = refusal ?? 'the page is reloading';
      this.deps.logger.warn('ipc request refused', { channel, reason, url: event.senderFrame?.url });
      return err('unauthorized', `Request on ${channel} refused: ${reason}.`);
    }
    return entry.conn.request(channel, input);
  }

  /** Why this sender may not call us, or null if it may. */
  private senderProblem(event: IpcMainInvokeEvent): string | null {
    const frame = event.senderFrame;
    if (!frame) return 'the sending frame is gone';
    const main = event.sender.mainFrame;
    if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
      return 'not sent by the main frame';
    }
    if (!isAppUrl(frame.url, this.deps.location)) return 'the sending page is not the app';
    return null;
  }

  dispose(): void {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    for (const entry of this.attached.values()) entry.conn?.close();
    this.attached.clear();
  }
}
