import fc from 'fast-check';
import type { FakeClock } from '../ports/fake-clock';
import type { LockManager } from './lock-manager';

/**
 * A randomised workload for property tests: actors acquire, hold (sometimes
 * past their TTL), renew, release, and get killed, all on a fake clock.
 * Each actor records when it BELIEVED it held a resource: from the moment its
 * acquire resolved until it released, was killed, or its known expiry passed.
 * Mutual exclusion means those beliefs never overlap on one resource.
 */

export interface Round {
  resource: string;
  priority: number;
  ttlMs: number;
  holdMs: number;
  waitMs: number;
  /** Renew this far into the hold (may be after expiry: then it must fail). */
  renewAfterMs: number | null;
  pauseMs: number;
}

export interface Scenario {
  actors: Round[][];
  kills: { actor: number; atMs: number }[];
}

export interface Belief {
  resource: string;
  owner: string;
  token: number;
  start: number;
  end: number;
}

const RESOURCES = ['r0', 'r1'];

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  actors: fc.array(
    fc.array(
      fc.record({
        resource: fc.constantFrom(...RESOURCES),
        priority: fc.integer({ min: 0, max: 100 }),
        ttlMs: fc.integer({ min: 100, max: 1_000 }),
        holdMs: fc.integer({ min: 0, max: 1_500 }),
        waitMs: fc.integer({ min: 0, max: 3_000 }),
        renewAfterMs: fc.option(fc.integer({ min: 0, max: 1_200 }), { nil: null }),
        pauseMs: fc.integer({ min: 0, max: 300 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    { minLength: 2, maxLength: 6 },
  ),
  kills: fc.array(fc.record({ actor: fc.nat({ max: 5 }), atMs: fc.integer({ min: 0, max: 6_000 }) }), { maxLength: 2 }),
});

/** Long enough for every round of every actor: waits + holds + pauses are bounded above. */
const SCENARIO_HORIZON_MS = 4 * (3_000 + 1_500 + 300) + 2_000;

export async function runScenario(locks: LockManager, clock: FakeClock, scenario: Scenario): Promise<Belief[]> {
  const beliefs: Belief[] = [];
  const killed = new Set<number>();
  /** What each actor holds right now, so a kill can end its belief. */
  const holding = new Map<number, { belief: Belief; expiresAt: number }>();
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimeout(resolve, ms));
  const endBelief = (actor: number, at: number): void => {
    const h = holding.get(actor);
    if (!h) return;
    holding.delete(actor);
    h.belief.end = Math.min(at, h.expiresAt);
    beliefs.push(h.belief);
  };

  for (const k of scenario.kills) {
    clock.setTimeout(() => {
      if (k.actor >= scenario.actors.length) return;
      killed.add(k.actor);
      endBelief(k.actor, clock.now());
      locks.releaseAllForOwner(`actor-${k.actor}`);
    }, k.atMs);
  }

  const actor = async (i: number, rounds: Round[]): Promise<void> => {
    const owner = `actor-${i}`;
    for (const round of rounds) {
      await sleep(round.pauseMs);
      if (killed.has(i)) return;
      const got = await locks.acquire({ resource: round.resource, owner, priority: round.priority, ttlMs: round.ttlMs, waitMs: round.waitMs });
      if (killed.has(i) || !got.ok) continue;
      const lease = got.value;
      const entry = { belief: { resource: lease.resource, owner, token: lease.token, start: clock.now(), end: Number.NaN }, expiresAt: lease.expiresAt };
      holding.set(i, entry);
      if (round.renewAfterMs !== null && round.renewAfterMs < round.holdMs) {
        await sleep(round.renewAfterMs);
        if (killed.has(i)) return;
        const renewed = locks.renew({ resource: lease.resource, owner, token: lease.token, ttlMs: round.ttlMs });
        if (renewed.ok) entry.expiresAt = renewed.value.expiresAt;
        await sleep(round.holdMs - round.renewAfterMs);
      } else {
        await sleep(round.holdMs);
      }
      if (killed.has(i)) return;
      locks.release({ resource: lease.resource, owner, token: lease.token });
      endBelief(i, clock.now());
    }
  };

  const all = Promise.all(scenario.actors.map((rounds, i) => actor(i, rounds)));
  await clock.advanceAsync(SCENARIO_HORIZON_MS);
  await all;
  return beliefs;
}

/** Describes the first violation of exclusion or token order, or returns null. */
export function findViolation(beliefs: readonly Belief[]): string | null {
  for (const resource of RESOURCES) {
    const held = beliefs.filter((b) => b.resource === resource).sort((a, b) => a.start - b.start || a.token - b.token);
    for (let i = 1; i < held.length; i++) {
      const prev = held[i - 1];
      const cur = held[i];
      if (!prev || !cur) continue;
      if (cur.start < prev.end) return `overlap on ${resource}: ${JSON.stringify(prev)} and ${JSON.stringify(cur)}`;
      if (cur.token <= prev.token) return `token did not grow on ${resource}: ${prev.token} then ${cur.token}`;
    }
  }
  return null;
}
