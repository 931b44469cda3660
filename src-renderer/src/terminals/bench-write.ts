import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { terminalOptions } from './terminal-options';

/** A typical pane's size, so the comparison renders as much as a real view does. */
const BENCH_WIDTH_PX = 960;
const BENCH_HEIGHT_PX = 600;

/**
 * The benchmark baseline (test/bench/terminal-throughput.ts): how long xterm.js
 * alone takes to parse `chunks` in this page, with the views' options and
 * renderer, no transport in between. Returns milliseconds.
 */
export async function benchWrite(chunks: readonly string[], useWebgl: boolean): Promise<number> {
  const host = document.createElement('div');
  // Laid out and painted like a pane, but invisible and never in the way.
  host.style.cssText = `position:fixed;left:0;top:0;width:${BENCH_WIDTH_PX}px;height:${BENCH_HEIGHT_PX}px;opacity:0;pointer-events:none;z-index:-1`;
  document.body.appendChild(host);
  const term = new Terminal(terminalOptions({ cols: 120, rows: 36 }));
  try {
    const unicode = new Unicode11Addon();
    term.loadAddon(unicode);
    term.unicode.activeVersion = '11';
    term.open(host);
    if (useWebgl) {
      try {
        term.loadAddon(new WebglAddon());
      } catch {
        // Same fallback as the views: the DOM renderer.
      }
    }
    const t0 = performance.now();
    // One chunk at a time from the previous one's callback, as flow control would feed it:
    // xterm discards input once more than 50 MB wait unparsed.
    await new Promise<void>((resolve) => {
      let i = 0;
      const next = (): void => {
        const chunk = chunks[i++];
        if (chunk === undefined) resolve();
        else term.write(chunk, next);
      };
      next();
    });
    return performance.now() - t0;
  } finally {
    term.dispose();
    host.remove();
  }
}
