/**
 * Browsers cap live WebGL contexts per page (Chromium: 16, and it silently
 * kills the oldest beyond that). We stay well under: at most this many
 * terminals render with WebGL; the rest use xterm's DOM renderer.
 */
export const MAX_WEBGL_CONTEXTS = 8;

/**
 * Decides which terminals hold a WebGL context: the most recently focused or
 * shown ones. Pure bookkeeping; the caller creates and disposes the addons.
 */
export class WebglPool {
  /** Least recently used first. */
  private readonly holders: string[] = [];

  constructor(private readonly max: number = MAX_WEBGL_CONTEXTS) {}

  holds(id: string): boolean {
    return this.holders.includes(id);
  }

  get size(): number {
    return this.holders.length;
  }

  /**
   * `id` wants (or keeps) a context and becomes the most recent holder.
   * Returns the holders that must give theirs up to make room.
   */
  acquire(id: string): string[] {
    const i = this.holders.indexOf(id);
    if (i >= 0) this.holders.splice(i, 1);
    this.holders.push(id);
    return this.holders.length > this.max ? this.holders.splice(0, this.holders.length - this.max) : [];
  }

  /** Marks `id` most recent only if it already holds a context (focus of a DOM-rendered view changes nothing). */
  touch(id: string): void {
    const i = this.holders.indexOf(id);
    if (i < 0) return;
    this.holders.splice(i, 1);
    this.holders.push(id);
  }

  release(id: string): void {
    const i = this.holders.indexOf(id);
    if (i >= 0) this.holders.splice(i, 1);
  }
}
