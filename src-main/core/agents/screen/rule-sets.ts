import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../../src-preload/contract/result';
import { parseRuleSet } from './rule-schema';
import type { RuleSet } from './rule-types';

/**
 * The built-in rule files, one per agent CLI (resources/screen-rules/<agent>.yaml). Every
 * agent's set ends with the generic rules, so a plain `[y/N]` or an unknown question is
 * still seen when the agent's own rules do not know it.
 */

export const SCREEN_AGENTS = ['claude', 'codex', 'gemini', 'aider', 'demo', 'generic'] as const;
export type ScreenAgent = (typeof SCREEN_AGENTS)[number];

export interface ScreenRuleSets {
  /** The agent's rules followed by the generic ones; any other id (shell, custom) gets the generic rules. */
  forAgent(agent: string): RuleSet;
}

/**
 * Loads and checks every built-in file from `folder` (the composition root passes the
 * resources path). One broken file fails the whole load with its line and reason: the
 * built-in rules ship together and are tested together.
 */
export function loadScreenRuleSets(folder: string): Result<ScreenRuleSets> {
  const sets = new Map<ScreenAgent, RuleSet>();
  for (const agent of SCREEN_AGENTS) {
    const fileName = `${agent}.yaml`;
    let text: string;
    try {
      text = readFileSync(join(folder, fileName), 'utf8');
    } catch (e) {
      return err('not_found', `screen rules ${fileName} could not be read from ${folder}: ${(e as Error).message}`);
    }
    const parsed = parseRuleSet(text, fileName);
    if (!parsed.ok) return parsed;
    if (parsed.value.agent !== agent) {
      return err('bad_input', `${fileName}: says agent "${parsed.value.agent}", expected "${agent}"`);
    }
    sets.set(agent, parsed.value);
  }
  const generic = sets.get('generic')!;
  const combined = new Map<string, RuleSet>();
  for (const [agent, set] of sets) combined.set(agent, agent === 'generic' ? set : withFallback(set, generic));
  return ok({ forAgent: (agent) => combined.get(agent) ?? generic });
}

/** The agent's rules first, then the fallback's; versions stay per rule for the debug view. */
export function withFallback(agentSet: RuleSet, fallback: RuleSet): RuleSet {
  return {
    ...agentSet,
    files: [...agentSet.files, ...fallback.files],
    rules: [...agentSet.rules, ...fallback.rules],
  };
}
