import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { detectIssues, type DetectConfig } from './detect';
import { matchPatterns } from './patterns';
import { SessionTracker, type TickInput } from './session-tracker';

const CFG: DetectConfig = { stallMs: 5_000, floodCharsPerSec: 100_000, floodMs: 2_000, hookIssueTtlMs: 10_000, highCpuPct: 95, highCpuMs: 3_000, highRssBytes: 1e9 };

function harness() {
  const clock = createFakeClock();
  const t = new SessionTracker('s_test0001');
  let chars = 0;
  let cpuMs = 0;
  const tick = (o: Partial<TickInput> & { addChars?: number; addCpuMs?: number } = {}) => {
    chars += o.addChars ?? 0;
    cpuMs += o.addCpuMs ?? 0;
    clock.advance(1_000);
    const now = clock.now();
    return t.tick({ now, live: true, pid: 42, outputChars: chars, activity: 'idle', pendingApprovals: 0, tree: { rootPid: 42, pids: [42], cpuMsTotal: cpuMs, rssBytes: 50e6, sampledAt: now }, ...o });
  };
  const issues = (state: 'running' | 'crashed' = 'running') => detectIssues(t, { now: clock.now(), state, lastError: 'Exited with code 1', endedAt: null }, CFG).map((i) => i.kind);
  return { clock, t, tick, issues };
}

describe('session tracker and detection (fake clock)', () => {
  it('turns counters into rates: output chars/s and tree CPU %', () => {
    const h = harness();
    h.tick();
    const s = h.tick({ addChars: 3_000, addCpuMs: 250 });
    expect(s).toMatchObject({ outRate: 3_000, cpuPct: 25, rssBytes: 50e6, pendingApprovals: 0 });
  });

  it('flags a busy agent with no output for the stall limit, and not an idle one', () => {
    const h = harness();
    h.t.setActivity('busy', h.clock.now());
    h.t.output(h.clock.now());
    for (let i = 0; i < 4; i++) h.tick({ activity: 'busy' });
    expect(h.issues()).not.toContain('stalled');
    h.tick({ activity: 'busy' });
    expect(h.issues()).toContain('stalled');
    h.t.output(h.clock.now());
    expect(h.issues()).not.toContain('stalled');
    for (let i = 0; i < 10; i++) h.tick({ activity: 'idle' });
    expect(h.issues()).not.toContain('stalled');
  });

  it('flags a flood only when it lasts', () => {
    const h = harness();
    h.tick();
    h.tick({ addChars: 500_000 });
    expect(h.issues()).not.toContain('output_flood');
    h.tick({ addChars: 500_000 });
    h.tick({ addChars: 500_000 });
    expect(h.issues()).toContain('output_flood');
    h.tick({ addChars: 10 });
    expect(h.issues()).not.toContain('output_flood');
  });

  it('reports a crash, screen errors while live, and hook errors until they expire', () => {
    const h = harness();
    expect(h.issues('crashed')).toEqual(['crashed']);
    h.t.screenHits = matchPatterns('API Error: 429 rate_limit_error');
    expect(h.issues()).toEqual(['rate_limited']);
    h.t.screenHits = [];
    h.t.hookHits = matchPatterns('Invalid API key · Please run /login').map((hit) => ({ hit, at: h.clock.now() }));
    expect(h.issues()).toEqual(['auth_failed']);
    h.clock.advance(CFG.hookIssueTtlMs);
    expect(h.issues()).toEqual([]);
  });

  it('a new process starts its counters and screen findings afresh', () => {
    const h = harness();
    h.tick({ addChars: 1_000 });
    h.t.screenHits = matchPatterns('Invalid API key');
    const s = h.tick({ pid: 43, outputChars: 10 });
    expect(s.outRate).toBe(10);
    expect(s.cpuPct).toBeNull();
    expect(h.t.screenHits).toEqual([]);
  });

  it('scores a sudden output burst as an anomaly after warm-up', () => {
    const h = harness();
    for (let i = 0; i < 30; i++) h.tick({ addChars: 1_000 + (i % 3) * 50, activity: 'busy' });
    const s = h.tick({ addChars: 90_000, activity: 'busy' });
    expect(s.anomaly).toBeGreaterThan(3);
  });
});
