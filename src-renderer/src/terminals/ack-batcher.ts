import { ACK_BATCH_CHARS } from '../../../src-preload/contract/flow';

/**
 * Acknowledges parsed chars to the core in batches (DESIGN.md §3): one
 * message per ACK_BATCH_CHARS instead of one per chunk. Because the batch
 * is below the core's low watermark, what stays unacknowledged here is
 * always below it too, so a paused pty always resumes without an idle flush.
 */
export class AckBatcher {
  private owed = 0;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly batchChars: number = ACK_BATCH_CHARS,
  ) {}

  /** Chars not yet acknowledged. */
  get pending(): number {
    return this.owed;
  }

  add(chars: number): void {
    if (chars <= 0) return;
    this.owed += chars;
    if (this.owed >= this.batchChars) {
      const n = this.owed;
      this.owed = 0;
      this.send(n);
    }
  }

  /** Sends whatever is owed now (e.g. before a deliberate pause in output matters). */
  flush(): void {
    if (this.owed === 0) return;
    const n = this.owed;
    this.owed = 0;
    this.send(n);
  }

  /** A new attachment: the core starts counting from zero, so do we. */
  reset(): void {
    this.owed = 0;
  }
}
