/**
 * Keeps the last `maxChars` characters of a stream in chunks, so recent output
 * is at hand (for a worker's "recent output", crash reports) without memory
 * growing with the stream. Appends are O(1) amortised; no big string concat.
 */
export class CharRingBuffer {
  private chunks: string[] = [];
  private head = 0; // index of the first live chunk (avoids shift() on every trim)
  private size = 0;

  constructor(readonly maxChars: number) {
    if (maxChars <= 0) throw new Error('CharRingBuffer needs a positive capacity');
  }

  get length(): number {
    return this.size;
  }

  push(data: string): void {
    if (data.length === 0) return;
    if (data.length >= this.maxChars) {
      this.chunks = [data.slice(data.length - this.maxChars)];
      this.head = 0;
      this.size = this.maxChars;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.maxChars) {
      const first = this.chunks[this.head]!;
      const excess = this.size - this.maxChars;
      if (first.length <= excess) {
        // Drop the reference now: a dead prefix must not keep its strings alive.
        this.chunks[this.head] = '';
        this.head++;
        this.size -= first.length;
      } else {
        this.chunks[this.head] = first.slice(excess);
        this.size -= excess;
      }
    }
    // Compact the chunk array once the dead prefix dominates (amortised O(1)).
    if (this.head > 64 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** The last n characters (all of them by default). */
  tail(n = this.size): string {
    const all = this.chunks.slice(this.head).join('');
    return n >= all.length ? all : all.slice(all.length - n);
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.size = 0;
  }
}
