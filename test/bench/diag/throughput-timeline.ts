/**
 * Diagnostic (not a benchmark): runs the terminal-throughput scenario with a
 * smaller file and records a page-side timeline of every hop: WebSocket
 * message arrivals, acks sent, xterm parse callbacks, animation frames.
 * Usage: npx tsx test/bench/diag/throughput-timeline.ts [MB]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createShell, openBrowserBench } from '../support/browser';
import { round } from '../support/lib';
import { writeContentFile } from '../support/content';

const MB = Number(process.argv[2] ?? 16);


const INIT = `(() => {
  const T = (window.__tl = { origin: performance.timeOrigin, msgs: [], sends: [], frames: [], parsed: [], longtasks: [] });
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (ev) => {
        const s = String(ev.data);
        if (s.indexOf('terminal.data') >= 0) T.msgs.push([performance.now(), s.length]);
      });
    }
    send(d) {
      const s = String(d);
      if (s.indexOf('terminal.ack') >= 0) T.sends.push([performance.now(), Number(/"chars":(\\d+)/.exec(s)?.[1] ?? 0)]);
      return super.send(d);
    }
  };
  const loop = () => { T.frames.push(performance.now()); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) T.longtasks.push([e.startTime, e.duration]); }).observe({ entryTypes: ['longtask'] }); } catch {}
})();`;

async function main(): Promise<void> {
  const { bytes, file, expectedChars } = writeContentFile(MB * 1024 * 1024, 'dorch-tl-');
  const b = await openBrowserBench({ width: 1400, height: 900 }, process.env.PROF ? { NODE_OPTIONS: `--import ${join(__dirname, 'prof-hook.mjs')}`, PROF_START_MS: '6000', PROF_MS: '4000' } : {});
  await b.page.addInitScript(INIT);
  await b.page.reload();
  await b.page.waitForFunction(() => (window as unknown as { __dualOrch?: unknown }).__dualOrch !== undefined);
  try {
    const sid = await createShell(b, 'cat');
    await b.page.evaluate((id) => {
      const w = window as unknown as { __tl: { parsed: [number, number][]; t0?: number }; __dualOrch: { onParsed(l: (id: string, n: number) => void): () => void } };
      w.__dualOrch.onParsed((sessionId, n) => {
        if (sessionId === id) w.__tl.parsed.push([performance.now(), n]);
      });
      const tl = w.__tl as unknown as Record<string, unknown[]>;
      for (const k of ['msgs', 'sends', 'frames', 'longtasks']) tl[k]!.length = 0;
    }, sid);
    const t0 = Date.now();
    await b.api.request('terminal.input', { sessionId: sid, data: `cat '${file}'\r` });
    if (process.env.JSPROF) {
      const cdp = await b.page.context().newCDPSession(b.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await new Promise((r) => setTimeout(r, 1000));
      await cdp.send('Profiler.start');
      await new Promise((r) => setTimeout(r, 3000));
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync('/tmp/page.cpuprofile', JSON.stringify(profile));
    }
    if (process.env.CTRACE) {
      await new Promise((r) => setTimeout(r, 1500));
      await b.browser.startTracing(b.page, { path: '/tmp/chrome-trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute', 'toplevel', 'benchmark', 'disabled-by-default-devtools.timeline.frame'] });
      await new Promise((r) => setTimeout(r, 1000));
      await b.browser.stopTracing();
    }
    await b.page.waitForFunction(
      ({ target }) => (window as unknown as { __tl: { parsed: [number, number][] } }).__tl.parsed.reduce((n, p) => n + p[1], 0) >= target,
      { target: expectedChars - 10_000 },
      { timeout: 600_000, polling: 200 },
    );
    const secs = (Date.now() - t0) / 1000;
    console.log(`app path: ${MB} MB in ${round(secs)} s = ${round(bytes / 1048576 / secs)} MB/s`);
    const tl = await b.page.evaluate(() => (window as unknown as { __tl: unknown }).__tl) as {
      msgs: [number, number][]; sends: [number, number][]; frames: number[]; parsed: [number, number][]; longtasks: [number, number][];
    };
    const start = tl.msgs[0]?.[0] ?? 0;
    const end = tl.parsed[tl.parsed.length - 1]?.[0] ?? start;
    const dur = (end - start) / 1000;
    const sum = (a: [number, number][]) => a.reduce((n, x) => n + x[1], 0);
    console.log(`msgs ${tl.msgs.length} avg ${round(sum(tl.msgs) / tl.msgs.length / 1000)}K chars; acks ${tl.sends.length}; parse callbacks ${tl.parsed.length}; frames ${tl.frames.length} (${round(tl.frames.length / dur)} fps)`);
    const lt = tl.longtasks.reduce((n, x) => n + x[1], 0);
    console.log(`longtasks ${tl.longtasks.length} total ${round(lt)} ms = ${round((lt / 1000 / dur) * 100)} % of ${round(dur)} s`);
    // Per-second windows.
    const buckets = Math.ceil(dur);
    const rows: string[] = [];
    for (let s = 0; s < buckets; s++) {
      const a = start + s * 1000, z = a + 1000;
      const inW = (t: number) => t >= a && t < z;
      const m = tl.msgs.filter((x) => inW(x[0]));
      const p = tl.parsed.filter((x) => inW(x[0]));
      const f = tl.frames.filter(inW).length;
      const l = tl.longtasks.filter((x) => inW(x[0])).reduce((n, x) => n + x[1], 0);
      rows.push(`${s}s: recv ${round(sum(m) / 1e6)} Mc in ${m.length} msgs, parsed ${round(sum(p) / 1e6)} Mc, frames ${f}, longtask ${round(l)} ms`);
    }
    console.log(rows.join('\n'));
    // Gaps: ack sent → next message arrival.
    const gaps: number[] = [];
    let mi = 0;
    for (const [t] of tl.sends) {
      while (mi < tl.msgs.length && tl.msgs[mi]![0] <= t) mi++;
      if (mi < tl.msgs.length) gaps.push(tl.msgs[mi]![0] - t);
    }
    gaps.sort((x, y) => x - y);
    const q = (p: number) => round(gaps[Math.floor((gaps.length - 1) * p)] ?? NaN);
    console.log(`ack → next msg: p10 ${q(0.1)} p50 ${q(0.5)} p90 ${q(0.9)} ms`);
    // Message arrival → its parse callback (approx: nth msg vs nth parse).
    const lat: number[] = [];
    for (let i = 0; i < Math.min(tl.msgs.length, tl.parsed.length); i++) lat.push(tl.parsed[i]![0] - tl.msgs[i]![0]);
    lat.sort((x, y) => x - y);
    const ql = (p: number) => round(lat[Math.floor((lat.length - 1) * p)] ?? NaN);
    console.log(`msg → parsed: p10 ${ql(0.1)} p50 ${ql(0.5)} p90 ${ql(0.9)} ms`);
    writeFileSync('/tmp/tl.json', JSON.stringify(tl));
  } finally {
    await b.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
