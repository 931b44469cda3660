import type { LockFailureDetails } from '../../../src-preload/contract/locks';
import { err, type AppError, type Result } from '../../../src-preload/contract/result';
import type { Logger } from '../../lib/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { LeaseRow } from '../ports/locks';
import type { CancelStep, PollStep } from './engine';
import { pollDelayMs, type LockManagerOptions } from './types';
import { toLeaseInfo } from './views';

/**
 * The requests of THIS process that are queued in the store. Each one is
 * woken three ways: at once when a step of this process hands it the lease
 * (served), by its own re-check (poll, exponential backoff with jitter, and
 * never later than the holder's expiry, which is how another process's
 * release or a crashed holder's expiry is seen), or by its deadline.
 */
export interface WaitRequest {
  waiterId: number;
  resource: string;
  owner: string;
  waitMs: number;
  holder: LeaseRow;
}

export interface WaitQueue {
  has(resource: string, owner: string): boolean;
  wait(req: WaitRequest): Promise<Result<LeaseRow>>;
  /** Leases just handed to waiters: resolves the ones waiting here. */
  served(grants: readonly LeaseRow[]): void;
  /** Ends the waits of an owner whose queue rows were already removed. */
  cancelOwner(owner: string, why: (w: WaitRequest) => Result<never>): void;
  dispose(why: Result<never, AppError>): void;
}

interface Pending {
  req: WaitRequest;
  deadline: number;
  attempt: number;
  pollTimer: TimerHandle | null;
  deadlineTimer: TimerHandle | null;
  resolve(r: Result<LeaseRow>): void;
}

export interface WaitQueueDeps {
  clock: Clock;
  opts: Pick<LockManagerOptions, 'pollMinMs' | 'pollMaxMs'>;
  random: () => number;
  logger: Logger;
  poll(waiterId: number): Result<PollStep>;
  cancel(waiter: { waiterId: number; resource: string }): Result<CancelStep>;
}

const conflict = (message: string, details: LockFailureDetails): Result<never> => err('conflict', message, details);

export function createWaitQueue(deps: WaitQueueDeps): WaitQueue {
  const { clock } = deps;
  const pending = new Map<number, Pending>();

  const finish = (waiterId: number, result: Result<LeaseRow>): void => {
    const p = pending.get(waiterId);
    if (!p) return; // already finished by another wake-up path
    pending.delete(waiterId);
    p.pollTimer?.cancel();
    p.deadlineTimer?.cancel();
    p.resolve(result);
  };

  const schedulePoll = (p: Pending, holder: LeaseRow | undefined): void => {
    p.pollTimer?.cancel();
    let delay = pollDelayMs(p.attempt, deps.random, deps.opts);
    if (holder) delay = Math.min(delay, Math.max(1, holder.expiresAt - clock.now()));
    p.attempt += 1;
    p.pollTimer = clock.setTimeout(() => poll(p), delay);
  };

  const poll = (p: Pending): void => {
    p.pollTimer = null;
    const id = p.req.waiterId;
    const r = deps.poll(id);
    if (!pending.has(id)) return; // served by the poll's own transaction
    if (!r.ok) {
      // Transient (store busy past its timeout): keep trying until the deadline.
      deps.logger.debug('lock poll failed; retrying', { resource: p.req.resource, error: r.error.message });
      schedulePoll(p, undefined);
      return;
    }
    const step = r.value;
    if (step.kind === 'granted') return finish(id, { ok: true, value: step.lease });
    if (step.kind === 'waiting') return schedulePoll(p, step.holder);
    // A sweep drops waiters at their deadline; that is a timeout, not a cancellation.
    if (!step.lost && clock.now() >= p.deadline) return onDeadline(p);
    finish(
      id,
      step.lost
        ? conflict(`The lease on ${p.req.resource} was granted but expired before it was noticed.`, { reason: 'lease_lost' })
        : conflict(`The wait for ${p.req.resource} was cancelled (queue place dropped).`, { reason: 'wait_cancelled' }),
    );
  };

  const onDeadline = (p: Pending): void => {
    p.deadlineTimer?.cancel();
    p.deadlineTimer = null;
    const id = p.req.waiterId;
    const r = deps.cancel(p.req);
    if (!pending.has(id)) return;
    if (!r.ok) return finish(id, r);
    if (r.value.kind === 'granted') return finish(id, { ok: true, value: r.value.lease });
    const holder = r.value.holder;
    finish(
      id,
      conflict(`Waited ${p.req.waitMs} ms for ${p.req.resource} without being served.`, {
        reason: 'wait_timeout',
        ...(holder ? { holder: toLeaseInfo(holder) } : {}),
      }),
    );
  };

  return {
    has: (resource, owner) => [...pending.values()].some((p) => p.req.resource === resource && p.req.owner === owner),

    wait(req) {
      return new Promise<Result<LeaseRow>>((resolve) => {
        const p: Pending = { req, deadline: clock.now() + req.waitMs, attempt: 0, pollTimer: null, deadlineTimer: null, resolve };
        pending.set(req.waiterId, p);
        p.deadlineTimer = clock.setTimeout(() => onDeadline(p), req.waitMs);
        schedulePoll(p, req.holder);
      });
    },

    served(grants) {
      for (const g of grants) if (g.waiterId !== null) finish(g.waiterId, { ok: true, value: g });
    },

    cancelOwner(owner, why) {
      for (const p of [...pending.values()]) if (p.req.owner === owner) finish(p.req.waiterId, why(p.req));
    },

    dispose(why) {
      for (const id of [...pending.keys()]) finish(id, why);
    },
  };
}
