import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeaseInfo } from '../../src-preload/contract/locks';
import { createLockManager, type LockManager } from '../../src-main/core/locks/lock-manager';
import { systemClock } from '../../src-main/core/ports/clock';
import { openDatabase, type Db } from '../../src-main/store/database';
import { createSqliteLockRepo } from '../../src-main/store/lock-repo';

/**
 * Lock safety across processes sharing one data folder: SQLite (BEGIN
 * IMMEDIATE) is the only coordination between them. Every wait below is on
 * a condition (a line printed, a process exited, a promise settled).
 */
const CONTENDER = resolve(__dirname, '..', 'fixtures', 'locks', 'contender.ts');
/** Cold start of a tsx child on a loaded 2-core machine. */
const CHILD_START_MS = 15_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempStore(): { dir: string; file: string; db: Db; locks: LockManager } {
  const dir = mkdtempSync(join(tmpdir(), 'locks-mp-'));
  const file = join(dir, 'store.sqlite');
  const opened = openDatabase({ file });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const locks = createLockManager({ repo: createSqliteLockRepo(db), clock: systemClock, options: { pollMaxMs: 50 } });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => db.close());
  cleanups.push(() => locks.dispose());
  return { dir, file, db, locks };
}

interface Child {
  proc: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves with the first stdout line starting with `prefix`. */
  line(prefix: string): Promise<string>;
}

function startChild(options: Record<string, unknown>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CONTENDER, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.push(() => proc.kill('SIGKILL'));
  let out = '';
  let errText = '';
  const waiters: { prefix: string; resolve(line: string): void }[] = [];
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  proc.stderr?.on('data', (d: Buffer) => (errText += d.toString('utf8')));
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (const w of [...waiters]) {
      const found = out.split('\n').find((l) => l.startsWith(w.prefix));
      if (found !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  return {
    proc,
    exited,
    line: (prefix) =>
      new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`child never printed ${prefix}; stderr:\n${errText}`)), CHILD_START_MS);
        waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), res(l)) });
        void exited.then((code) => rej(new Error(`child exited (${code}) before ${prefix}; stderr:\n${errText}`)));
      }),
  };
}

const heldLease = async (child: Child): Promise<LeaseInfo> => JSON.parse((await child.line('HELD ')).slice(5)) as LeaseInfo;

describe('locks across processes', () => {
  it('two processes contending on one store never overlap and never lose an update', async () => {
    const { dir, file, locks } = tempStore();
    const counterFile = join(dir, 'counter.txt');
    const logFile = join(dir, 'log.txt');
    writeFileSync(counterFile, '0');
    writeFileSync(logFile, '');
    const ITERATIONS = 25;
    const children = ['p1', 'p2'].map((owner) =>
      startChild({ mode: 'loop', file, resource: 'counter', owner, ttlMs: 10_000, iterations: ITERATIONS, counterFile, logFile, peers: 2 }),
    );
    await Promise.all(children.map((c) => c.line('READY')));
    for (const c of children) c.proc.stdin?.write('GO\n');
    await Promise.all(children.map((c) => c.line('DONE')));
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);

    expect(Number(readFileSync(counterFile, 'utf8'))).toBe(2 * ITERATIONS);
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => l.split(' '));
    expect(lines).toHaveLength(4 * ITERATIONS);
    let lastToken = 0;
    for (let i = 0; i < lines.length; i += 2) {
      const [enterKind, enterOwner, enterToken] = lines[i] ?? [];
      const [exitKind, exitOwner, exitToken] = lines[i + 1] ?? [];
      // Strictly enter/exit pairs by the same holder: nobody entered while another was inside.
      expect([enterKind, exitKind, exitOwner, exitToken]).toEqual(['enter', 'exit', enterOwner, enterToken]);
      expect(Number(enterToken)).toBeGreaterThan(lastToken);
      lastToken = Number(enterToken);
    }
    // They really contended: each holder keeps its lease until the other is
    // queued, so (once both have started) every release hands the lease across.
    const switches = lines.filter((l, i) => i > 0 && l[0] === 'enter' && l[1] !== lines[i - 1]?.[1]).length;
    expect(switches).toBeGreaterThanOrEqual(ITERATIONS);
    expect(locks.query({ resource: 'counter' })).toMatchObject({ ok: true, value: [{ lease: null, waiters: [], nextToken: lastToken + 1 }] });
  });

  it('a holder killed mid-lease: its lease expires and the waiter in another process gets a higher token', async () => {
    const { file, locks } = tempStore();
    const child = startChild({ mode: 'hold', file, resource: 'testdb', owner: 's_child', ttlMs: 1_500 });
    const held = await heldLease(child);
    const waiting = locks.acquire({ resource: 'testdb', owner: 's_parent', waitMs: 20_000 });
    child.proc.kill('SIGKILL');
    await child.exited;
    const got = await waiting;
    expect(got).toMatchObject({ ok: true, value: { owner: 's_parent' } });
    if (!got.ok) return;
    expect(got.value.token).toBeGreaterThan(held.token);
    expect(got.value.acquiredAt).toBeGreaterThanOrEqual(held.expiresAt);
  });

  it('a killed holder whose session reports the exit is released at once (policy "release")', async () => {
    const { file, locks } = tempStore();
    const child = startChild({ mode: 'hold', file, resource: 'port:5173', owner: 's_child', ttlMs: 600_000 });
    const held = await heldLease(child);
    const waiting = locks.acquire({ resource: 'port:5173', owner: 's_parent', waitMs: 20_000 });
    child.proc.kill('SIGKILL');
    await child.exited;
    // What the session layer does when it sees its pty exit.
    expect(locks.releaseAllForOwner('s_child')).toMatchObject({ ok: true, value: { released: [{ token: held.token }] } });
    const got = await waiting;
    expect(got).toMatchObject({ ok: true, value: { owner: 's_parent', token: held.token + 1 } });
    if (got.ok) expect(got.value.acquiredAt).toBeLessThan(held.expiresAt);
  });
});
