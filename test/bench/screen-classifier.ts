/**
 * Screen classifier cost: the classifier runs on every screen change of every session, so
 * its time per screen bounds how many busy sessions one core can watch.
 * Run: npx tsx test/bench/screen-classifier.ts
 *
 * 1. Every recorded screen (test/fixtures/screens) with its agent's rules.
 * 2. Worst cases: a 200-row screen of output no rule matches (every rule scans its whole
 *    region and fails), and a 150-row Claude edit prompt with a long diff.
 * Prints per-screen microseconds and how many screen changes per second 16 sessions could
 * each have on one core, then exactly one `BENCH {json}` line. Bounded: < 10 s.
 */
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { classifyScreen } from '../../src-main/core/agents/screen/classifier';
import { builtInRuleSets, loadScreenFixture, SCREEN_FIXTURES_DIR, snapshotFromText } from '../../src-main/core/agents/screen/test-support';
import type { ScreenSnapshot } from '../../src-main/core/agents/screen/types';
import { printBench, round } from './support/lib';

/** Time spent per case: long enough for a stable rate, short enough for the whole run. */
const CASE_MS = 250;
const SESSIONS = 16;

const rules = builtInRuleSets();

function measure(agent: string, screen: ScreenSnapshot): number {
  const set = rules.forAgent(agent);
  for (let i = 0; i < 200; i++) classifyScreen(set, screen); // warm up the JIT
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < CASE_MS) {
    for (let i = 0; i < 50; i++) classifyScreen(set, screen);
    runs += 50;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / runs;
}

const cases: { name: string; agent: string; screen: ScreenSnapshot }[] = readdirSync(SCREEN_FIXTURES_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const name = f.slice(0, -'.txt'.length);
    return { name, agent: name.split('-')[0]!, screen: loadScreenFixture(name) };
  });

const noise = Array.from({ length: 200 }, (_, i) => `  ${i.toString().padStart(4)} │ compiling module ${i} of 200 · ${'#'.repeat(i % 60)}`);
cases.push({ name: 'worst: 200 rows nothing matches (claude)', agent: 'claude', screen: snapshotFromText(noise.join('\n'), { cols: 120 }) });
const edit = loadScreenFixture('claude-edit-permission');
const at = edit.lines.findIndex((l) => l.startsWith(' 1  Hello'));
const diff = Array.from({ length: 110 }, (_, i) => ` ${i + 1} +const value${i} = compute(${i});`);
const tallEdit = [...edit.lines.slice(0, at), ...diff, ...edit.lines.slice(at + 3)];
cases.push({ name: 'worst: 150-row edit prompt (claude)', agent: 'claude', screen: { ...edit, lines: tallEdit, rows: tallEdit.length } });

const results = cases.map((c) => ({ ...c, us: measure(c.agent, c.screen), state: classifyScreen(rules.forAgent(c.agent), c.screen).state }));
for (const r of results) console.log(`${r.name.padEnd(46)} ${r.state.padEnd(18)} ${round(r.us, 1).toString().padStart(8)} µs`);

const worstUs = Math.max(...results.map((r) => r.us));
const meanUs = results.reduce((a, r) => a + r.us, 0) / results.length;
console.log(`\nmean ${round(meanUs, 1)} µs, worst ${round(worstUs, 1)} µs per screen`);
console.log(`${SESSIONS} sessions on one core at the worst case: ${Math.floor(1e6 / worstUs / SESSIONS)} screen changes per second each`);
printBench({
  name: 'screen-classifier',
  screens: results.length,
  meanUs: round(meanUs, 1),
  worstUs: round(worstUs, 1),
  changesPerSecPerSessionAt16: Math.floor(1e6 / worstUs / SESSIONS),
});
