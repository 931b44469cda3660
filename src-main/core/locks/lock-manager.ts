import type { z } from 'zod';
import {
  AcquireLockInput,
  OwnerExitInput,
  QueryLocksInput,
  ReleaseLockInput,
  RenewLockInput,
  VerifyLockInput,
  type LeaseInfo,
  type LockFailureDetails,
  type OwnerExitOutcome,
  type ReleaseOutcome,
  type ResourceLockState,
} from '../../../src-preload/contract/locks';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { Emitter, type Disposable } from '../../lib/disposable';
import { silentLogger, type Logger } from '../../lib/logger';
import type { Clock } from '../ports/clock';
import type { LeaseRow, LockRepo, LockTx } from '../ports/locks';
import * as engine from './engine';
import { createWaitQueue } from './wait-queue';
import { toLeaseInfo, toResourceState } from './views';
import { DEFAULT_LOCK_MANAGER_OPTIONS, type LockManagerOptions } from './types';

export interface LockManagerDeps {
  repo: LockRepo;
  clock: Clock;
  logger?: Logger;
  /** Jitter source; tests pass a seeded one. */
  random?: () => number;
  options?: Partial<LockManagerOptions>;
}

/** Fired after this process changed lock state (for the UI panel and event log). */
export interface LockChange {
  resources: string[];
}

/**
 * Leases on shared resources with TTL, priority, a fair queue and fencing
 * tokens. Every operation takes plain input (validated here with the
 * contract's schemas) and answers a Result, so the control API, MCP tools and
 * CLI are thin wrappers. State lives in the store; this object only holds the
 * in-process waiters' timers and promise resolvers.
 */
export interface LockManager extends Disposable {
  /** Grants at once, or queues for input.waitMs; `conflict` with a LockFailureDetails reason otherwise. */
  acquire(input: AcquireLockInput): Promise<Result<LeaseInfo>>;
  renew(input: RenewLockInput): Result<LeaseInfo>;
  release(input: ReleaseLockInput): Result<ReleaseOutcome>;
  /** Fencing check for the guarded resource: ok only for the current holder's token. */
  verify(input: VerifyLockInput): Result<LeaseInfo>;
  query(input?: QueryLocksInput): Result<ResourceLockState[]>;
  /** A session ended: cancel its waits; free its leases (policy "release") or let them expire. */
  ownerExited(input: OwnerExitInput): Result<OwnerExitOutcome>;
  releaseAllForOwner(owner: string): Result<OwnerExitOutcome>;
  /** Reclaims expired leases and abandoned waiters now; the sweep timer calls it too. */
  sweep(): Result<{ expired: number; dropped: number; granted: number }>;
  readonly onDidChange: Emitter<LockChange>['event'];
}

const conflict = (message: string, details: LockFailureDetails): Result<never> => err('conflict', message, details);

const holderDetail = (holder: LeaseRow | undefined): { holder?: LeaseInfo } =>
  holder ? { holder: toLeaseInfo(holder) } : {};

