/**
 * Diagnostic (not a benchmark): the echo-latency scenario with a page-side
 * timeline of every hop for the slowest keystrokes: input frame sent, echo
 * frame received, parsed; flood frames and animation frames in between.
 * Usage: npx tsx test/bench/diag/echo-timeline.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createShell, openBrowserBench } from '../support/browser';
import { percentile, round } from '../support/lib';

const INIT = `(() => {
  const T = (window.__tl = { origin: performance.timeOrigin, msgs: [], sends: [], frames: [], longtasks: [] });
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (ev) => {
        const s = String(ev.data);
        const t = performance.now();
        const m = /"sessionId":"([^"]+)"/.exec(s);
        if (s.indexOf('terminal.data') >= 0) T.msgs.push([t, s.length, m ? m[1] : '']);
      });
    }
    send(d) {
      const s = String(d);
      const m = /"channel":"([^"]+)"/.exec(s);
      T.sends.push([performance.now(), m ? m[1] : '', s.length]);
      return super.send(d);
    }
  };
  const loop = () => { T.frames.push(performance.now()); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) T.longtasks.push([e.startTime, e.duration]); }).observe({ entryTypes: ['longtask'] }); } catch {}
})();`;

async function main(): Promise<void> {
  const b = await openBrowserBench(undefined, process.env.PROF ? { NODE_OPTIONS: `--import ${join(__dirname, 'prof-hook.mjs')}`, PROF_START_MS: '12000', PROF_MS: '8000' } : {});
  await b.page.addInitScript(INIT);
  await b.page.reload();
  await b.page.waitForFunction(() => (window as unknown as { __dualOrch?: unknown }).__dualOrch !== undefined);
  try {
    const target = await createShell(b, 'typist');
    for (let i = 0; i < 4; i++) {
      const id = await createShell(b, `flood-${i}`);
      await b.api.request('terminal.input', { sessionId: id, data: `yes "$(printf '\\033[3${(i % 6) + 1}mflood ${i} %.0s\\033[0m' {1..12})"\r` });
    }
    await new Promise((r) => setTimeout(r, 2_000));
    await b.page.evaluate(`(() => { const T = window.__tl; for (const k of ['msgs','sends','frames','longtasks']) T[k].length = 0; })()`);
    const samples = (await b.page.evaluate(`(async () => {
      const sid = ${JSON.stringify(target)};
      const d = window.__dualOrch; const term = d.terminal(sid); const out = [];
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      for (let i = 0; i < 300; i++) {
        const ch = letters[i % 26];
        const t0 = performance.now();
        await new Promise((resolve) => {
          const off = d.onParsed((id) => { if (id !== sid) return; off(); out.push([t0, performance.now()]); resolve(); });
          term.input(ch, true);
        });
        if (i % 40 === 39) term.input('\\x15', true);
        await new Promise((r) => setTimeout(r, 60 * (0.5 + Math.random())));
      }
      return out;
    })()`)) as [number, number][];
    const lat = samples.map(([a, z]) => z - a);
    console.log(`p50 ${round(percentile(lat, 50))} p90 ${round(percentile(lat, 90))} p99 ${round(percentile(lat, 99))} max ${round(Math.max(...lat))}`);
    const tl = (await b.page.evaluate('window.__tl')) as { origin: number; msgs: [number, number, string][]; sends: [number, string, number][]; frames: number[]; longtasks: [number, number][] };
    writeFileSync('/tmp/echo-tl.json', JSON.stringify({ tl, samples, target }));
    // Breakdown: t0 → input frame sent → echo frame received → parsed.
    const parts: { send: number; net: number; parse: number; total: number; i: number }[] = [];
    samples.forEach(([t0, t1], i) => {
      const send = tl.sends.find((s) => s[0] >= t0 && s[1] === 'terminal.input');
      const msg = tl.msgs.find((m) => m[0] >= (send?.[0] ?? t0) && m[2] === target);
      if (!send || !msg) return;
      parts.push({ i, send: send[0] - t0, net: msg[0] - send[0], parse: t1 - msg[0], total: t1 - t0 });
    });
    const q = (k: 'send' | 'net' | 'parse', p: number) => round(percentile(parts.map((x) => x[k]), p));
    console.log(`input→sent p50 ${q('send', 50)} p99 ${q('send', 99)}; sent→echo frame p50 ${q('net', 50)} p99 ${q('net', 99)}; frame→parsed p50 ${q('parse', 50)} p99 ${q('parse', 99)}`);
    const slow = [...parts].sort((x, y) => y.total - x.total).slice(0, 6);
    for (const s of slow) {
      const [t0, t1] = samples[s.i]!;
      console.log(`-- slow #${s.i}: total ${round(s.total)} send ${round(s.send)} net ${round(s.net)} parse ${round(s.parse)}`);
      const floodMsgs = tl.msgs.filter((m) => m[0] >= t0 && m[0] <= t1 && m[2] !== target);
      const frames = tl.frames.filter((f) => f >= t0 && f <= t1).map((f) => round(f - t0, 1));
      const lts = tl.longtasks.filter((l) => l[0] + l[1] >= t0 && l[0] <= t1).map((l) => `${round(l[0] - t0, 1)}+${round(l[1], 1)}`);
      console.log(`   flood frames in between: ${floodMsgs.length} (${round(floodMsgs.reduce((n, m) => n + m[1], 0) / 1000)} K chars); frames at ${frames.join(',')}; longtasks ${lts.join(' ')}`);
    }
  } finally {
    await b.close();
  }
}
void main().catch((e: unknown) => { console.error(e); process.exit(1); });
