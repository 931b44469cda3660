import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScreenRuleSets, SCREEN_AGENTS } from './rule-sets';
import { BUILT_IN_RULES_DIR, builtInRuleSets } from './test-support';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the built-in folder the test may break. */
function copyOfRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'screen-rules-'));
  temps.push(dir);
  cpSync(BUILT_IN_RULES_DIR, dir, { recursive: true });
  return dir;
}

describe('loadScreenRuleSets', () => {
  const sets = builtInRuleSets();

  it.each(SCREEN_AGENTS.filter((a) => a !== 'generic'))('%s: its own rules, then the generic ones', (agent) => {
    const set = sets.forAgent(agent);
    expect(set.agent).toBe(agent);
    expect(set.files).toEqual([`${agent}.yaml`, 'generic.yaml']);
    const firstGeneric = set.rules.findIndex((r) => r.id.startsWith('generic.'));
    expect(firstGeneric).toBeGreaterThan(0);
    expect(set.rules.slice(0, firstGeneric).every((r) => r.id.startsWith(`${agent}.`))).toBe(true);
    expect(set.rules.slice(firstGeneric).every((r) => r.id.startsWith('generic.'))).toBe(true);
  });

  it('any other agent id (shell, custom) gets the generic rules alone', () => {
    for (const id of ['generic', 'shell', 'custom']) {
      const set = sets.forAgent(id);
      expect(set.agent).toBe('generic');
      expect(set.files).toEqual(['generic.yaml']);
    }
  });

  it('a missing file is an error naming it', () => {
    const dir = copyOfRules();
    unlinkSync(join(dir, 'gemini.yaml'));
    const loaded = loadScreenRuleSets(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('gemini.yaml') });
  });

  it('a broken file fails the load with its file, line and reason', () => {
    const dir = copyOfRules();
    const file = join(dir, 'codex.yaml');
    const text = readFileSync(file, 'utf8').replace("      - '^› [1-9]\\. \\S'", () => "      - '^› [1-9\\. \\S'");
    writeFileSync(file, text);
    const loaded = loadScreenRuleSets(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      const line = text.split('\n').findIndex((l) => l.includes("'^› [1-9\\. \\S'")) + 1;
      expect(loaded.error.message).toMatch(new RegExp(`^codex\\.yaml:${line}:\\d+: bad regex`));
    }
  });

  it('a file for the wrong agent is refused', () => {
    const dir = copyOfRules();
    const file = join(dir, 'aider.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('agent: aider', 'agent: other').replaceAll('id: aider.', 'id: other.'));
    const loaded = loadScreenRuleSets(dir);
    expect(!loaded.ok && loaded.error.message).toBe('aider.yaml: says agent "other", expected "aider"');
  });
});