export function createLockManager(deps: LockManagerDeps): LockManager {
  const { repo, clock } = deps;
  const log = (deps.logger ?? silentLogger).child({ component: 'locks' });
  const opts: LockManagerOptions = { ...DEFAULT_LOCK_MANAGER_OPTIONS, ...deps.options };
  // Options come from the composition root, not from users: a bad one is a bug.
  if (!(opts.agingMsPerPoint > 0) || !(opts.pollMinMs > 0) || opts.pollMaxMs < opts.pollMinMs) {
    throw new Error(`bug: invalid lock manager options ${JSON.stringify(opts)}`);
  }
  if (opts.waiterStaleMs <= 2 * opts.pollMaxMs) {
    throw new Error('bug: waiterStaleMs must exceed two poll intervals, or live waiters would be dropped');
  }
  const cfg: engine.EngineConfig = { agingMsPerPoint: opts.agingMsPerPoint, waiterStaleMs: opts.waiterStaleMs };
  const changes = new Emitter<LockChange>();
  let disposed = false;

  /** Runs one engine step atomically, then wakes in-process waiters it served and reports. */
  const run = <T>(step: (tx: LockTx, now: number, fx: engine.SideEffects) => T, touched: (v: T) => string[]): Result<T> => {
    const now = clock.now();
    const fx = engine.noEffects();
    const r = repo.transact((tx) => step(tx, now, fx));
    if (!r.ok) {
      log.warn('lock store unavailable', { error: r.error.message });
      return r;
    }
    for (const l of fx.expired) log.info('lease expired', { resource: l.resource, owner: l.owner, token: l.token });
    for (const w of fx.dropped) log.debug('waiter dropped', { resource: w.resource, owner: w.owner, waiterId: w.id });
    for (const l of fx.grants) log.debug('lease handed over', { resource: l.resource, owner: l.owner, token: l.token });
    // Wake after the commit: a woken waiter's continuation may start a new transaction.
    waits.served(fx.grants);
    const resources = new Set([...touched(r.value), ...fx.expired.map((l) => l.resource), ...fx.grants.map((l) => l.resource)]);
    if (resources.size > 0) changes.fire({ resources: [...resources] });
    return r;
  };

  const waits = createWaitQueue({
    clock,
    opts,
    random: deps.random ?? Math.random,
    poll: (waiterId) => run((tx, now, fx) => engine.pollStep(tx, waiterId, now, cfg, fx), () => []),
    cancel: (waiter) => run((tx, now, fx) => engine.cancelStep(tx, waiter, now, cfg, fx), () => []),
    logger: log,
  });

  const parse = <S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> => {
    if (disposed) return err('unavailable', 'The lock manager has stopped.');
    const p = schema.safeParse(input);
    return p.success ? ok(p.data) : err('bad_input', 'Invalid lock request.', p.error.issues);
  };

  const ownerExited = (input: OwnerExitInput): Result<OwnerExitOutcome> => {
    const p = parse(OwnerExitInput, input);
    if (!p.ok) return p;
    const policy = p.value.policy ?? opts.onOwnerExit;
    const r = run(
      (tx, now, fx) => engine.ownerExitStep(tx, p.value.owner, policy, now, cfg, fx),
      (v) => [...v.released, ...v.cancelled].map((x) => x.resource),
    );
    if (!r.ok) return r;
    waits.cancelOwner(p.value.owner, (w) =>
      conflict(`The wait for ${w.resource} was cancelled: its owner exited.`, { reason: 'wait_cancelled' }),
    );
    return ok({
      released: r.value.released.map(toLeaseInfo),
      expiring: r.value.expiring.map(toLeaseInfo),
      cancelledWaits: r.value.cancelled.length,
    });
  };

  const sweep = (): Result<{ expired: number; dropped: number; granted: number }> => {
    let counts = { expired: 0, dropped: 0, granted: 0 };
    const r = run(
      (tx, now, fx) => {
        engine.sweepStep(tx, now, cfg, fx);
        counts = { expired: fx.expired.length, dropped: fx.dropped.length, granted: fx.grants.length };
      },
      () => [],
    );
    return r.ok ? ok(counts) : r;
  };
  const sweepTimer = clock.setInterval(() => {
    if (!disposed) sweep();
  }, opts.sweepIntervalMs);

  return {
    onDidChange: changes.event,

    async acquire(input) {
      const p = parse(AcquireLockInput, input);
      if (!p.ok) return p;
      const req = p.value;
      if (waits.has(req.resource, req.owner)) {
        return conflict(`${req.owner} is already waiting for ${req.resource}.`, { reason: 'already_waiting' });
      }
      const r = run((tx, now, fx) => engine.acquireStep(tx, req, now, cfg, fx), () => [req.resource]);
      if (!r.ok) return r;
      const step = r.value;
      if (step.kind === 'granted') return ok(toLeaseInfo(step.lease));
      if (step.kind === 'busy') {
        return conflict(`${req.resource} is held by ${step.holder.owner}.`, { reason: 'busy', ...holderDetail(step.holder) });
      }
      const outcome = await waits.wait({ waiterId: step.waiterId, resource: req.resource, owner: req.owner, waitMs: req.waitMs, holder: step.holder });
      return outcome.ok ? ok(toLeaseInfo(outcome.value)) : outcome;
    },

    renew(input) {
      const p = parse(RenewLockInput, input);
      if (!p.ok) return p;
      const r = run((tx, now, fx) => engine.renewStep(tx, p.value, now, cfg, fx), () => [p.value.resource]);
      if (!r.ok) return r;
      if (r.value.kind === 'renewed') return ok(toLeaseInfo(r.value.lease));
      return conflict(`The lease on ${p.value.resource} with token ${p.value.token} is no longer held.`, {
        reason: 'lease_lost',
        ...holderDetail(r.value.holder),
      });
    },

    release(input) {
      const p = parse(ReleaseLockInput, input);
      if (!p.ok) return p;
      const r = run((tx, now, fx) => engine.releaseStep(tx, p.value, now, cfg, fx), () => [p.value.resource]);
      if (!r.ok) return r;
      const v = r.value;
      if (v.kind === 'released') {
        return ok({ released: toLeaseInfo(v.released), handedTo: v.handedTo ? toLeaseInfo(v.handedTo) : null });
      }
      return conflict(`The lease on ${p.value.resource} with token ${p.value.token} had already ended.`, {
        reason: 'lease_lost',
        ...holderDetail(v.holder),
      });
    },

    verify(input) {
      const p = parse(VerifyLockInput, input);
      if (!p.ok) return p;
      const { resource, token } = p.value;
      const r = run((tx, now, fx) => engine.verifyStep(tx, resource, token, now, cfg, fx), () => []);
      if (!r.ok) return r;
      if (r.value.kind === 'current') return ok(toLeaseInfo(r.value.lease));
      return conflict(`Token ${token} is not the current holder of ${resource}.`, { reason: 'stale_token', ...holderDetail(r.value.holder) });
    },

    query(input = {}) {
      const p = parse(QueryLocksInput, input);
      if (!p.ok) return p;
      let at = 0;
      const r = run(
        (tx, now, fx) => {
          at = now;
          return engine.queryStep(tx, p.value, now, cfg, fx);
        },
        () => [],
      );
      return r.ok ? ok(r.value.map((s) => toResourceState(s, at, opts.agingMsPerPoint))) : r;
    },

    ownerExited,
    releaseAllForOwner: (owner) => ownerExited({ owner, policy: 'release' }),
    sweep,

    dispose() {
      if (disposed) return;
      disposed = true;
      sweepTimer.cancel();
      // Queue rows stay in the store on purpose: a restarted app that re-asks
      // within the stale window keeps its place (waiters survive restarts).
      waits.dispose(err('unavailable', 'The lock manager stopped while waiting.'));
      changes.dispose();
    },
  };
}
