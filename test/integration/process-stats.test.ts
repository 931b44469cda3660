import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessStats } from '../../src-main/platform/process-stats';
import type { TreeSample } from '../../src-main/core/ports/process-stats';

/** Touched pages, so the grandchild's RSS is unmistakable. */
const GRANDCHILD_ALLOC_BYTES = 64 * 1024 * 1024;
/**
 * CPU time the grandchild burns, measured by its own process.cpuUsage() so a
 * loaded build machine stretches the wall time instead of failing the test.
 */
const BURN_CPU_MS = 300;
/** Allows for tick resolution (10 ms at CLK_TCK 100) and ps/procfs rounding. */
const MIN_CPU_GROWTH_MS = 250;

const GRANDCHILD = `
globalThis.keep = Buffer.alloc(${GRANDCHILD_ALLOC_BYTES}, 1);
process.stdout.write('ready ' + process.ppid + ' ' + process.pid + '\\n');
process.stdin.on('data', (d) => {
  if (!String(d).includes('burn')) return;
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 1e5; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ${BURN_CPU_MS}) break;
  }
  process.stdout.write('burned ' + (x > 0) + '\\n');
});
process.stdin.on('end', () => process.exit(0));
`;
const ROOT = `
const { spawn } = require('node:child_process');
const g = spawn(process.execPath, ['-e', ${JSON.stringify(GRANDCHILD)}], { stdio: ['pipe', 'inherit', 'inherit'] });
process.stdin.pipe(g.stdin);
g.on('exit', (code) => process.exit(code ?? 0));
`;

interface Tree {
  root: ChildProcessWithoutNullStreams;
  grandchildPid: number;
  nextLine(prefix: string): Promise<string>;
  exited: Promise<void>;
}

async function startTree(): Promise<Tree> {
  const root = spawn(process.execPath, ['-e', ROOT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: root.stdout });
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  lines.on('line', (line) => {
    const i = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(line);
  });
  const nextLine = (prefix: string) => new Promise<string>((resolve) => waiting.push({ prefix, resolve }));
  const exited = new Promise<void>((resolve) => root.on('exit', () => resolve()));
  const ready = await nextLine('ready ');
  const [, parentPid, grandchildPid] = ready.split(' ').map(Number);
  expect(parentPid).toBe(root.pid);
  return { root, grandchildPid: grandchildPid as number, nextLine, exited };
}

describe('ProcessStats on this machine (real processes)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const tempDataDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dorch-stats-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const track = (tree: Tree) => cleanups.push(() => tree.root.kill());

  it('samples a whole tree: both pids, CPU time grows, RSS counted; a dead root is absent', async () => {
    const stats = createProcessStats({ platform: process.platform, dataDir: tempDataDir() });
    const tree = await startTree();
    track(tree);
    const rootPid = tree.root.pid as number;

    const first = await stats.sampleTrees([rootPid]);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const a = first.value.get(rootPid) as TreeSample;
    expect(a.pids[0]).toBe(rootPid);
    expect(a.pids).toContain(tree.grandchildPid);
    expect(a.rssBytes).toBeGreaterThan(GRANDCHILD_ALLOC_BYTES);

    tree.root.stdin.write('burn\n');
    await tree.nextLine('burned ');
    const second = await stats.sampleTrees([rootPid]);
    if (!second.ok) throw new Error(second.error.message);
    const b = second.value.get(rootPid) as TreeSample;
    expect(b.cpuMsTotal - a.cpuMsTotal).toBeGreaterThanOrEqual(MIN_CPU_GROWTH_MS);
    expect(b.sampledAt).toBeGreaterThanOrEqual(a.sampledAt);
    expect(b.rssBytes).toBeGreaterThan(0);

    tree.root.stdin.end();
    await tree.exited;
    const after = await stats.sampleTrees([rootPid, process.pid]);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.value.has(rootPid)).toBe(false);
    expect(after.value.has(process.pid)).toBe(true);
  });

  it('the ps path (macOS, BSDs) finds the same tree from real ps output', async () => {
    const stats = createProcessStats({ platform: 'darwin', dataDir: tempDataDir() });
    const tree = await startTree();
    track(tree);
    const rootPid = tree.root.pid as number;
    const sample = await stats.sampleTrees([rootPid, 2 ** 22 + 12345]);
    if (!sample.ok) throw new Error(sample.error.message);
    expect(sample.value.size).toBe(1);
    const t = sample.value.get(rootPid) as TreeSample;
    expect(t.pids).toEqual(expect.arrayContaining([rootPid, tree.grandchildPid]));
    expect(t.rssBytes).toBeGreaterThan(GRANDCHILD_ALLOC_BYTES);
    tree.root.stdin.end();
    await tree.exited;
  });

  it('host() returns sane numbers for the data folder, even before the folder exists', async () => {
    const stats = createProcessStats({
      platform: process.platform,
      dataDir: path.join(tempDataDir(), 'not-yet', 'created'),
    });
    const first = await stats.host();
    if (!first.ok) throw new Error(first.error.message);
    const second = await stats.host();
    if (!second.ok) throw new Error(second.error.message);
    for (const h of [first.value, second.value]) {
      for (const pct of [h.cpuPct, h.memPct, h.diskPct]) {
        expect(pct).toBeGreaterThanOrEqual(0);
        expect(pct).toBeLessThanOrEqual(100);
      }
      expect(h.memTotalBytes).toBeGreaterThan(0);
      expect(h.memUsedBytes).toBeGreaterThan(0);
      expect(h.memUsedBytes).toBeLessThanOrEqual(h.memTotalBytes);
      expect(h.diskTotalBytes).toBeGreaterThan(h.diskFreeBytes);
      expect(h.diskFreeBytes).toBeGreaterThanOrEqual(0);
      expect(h.loadAvg).toHaveLength(3);
    }
  });

  it('an empty root list costs no scan and returns an empty map', async () => {
    const stats = createProcessStats({
      platform: 'win32',
      dataDir: tempDataDir(),
      run: () => Promise.reject(new Error('must not run')),
    });
    expect(await stats.sampleTrees([])).toEqual({ ok: true, value: new Map() });
  });
});
