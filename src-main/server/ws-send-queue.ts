import type { PushChannel } from '../../src-preload/contract/channel-names';
import type { TerminalData } from '../../src-preload/contract/channels';
import type { WsServerFrame } from '../../src-preload/contract/api';
import { WS_PIPE_HIGH_CHARS } from '../../src-preload/contract/flow';

/**
 * A frame at most this long goes out at once even with the pipe full (unless
 * its own terminal has frames waiting): an echo, a prompt, a status line. It
 * then waits only behind WS_PIPE_HIGH_CHARS, never behind a whole flood.
 */
export const SMALL_FRAME_CHARS = 4_096;

/**
 * Waiting chunks of one terminal are merged into frames of at most this many
 * chars: fewer, larger frames for a flood, yet small enough that an echo
 * never waits behind more than the pipe limit plus one such frame.
 */
export const MAX_MERGED_CHARS = 65_536;

type Held = { kind: 'data'; payload: TerminalData } | { kind: 'push'; channel: PushChannel; payload: unknown };

/**
 * One browser connection's outgoing frames (DESIGN.md §3, browser mode).
 *
 * The WebSocket is one ordered stream: once a flood's output is in it, a
 * typed character's echo for another terminal waits behind all of it. So,
 * for a client that reports receipts (WsClientFrame `rcv`), no more than
 * WS_PIPE_HIGH_CHARS of frames are on their way at a time; terminal output
 * beyond that waits here, per terminal, and goes out round-robin as the page
 * takes frames in — consecutive chunks of one terminal merged into one frame.
 * A small frame of a terminal with nothing waiting passes them all.
 *
 * Order per terminal is kept (a session's other pushes wait behind its
 * waiting output); order across terminals is not, and nothing needs it:
 * every chunk carries its offset. Responses always go at once. What waits
 * is bounded by flow control: at most a window per attached terminal.
 */
export class WsSendQueue {
  private sent = 0;
  private confirmed = 0;
  private paced = false;
  private readonly held = new Map<string, Held[]>();

  constructor(private readonly write: (text: string) => void) {}

  /** Chars sent and not yet confirmed taken in by the page. */
  get inPipe(): number {
    return this.sent - this.confirmed;
  }

  /** Terminals with output waiting (diagnostics, tests). */
  get waitingSessions(): number {
    return this.held.size;
  }

  respond(frame: Extract<WsServerFrame, { kind: 'res' }>): void {
    this.send(frame);
  }

  push(channel: PushChannel, payload: unknown): void {
    const sessionId = sessionOf(payload);
    const queue = sessionId === null ? undefined : this.held.get(sessionId);
    if (queue) {
      queue.push(channel === 'terminal.data' ? { kind: 'data', payload: payload as TerminalData } : { kind: 'push', channel, payload });
      return;
    }
    if (channel !== 'terminal.data' || !this.paced || sessionId === null) {
      this.send({ kind: 'push', channel, payload });
      return;
    }
    const data = payload as TerminalData;
    if (this.inPipe < WS_PIPE_HIGH_CHARS || data.data.length <= SMALL_FRAME_CHARS) {
      this.send({ kind: 'push', channel, payload });
      return;
    }
    this.held.set(sessionId, [{ kind: 'data', payload: data }]);
  }

  /**
   * The page's receipt. Returns an error message for a total that cannot be
   * (backwards, or more than was sent); the caller logs it and nothing changes.
   */
  received(total: unknown): string | null {
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < this.confirmed || total > this.sent) {
      return `receipt total ${String(total)} is not between ${this.confirmed} and ${this.sent}`;
    }
    this.confirmed = total;
    this.paced = true;
    this.release();
    return null;
  }

  private release(): void {
    while (this.inPipe < WS_PIPE_HIGH_CHARS && this.held.size > 0) {
      // Round-robin: the terminal that has waited longest goes, then joins the back if more waits.
      const [sessionId, queue] = this.held.entries().next().value as [string, Held[]];
      this.held.delete(sessionId);
      this.sendHead(queue);
      if (queue.length > 0) this.held.set(sessionId, queue);
    }
  }

  /** Sends the queue's next frame: a run of contiguous chunks merged into one, or one other push. */
  private sendHead(queue: Held[]): void {
    const head = queue.shift()!;
    if (head.kind === 'push') {
      this.send({ kind: 'push', channel: head.channel, payload: head.payload });
      return;
    }
    const first = head.payload;
    const parts = [first.data];
    let next = first.offset + first.data.length;
    let chars = first.data.length;
    while (queue.length > 0) {
      const h = queue[0]!;
      if (h.kind !== 'data' || h.payload.epoch !== first.epoch || h.payload.offset !== next || chars + h.payload.data.length > MAX_MERGED_CHARS) break;
      queue.shift();
      parts.push(h.payload.data);
      next += h.payload.data.length;
      chars += h.payload.data.length;
    }
    const payload: TerminalData = parts.length === 1 ? first : { ...first, data: parts.join('') };
    this.send({ kind: 'push', channel: 'terminal.data', payload });
  }

  private send(frame: WsServerFrame): void {
    const text = JSON.stringify(frame);
    this.sent += text.length;
    this.write(text);
  }
}

function sessionOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const id = (payload as { sessionId?: unknown }).sessionId;
  return typeof id === 'string' ? id : null;
}
