import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScreenRuleSets, type ScreenRuleSets } from './rule-sets';
import type { ScreenSnapshot } from './types';

/**
 * Test helpers: the built-in rules and the recorded screens.
 *
 * test/fixtures/screens/<agent>-<case>.txt hold one visible screen each, a row per line,
 * as HeadlessScreen.visibleLines() returns it. The files do not record the cursor; a
 * prompt's cursor sits at the end of its last non-empty row, which is the default here.
 */

export const BUILT_IN_RULES_DIR = fileURLToPath(new URL('../../../../resources/screen-rules/', import.meta.url));
export const SCREEN_FIXTURES_DIR = fileURLToPath(new URL('../../../../test/fixtures/screens/', import.meta.url));

/** The built-in rule sets; a broken file fails the test with its line and reason. */
export function builtInRuleSets(): ScreenRuleSets {
  const loaded = loadScreenRuleSets(BUILT_IN_RULES_DIR);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

export function snapshotFromText(text: string, opts: { cols?: number; cursor?: { x: number; y: number } } = {}): ScreenSnapshot {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  let last = lines.length - 1;
  while (last > 0 && lines[last] === '') last--;
  const cursor = opts.cursor ?? { x: [...(lines[last] ?? '')].length, y: Math.max(0, last) };
  const cols = opts.cols ?? Math.max(80, ...lines.map((l) => [...l].length));
  return { lines, cursor, cols, rows: lines.length };
}

export function loadScreenFixture(name: string, opts: { cursor?: { x: number; y: number } } = {}): ScreenSnapshot {
  return snapshotFromText(readFileSync(join(SCREEN_FIXTURES_DIR, `${name}.txt`), 'utf8'), opts);
}
