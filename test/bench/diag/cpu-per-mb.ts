/**
 * Diagnostic (not a benchmark): CPU time per MB spent by every process on
 * the terminal-throughput path (Chromium's renderer, GPU, network and
 * browser processes; the server's main and screen-worker threads; cat),
 * against xterm.js alone in the same page. On a machine with N cores the
 * app path cannot beat N / (its CPU seconds per MB), whatever the pacing.
 * Linux only (/proc). Usage: npx tsx test/bench/diag/cpu-per-mb.ts [MB]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createShell, openBrowserBench, xtermAloneMs } from '../support/browser';
import { writeContentFile } from '../support/content';
import { round } from '../support/lib';

const MB = Number(process.argv[2] ?? 16);
const USER_HZ = 100;

/** CPU ticks per thread of the processes we care about, keyed "group/thread". */
function snap(serverPid: number, cat: string): Map<string, number> {
  const groups: [RegExp, string][] = [[/--type=renderer(?!.*extension)/, 'chromium renderer'], [/--type=gpu-process/, 'chromium gpu'], [/NetworkService/, 'chromium network'], [/chromium --show-component/, 'chromium browser'], [new RegExp(`^cat ${cat}`), 'cat']];
  const out = new Map<string, number>();
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    let cmd: string;
    try { cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { continue; }
    const g = Number(p) === serverPid ? 'server' : groups.find(([r]) => r.test(cmd))?.[1];
    if (!g) continue;
    let tasks: string[];
    try { tasks = readdirSync(`/proc/${p}/task`); } catch { continue; }
    for (const t of tasks) {
      try {
        const s = readFileSync(`/proc/${p}/task/${t}/stat`, 'utf8');
        const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        const k = `${g}/${g === 'server' ? (t === p ? 'main' : comm) : comm}`;
        out.set(k, (out.get(k) ?? 0) + Number(f[11]) + Number(f[12]) + (t === p ? 0 : 0));
      } catch { /* thread gone */ }
    }
  }
  return out;
}

function diff(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of b) { const x = v - (a.get(k) ?? 0); if (x > 0) d.set(k, x * (1000 / USER_HZ)); }
  return d;
}

async function main(): Promise<void> {
  const { content, bytes, file, expectedChars } = writeContentFile(MB * 1024 * 1024, 'dorch-cpu-');
  const b = await openBrowserBench({ width: 1400, height: 900 });
  try {
    const sid = await createShell(b, 'cat');
    await b.page.evaluate(`(() => { window.__tp = 0; window.__dualOrch.onParsed((id, n) => { if (id === ${JSON.stringify(sid)}) window.__tp += n; }); })()`);
    const serverPid = b.app.proc.pid!;
    const before = snap(serverPid, file);
    const t0 = Date.now();
    await b.api.request('terminal.input', { sessionId: sid, data: `cat '${file}'\r` });
    await b.page.waitForFunction((n) => (window as unknown as { __tp: number }).__tp >= n, expectedChars, { timeout: 600_000, polling: 100 });
    const secs = (Date.now() - t0) / 1000;
    const after = snap(serverPid, file);
    const app = diff(before, after);
    const appTotal = [...app.values()].reduce((n, v) => n + v, 0);
    console.log(`app path: ${MB} MB in ${round(secs)} s = ${round(bytes / 1048576 / secs)} MB/s; CPU ${round(appTotal / 1000)} s = ${round(appTotal / MB)} ms per MB (${round(appTotal / 1000 / secs, 2)} cores busy)`);
    const groups = new Map<string, number>();
    for (const [k, v] of app) groups.set(k.split('/')[0]!, (groups.get(k.split('/')[0]!) ?? 0) + v);
    for (const [k, v] of [...groups].sort((x, y) => y[1] - x[1])) console.log(`  ${k.padEnd(18)} ${round(v / MB).toString().padStart(7)} ms/MB`);
    for (const [k, v] of [...app].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log(`    ${k.padEnd(34)} ${round(v / MB).toString().padStart(7)} ms/MB`);

    // xterm alone, same page, same bytes.
    const b0 = snap(serverPid, file);
    const ms = await xtermAloneMs(b, content);
    const b1 = snap(serverPid, file);
    const base = diff(b0, b1);
    const baseTotal = [...base.values()].reduce((n, v) => n + v, 0);
    console.log(`xterm alone: ${round(bytes / 1048576 / (ms / 1000))} MB/s; CPU ${round(baseTotal / MB)} ms per MB`);
    for (const [k, v] of [...base].sort((x, y) => y[1] - x[1]).slice(0, 5)) console.log(`    ${k.padEnd(34)} ${round(v / MB).toString().padStart(7)} ms/MB`);
  } finally {
    await b.close();
  }
}
void main().catch((e: unknown) => { console.error(e); process.exit(1); });
