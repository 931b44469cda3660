import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { createLockManager } from './lock-manager';
import { findViolation, runScenario, scenarioArb } from './lock-simulation';
import { createMemoryLockRepo } from './memory-lock-repo';

describe('lock manager properties', () => {
  it('two holders of one resource never overlap, and tokens only grow', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (scenario, seed) => {
        const clock = createFakeClock();
        const random = fc.sample(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { seed, numRuns: 64 });
        let n = 0;
        const locks = createLockManager({ repo: createMemoryLockRepo(), clock, random: () => random[n++ % random.length] ?? 0.5 });
        try {
          const beliefs = await runScenario(locks, clock, scenario);
          expect(findViolation(beliefs)).toBeNull();
        } finally {
          locks.dispose();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the checker itself catches an overlap and a shrinking token', () => {
    const b = { resource: 'r0', owner: 'a', token: 1, start: 0, end: 10 };
    expect(findViolation([b, { ...b, owner: 'b', token: 2, start: 9 }])).toMatch(/overlap/);
    expect(findViolation([b, { ...b, owner: 'b', token: 1, start: 10, end: 12 }])).toMatch(/token/);
    expect(findViolation([b, { ...b, owner: 'b', token: 2, start: 10, end: 12 }])).toBeNull();
  });
});
