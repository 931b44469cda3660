/**
 * Diagnostic: how fast the visible view's own xterm parses (and renders) the
 * throughput bench's bytes when fed directly in chunks of various sizes, next
 * to benchWrite's hidden baseline. Tells what batching in the page can gain.
 */
import { createShell, openBrowserBench } from '../support/browser';
import { round } from '../support/lib';

async function main(): Promise<void> {
  const MB = Number(process.argv[2] ?? 8);
  const b = await openBrowserBench({ width: 1400, height: 900 });
  try {
    const sid = await createShell(b, 'view');
    const size = await b.page.evaluate((id) => {
      const t = (window as unknown as { __dualOrch: { terminal(id: string): { cols: number; rows: number } } }).__dualOrch.terminal(id);
      return `${t.cols}x${t.rows}`;
    }, sid);
    console.log('view size', size);
    // Same generator as terminal-throughput, run in the page.
    await b.page.evaluate(`(() => {
      const bytes = ${MB * 1024 * 1024};
      let seed = 0x2545f491;
      const rnd = (n) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; };
      const words = ['const', 'return', 'function', 'résumé', 'naïve', '日本語', '中文', '🚀', '✓', 'error:', 'warning', 'src/main.ts', '=>', '{', '}', '42'];
      const parts = []; let size = 0; const enc = new TextEncoder();
      while (size < bytes) {
        let line = ''; const kind = rnd(10);
        if (kind === 0) line += '\\x1b[' + (1 + rnd(40)) + ';' + (1 + rnd(100)) + 'H';
        if (kind === 1) line += '\\x1b[2K';
        const n = 3 + rnd(kind === 2 ? 60 : 14);
        for (let i = 0; i < n; i++) { const w = words[rnd(words.length)]; line += rnd(4) === 0 ? '\\x1b[' + (30 + rnd(8)) + 'm' + w + '\\x1b[0m ' : w + ' '; }
        line += '\\r\\n'; parts.push(line); size += enc.encode(line).length;
      }
      window.__content = parts.join('');
    })()`);
    for (const chunk of (process.env.CHUNKS ?? "65536,262144,1048576,4194304").split(",").map(Number)) {
      for (const where of ['view', 'bench']) {
        const ms = (await b.page.evaluate(`(async () => {
          const id = ${JSON.stringify(sid)}, chunk = ${chunk}, where = '${where}';
          const w = window; const c = w.__content; const chunks = [];
          for (let i = 0; i < c.length; i += chunk) chunks.push(c.slice(i, i + chunk));
          if (where === 'bench') return w.__dualOrch.benchWrite(chunks);
          const term = w.__dualOrch.terminal(id);
          const t0 = performance.now();
          await new Promise((resolve) => { let i = 0; const next = () => { const s = chunks[i++]; if (s === undefined) resolve(); else term.write(s, next); }; next(); });
          return performance.now() - t0;
        })()`)) as number;
        console.log(`${where} chunk ${chunk / 1024}K: ${round(MB / (ms / 1000))} MB/s`);
      }
    }
  } finally {
    await b.close();
  }
}
void main().catch((e: unknown) => { console.error(e); process.exit(1); });
