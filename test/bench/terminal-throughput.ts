/**
 * terminal-throughput: one session `cat`s a 64 MB file of mixed text and
 * escape codes; MB/s from the pty to parsed-in-the-browser xterm, and in the
 * same page xterm.js's own parse rate for the same bytes written directly
 * (issue 2). Target: ratio ≥ 0.8.
 */
import { createShell, openBrowserBench, xtermAloneMs } from './support/browser';
import { writeContentFile } from './support/content';
import { printBench, round } from './support/lib';

const TOTAL_BYTES = 64 * 1024 * 1024;


async function main(): Promise<void> {
  const { content, bytes, file, expectedChars } = writeContentFile(TOTAL_BYTES, 'dorch-tp-');

  const b = await openBrowserBench({ width: 1400, height: 900 });
  try {
    const sid = await createShell(b, 'cat');
    await b.page.evaluate((id) => {
      const w = window as unknown as { __tp: { chars: number; done?: number; start?: number }; __dualOrch: { onParsed(l: (id: string, n: number) => void): () => void } };
      w.__tp = { chars: 0 };
      w.__dualOrch.onParsed((sessionId, n) => {
        if (sessionId === id) w.__tp.chars += n;
      });
    }, sid);
    const baseline = await b.page.evaluate(() => (window as unknown as { __tp: { chars: number } }).__tp.chars);
    const t0 = Date.now();
    await b.api.request('terminal.input', { sessionId: sid, data: `cat '${file}'\r` });
    await b.page.waitForFunction(
      ({ target }) => (window as unknown as { __tp: { chars: number } }).__tp.chars >= target,
      { target: baseline + expectedChars },
      { timeout: 600_000, polling: 50 },
    );
    const appSecs = (Date.now() - t0) / 1000;
    const mbPerS = bytes / (1024 * 1024) / appSecs;
    console.log(`app path: ${round(bytes / 1048576)} MB in ${round(appSecs)} s = ${round(mbPerS)} MB/s (pty → core → WebSocket → xterm parsed)`);

    // xterm.js alone, same page, same terminal options and renderer, same bytes.
    const directMs = await xtermAloneMs(b, content);
    const xtermOnly = bytes / (1024 * 1024) / (directMs / 1000);
    const ratio = mbPerS / xtermOnly;
    console.log(`xterm.js alone: ${round(xtermOnly)} MB/s; ratio ${round(ratio, 3)} (target ≥ 0.8)`);
    printBench({ name: 'terminal-throughput', mb: round(bytes / 1048576), mb_per_s: round(mbPerS), xterm_only_mb_per_s: round(xtermOnly), ratio_to_xterm: round(ratio, 3) });
  } finally {
    await b.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
