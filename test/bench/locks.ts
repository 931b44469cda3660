/**
 * Lock manager benchmark on a real SQLite file (WAL, BEGIN IMMEDIATE), with
 * the options the app ships. Run: npx tsx test/bench/locks.ts
 *
 * 1. Uncontended: acquire + release of one free resource, back to back.
 * 2. Contended: 50 contenders of mixed priority on 4 resources, each
 *    re-queuing the moment it releases (a lease is held for one event-loop
 *    turn), for the fairness window plus a margin, so the lowest priority's
 *    worst wait shows the aging bound at work.
 * Prints figures, then exactly one `BENCH {json}` line. Bounded: < 30 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_AGING_MS_PER_POINT, maxWaitBoundMs, overtakeWindowMs } from '../../src-main/core/locks/fairness';
import { createLockManager, type LockManager } from '../../src-main/core/locks/lock-manager';
import { systemClock } from '../../src-main/core/ports/clock';
import { openDatabase } from '../../src-main/store/database';
import { createSqliteLockRepo } from '../../src-main/store/lock-repo';

/** Enough pairs for a stable rate, capped in time for slow machines. */
const UNCONTENDED_MAX_OPS = 20_000;
const UNCONTENDED_MAX_MS = 3_000;
const CONTENDERS = 50;
const RESOURCES = 4;
/** The lowest priority can be overtaken for the whole aging window (10 s by default); run 2 s past it. */
const CONTENDED_RUN_MS = overtakeWindowMs(0, DEFAULT_AGING_MS_PER_POINT) + 2_000;
/** Leases are returned long before this; it only guards against a stuck run. */
const LEASE_TTL_MS = 5_000;
const WAIT_MS = 60_000;

/** Same mix as the fairness test: 10 at priority 0, 40 spread over 60…100. */
const priorityOf = (i: number): number => (i < 10 ? 0 : 60 + (i % 5) * 10);
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function openManager(file: string, agingMsPerPoint = DEFAULT_AGING_MS_PER_POINT): { locks: LockManager; close(): void } {
  const opened = openDatabase({ file });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const locks = createLockManager({ repo: createSqliteLockRepo(db), clock: systemClock, options: { agingMsPerPoint } });
  return {
    locks,
    close() {
      locks.dispose();
      db.close();
    },
  };
}

async function uncontended(file: string): Promise<number> {
  const { locks, close } = openManager(file);
  const start = performance.now();
  let ops = 0;
  while (ops < UNCONTENDED_MAX_OPS && performance.now() - start < UNCONTENDED_MAX_MS) {
    const got = await locks.acquire({ resource: 'bench:solo', owner: 'solo', ttlMs: LEASE_TTL_MS });
    if (!got.ok) throw new Error(got.error.message);
    const rel = locks.release({ resource: 'bench:solo', owner: 'solo', token: got.value.token });
    if (!rel.ok) throw new Error(rel.error.message);
    ops += 1;
  }
  const elapsed = performance.now() - start;
  close();
  return ops / (elapsed / 1_000);
}

interface ContendedResult {
  grants: number;
  opsPerS: number;
  waitP99Ms: number;
  lowestPriorityMaxWaitMs: number;
  starved: number;
}

async function contended(file: string, agingMsPerPoint: number, runMs: number): Promise<ContendedResult> {
  const { locks, close } = openManager(file, agingMsPerPoint);
  const waits: number[] = [];
  const grants = new Array<number>(CONTENDERS).fill(0);
  const maxWait = new Array<number>(CONTENDERS).fill(0);
  const waitingSince = new Array<number | null>(CONTENDERS).fill(null);
  let running = true;

  const contender = async (i: number): Promise<void> => {
    const resource = `bench:shared-${i % RESOURCES}`;
    const owner = `c${i}`;
    while (running) {
      const t0 = performance.now();
      waitingSince[i] = t0;
      const got = await locks.acquire({ resource, owner, priority: priorityOf(i), ttlMs: LEASE_TTL_MS, waitMs: WAIT_MS });
      waitingSince[i] = null;
      if (!got.ok) {
        if (running) throw new Error(`${got.error.code}: ${got.error.message}`);
        return; // the run ended while this one waited
      }
      const waited = performance.now() - t0;
      waits.push(waited);
      maxWait[i] = Math.max(maxWait[i] ?? 0, waited);
      grants[i] = (grants[i] ?? 0) + 1;
      await turn();
      locks.release({ resource, owner, token: got.value.token });
    }
  };

  const start = performance.now();
  const all = Promise.all(Array.from({ length: CONTENDERS }, (_, i) => contender(i)));
  await new Promise((resolve) => setTimeout(resolve, runMs));
  running = false;
  const end = performance.now();
  // A wait still running at the end counts as a wait until then.
  waitingSince.forEach((since, i) => {
    if (since !== null) maxWait[i] = Math.max(maxWait[i] ?? 0, end - since);
  });
  close();
  await all;

  const total = grants.reduce((a, b) => a + b, 0);
  const sorted = [...waits].sort((a, b) => a - b);
  const lowest = Math.min(...Array.from({ length: CONTENDERS }, (_, i) => priorityOf(i)));
  return {
    grants: total,
    opsPerS: total / ((end - start) / 1_000),
    waitP99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
    lowestPriorityMaxWaitMs: Math.max(...maxWait.filter((_, i) => priorityOf(i) === lowest)),
    starved: grants.filter((g) => g === 0).length,
  };
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'locks-bench-'));
  try {
    const solo = await uncontended(join(dir, 'solo.sqlite'));
    console.log(`uncontended acquire+release: ${round(solo, 0)} pairs/s (SQLite WAL, one BEGIN IMMEDIATE each)`);

    const c = await contended(join(dir, 'shared.sqlite'), DEFAULT_AGING_MS_PER_POINT, CONTENDED_RUN_MS);
    const bound = maxWaitBoundMs({ priority: 0, contenders: Math.ceil(CONTENDERS / RESOURCES), maxHoldMs: 0, agingMsPerPoint: DEFAULT_AGING_MS_PER_POINT });
    console.log(`contended (${CONTENDERS} contenders, ${RESOURCES} resources, ${CONTENDED_RUN_MS / 1_000} s, aging ${DEFAULT_AGING_MS_PER_POINT} ms/point):`);
    console.log(`  ${c.grants} grants, ${round(c.opsPerS, 0)} grants/s, wait p99 ${round(c.waitP99Ms)} ms`);
    console.log(`  lowest priority worst wait ${round(c.lowestPriorityMaxWaitMs)} ms (bound ≈ ${bound} ms + hand-off work), starved ${c.starved}`);

    // The same load with aging scaled to these sub-millisecond holds, for scale.
    const fast = await contended(join(dir, 'fast.sqlite'), 1, 3_000);
    console.log(`  with aging 1 ms/point (3 s): lowest priority worst wait ${round(fast.lowestPriorityMaxWaitMs)} ms, starved ${fast.starved}`);

    console.log(
      `BENCH ${JSON.stringify({
        name: 'locks',
        uncontended_ops_per_s: round(solo, 0),
        contended_ops_per_s: round(c.opsPerS, 0),
        wait_p99_ms: round(c.waitP99Ms, 2),
        lowest_priority_max_wait_ms: round(c.lowestPriorityMaxWaitMs, 1),
        starved: c.starved,
      })}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
