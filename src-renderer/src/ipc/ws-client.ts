import type { WsClientFrame, WsServerFrame } from '../../../src-preload/contract/api';
import type { InvokeChannel, PushChannel } from '../../../src-preload/contract/channel-names';
import type { InvokeInput, InvokeOutput, PushPayload } from '../../../src-preload/contract/channels';
import { WS_RECEIPT_EVERY_CHARS } from '../../../src-preload/contract/flow';
import { err, type Result } from '../../../src-preload/contract/result';
import { reconnectDelayMs } from './backoff';
import type { ConnectionInfo, RendererApi } from './renderer-api';

/** The server closes with this code when the token is wrong (src-main/server/web-host.ts). */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/** A request with no answer by then is reported as unavailable (attach of a flooded session can take seconds). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The parts of a browser WebSocket the client uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export interface WsClientDeps {
  url: string;
  createSocket(url: string): SocketLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
  requestTimeoutMs?: number;
}

const SOCKET_OPEN = 1;

interface Pending {
  resolve(r: Result<unknown>): void;
  timer: unknown;
  channel: string;
}

/**
 * Browser mode's transport: the contract as JSON frames over one WebSocket
 * (DESIGN.md §2). Requests are answered by id; pushes fan out to listeners.
 * A lost connection is retried with backoff and announced through
 * onReconnect, because the server forgets a client's attachments when its
 * socket closes. Requests never queue while disconnected: a keystroke sent
 * seconds late into an agent is worse than one that is visibly refused.
 */
export class WsClient implements RendererApi {
  readonly host = 'browser' as const;
  private socket: SocketLike | null = null;
  private info: ConnectionInfo = { state: 'connecting', attempt: 0, retryAt: null };
  private everOpened = false;
  private disposed = false;
  private nextId = 1;
  private retryTimer: unknown = null;
  private readonly pending = new Map<number, Pending>();
  private readonly pushListeners = new Map<PushChannel, Set<(payload: never) => void>>();
  private readonly connectionListeners = new Set<(info: ConnectionInfo) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  /** Chars of frames taken off the current socket, and the total last reported (receipts pace the core: flow.ts). */
  private receivedChars = 0;
  private reportedChars = 0;

  constructor(private readonly deps: WsClientDeps) {}

  start(): void {
    this.connect();
  }

  connection(): ConnectionInfo {
    return this.info;
  }

  onConnection(listener: (info: ConnectionInfo) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  on<C extends PushChannel>(channel: C, handler: (payload: PushPayload<C>) => void): () => void {
    let set = this.pushListeners.get(channel);
    if (!set) this.pushListeners.set(channel, (set = new Set()));
    const h = handler as (payload: never) => void;
    set.add(h);
    return () => set.delete(h);
  }

  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
    const socket = this.socket;
    if (this.info.state !== 'open' || !socket || socket.readyState !== SOCKET_OPEN) {
      return Promise.resolve(err('unavailable', 'Not connected to Dual Orchestrator; reconnecting…'));
    }
    const id = this.nextId++;
    const frame: WsClientFrame = { kind: 'req', id, channel, input };
    return new Promise<Result<InvokeOutput<C>>>((resolve) => {
      const timeoutMs = this.deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
      const timer = this.deps.setTimeout(() => {
        this.pending.delete(id);
        resolve(err('unavailable', `No answer from Dual Orchestrator within ${timeoutMs / 1000} s (${channel}).`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer, channel });
      socket.send(JSON.stringify(frame));
    });
  }

  retryNow(): void {
    if (this.info.state !== 'reconnecting' || this.disposed) return;
    if (this.retryTimer !== null) this.deps.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer !== null) this.deps.clearTimeout(this.retryTimer);
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, 'page closed');
    }
    this.failPending('The page is closing.');
  }

  private setInfo(info: ConnectionInfo): void {
    this.info = info;
    for (const l of [...this.connectionListeners]) l(info);
  }

  private connect(): void {
    const socket = this.deps.createSocket(this.deps.url);
    this.socket = socket;
    this.receivedChars = 0;
    this.reportedChars = 0;
    socket.onopen = () => {
      const wasReconnect = this.everOpened;
      this.everOpened = true;
      this.setInfo({ state: 'open', attempt: 0, retryAt: null });
      if (wasReconnect) for (const l of [...this.reconnectListeners]) l();
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    // Errors are always followed by close; close decides what happens next.
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending('The connection to Dual Orchestrator was lost.');
      if (this.disposed) return;
      if (ev.code === WS_CLOSE_UNAUTHORIZED) {
        this.setInfo({ state: 'unauthorized', attempt: 0, retryAt: null });
        return;
      }
      const attempt = this.info.attempt + 1;
      const delay = reconnectDelayMs(attempt, this.deps.random);
      this.setInfo({ state: this.everOpened ? 'reconnecting' : 'connecting', attempt, retryAt: this.deps.now() + delay });
      this.retryTimer = this.deps.setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
    };
  }

  private receive(raw: unknown): void {
    const text = String(raw);
    this.acknowledgeReceipt(text.length);
    let frame: WsServerFrame;
    try {
      frame = JSON.parse(text) as WsServerFrame;
    } catch {
      console.error('dual-orchestrator: a frame from the server is not JSON; ignored');
      return;
    }
    if (frame.kind === 'res') {
      const p = this.pending.get(frame.id);
      if (!p) return; // answered after its timeout: the caller already got `unavailable`
      this.pending.delete(frame.id);
      this.deps.clearTimeout(p.timer);
      p.resolve(frame.result);
      return;
    }
    if (frame.kind === 'push') {
      const set = this.pushListeners.get(frame.channel);
      if (!set) return;
      for (const h of [...set]) {
        try {
          h(frame.payload as never);
        } catch (e) {
          // One broken listener must not starve the others (e.g. every terminal of a failing pane).
          console.error('dual-orchestrator: push listener failed', frame.channel, e);
        }
      }
    }
  }

  /**
   * Tells the core what has been taken off the socket, so it keeps only a
   * little in flight and a quiet terminal's echo never queues behind a flood
   * (src-main/server/ws-send-queue.ts). Reported before the frame is handled:
   * the next frames travel while this one is parsed.
   */
  private acknowledgeReceipt(chars: number): void {
    this.receivedChars += chars;
    if (this.receivedChars - this.reportedChars < WS_RECEIPT_EVERY_CHARS) return;
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return;
    this.reportedChars = this.receivedChars;
    const frame: WsClientFrame = { kind: 'rcv', total: this.receivedChars };
    socket.send(JSON.stringify(frame));
  }

  private failPending(message: string): void {
    for (const [id, p] of this.pending) {
      this.deps.clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve(err('unavailable', `${message} (${p.channel})`));
    }
  }
}
