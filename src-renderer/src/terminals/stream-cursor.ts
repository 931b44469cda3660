import type { TerminalData } from '../../../src-preload/contract/channels';

/**
 * What a terminal view does with one `terminal.data` push.
 * - write: feed `data` to xterm (possibly a suffix of the push), then ack `ackChars`.
 * - reset-write: the session restarted (new epoch): reset xterm first, then write.
 * - drop: already covered by the snapshot or from an older process; ack at once.
 * - gap: output is missing (should not happen): the view must re-attach.
 *
 * Every push is acknowledged in full, written or dropped: the core counted
 * all of it as sent to this view, and flow control only drains on acks.
 */
export type CursorAction =
  | { readonly kind: 'write'; readonly data: string; readonly ackChars: number }
  | { readonly kind: 'reset-write'; readonly data: string; readonly ackChars: number }
  | { readonly kind: 'drop'; readonly ackChars: number }
  | { readonly kind: 'gap'; readonly ackChars: number; readonly expected: number; readonly got: number };

type Phase =
  | { readonly name: 'attaching'; readonly pending: TerminalData[] }
  | { readonly name: 'streaming'; epoch: number; nextOffset: number };

/**
 * The offset/epoch bookkeeping of one attached view (DESIGN.md §3), kept pure
 * so every ordering the transport can produce is unit-tested. Pushes that
 * arrive before the attach answer are buffered; the core pauses the pty
 * while they stay unacknowledged, so the buffer is bounded by the high
 * watermark.
 */
export class StreamCursor {
  private phase: Phase = { name: 'attaching', pending: [] };

  get attached(): boolean {
    return this.phase.name === 'streaming';
  }

  /** Position the next push should start at, or null while attaching. */
  position(): { epoch: number; nextOffset: number } | null {
    return this.phase.name === 'streaming' ? { epoch: this.phase.epoch, nextOffset: this.phase.nextOffset } : null;
  }

  /** An attach request is about to be sent: buffer everything until its answer. */
  beginAttach(): void {
    this.phase = { name: 'attaching', pending: [] };
  }

  /** Chars buffered while attaching (to ack if the attach is abandoned). */
  pendingChars(): number {
    return this.phase.name === 'attaching' ? this.phase.pending.reduce((n, m) => n + m.data.length, 0) : 0;
  }

  /**
   * The attach answer arrived: the snapshot covers the stream of `epoch` up to
   * `offset`. Returns the actions for the pushes buffered meanwhile.
   */
  attachedAt(epoch: number, offset: number): CursorAction[] {
    const pending = this.phase.name === 'attaching' ? this.phase.pending : [];
    this.phase = { name: 'streaming', epoch, nextOffset: offset };
    return pending.map((m) => this.step(m));
  }

  /** A push arrived. While attaching it is buffered and no action is returned. */
  push(msg: TerminalData): CursorAction | null {
    if (this.phase.name === 'attaching') {
      this.phase.pending.push(msg);
      return null;
    }
    return this.step(msg);
  }

  private step(msg: TerminalData): CursorAction {
    const s = this.phase;
    if (s.name !== 'streaming') throw new Error('StreamCursor.step while attaching'); // a bug in this class
    const len = msg.data.length;
    if (msg.epoch < s.epoch) return { kind: 'drop', ackChars: len };
    if (msg.epoch > s.epoch) {
      // A new process: its offsets restart at 0 and the old screen is gone.
      s.epoch = msg.epoch;
      s.nextOffset = msg.offset + len;
      return { kind: 'reset-write', data: msg.data, ackChars: len };
    }
    const end = msg.offset + len;
    if (end <= s.nextOffset) return { kind: 'drop', ackChars: len };
    if (msg.offset > s.nextOffset) {
      const expected = s.nextOffset;
      s.nextOffset = end;
      return { kind: 'gap', ackChars: len, expected, got: msg.offset };
    }
    const data = msg.offset < s.nextOffset ? msg.data.slice(s.nextOffset - msg.offset) : msg.data;
    s.nextOffset = end;
    return { kind: 'write', data, ackChars: len };
  }
}
