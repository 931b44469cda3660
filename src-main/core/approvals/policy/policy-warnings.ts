import { BUILTIN_ENTRIES, checkBuiltins, exampleRequest, type BuiltinExample } from './builtin-deny';
import type { LoadedPolicy, PolicyWarning } from './policy-model';
import { requestFacts, toolKind, type RequestFacts } from './request-facts';
import type { ApprovalRequest } from './types';
import { ruleVerdicts } from './evaluate';
import { matchUnits, ruleMatches, type MatchUnit } from './rule-match';

/**
 * Warnings for a policy that loaded but does not do what its author may
 * think. Chiefly: an allow rule that would let through something on the
 * built-in list. Such a rule keeps working for everything else; for the
 * builtin it has no effect, and the settings view shows why.
 */

type PolicyBase = Omit<LoadedPolicy, 'warnings'>;

export function policyWarnings(policy: PolicyBase): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  // Analysing a canary is the expensive part; rules share agents and tools, so each is analysed once.
  const cache = new Map<string, { facts: RequestFacts; ids: ReadonlySet<string>; units: readonly MatchUnit[] }>();
  const analysed = (req: ApprovalRequest) => {
    const key = JSON.stringify(req);
    let hit = cache.get(key);
    if (hit === undefined) {
      const facts = requestFacts(req);
      hit = { facts, ids: new Set(checkBuiltins(facts, policy.protectedBranches).map((f) => f.id)), units: matchUnits(facts) };
      cache.set(key, hit);
    }
    return hit;
  };
  for (const rule of policy.rules) {
    const warn = (message: string): void => {
      warnings.push({ line: rule.line, ruleId: rule.id, message });
    };
    if (rule.decision === 'allow' && rule.agents === null && rule.tools === null && rule.command === null && rule.paths === null) {
      warn(`rule "${rule.id}" allows every request the built-in list does not stop`);
    }
    if (rule.decision !== 'ask' && !rule.useJudge) warn(`rule "${rule.id}": use_judge only matters for ask rules`);
    if (rule.decision !== 'allow') continue;
    for (const entry of BUILTIN_ENTRIES) {
      if (entry.canary === false) continue;
      // Would the rules (this one taking part) allow the example if the builtin list did not exist?
      const example = entry.examples.find((ex) =>
        canaries(rule, ex).some((req) => {
          const { facts, ids, units } = analysed(req);
          if (!ids.has(entry.id) || !units.some((u) => ruleMatches(rule, u, facts.ws))) return false;
          const verdicts = ruleVerdicts(policy, facts);
          return verdicts.length > 0 && verdicts.every((v) => v.decision === 'allow') && verdicts.some((v) => v.rule === rule);
        }),
      );
      if (example !== undefined) {
        const what = example.command ?? `${example.tool ?? 'tool'} ${(example.paths ?? []).join(' ')}`;
        warn(`rule "${rule.id}" cannot weaken ${entry.id} (e.g. "${what}"): the built-in ${entry.severity} stays in force`);
      }
    }
  }
  if (policy.defaults.mode === 'judge' && policy.judge === null) {
    warnings.push({ line: 1, ruleId: null, message: 'defaults.mode is judge but no judge.command is set: every ask goes to the person' });
  }
  return warnings;
}

/** The example as this rule's agents and tools would send it (commands only through shell tools). */
function canaries(rule: PolicyBase['rules'][number], ex: BuiltinExample) {
  const agents = rule.agents ?? ['claude'];
  const natural = ex.tool ?? 'Bash';
  const tools = rule.toolNames === null ? [natural] : ex.command !== undefined ? rule.toolNames.filter((t) => toolKind(t, true) === 'shell') : rule.toolNames;
  return agents.flatMap((agent) => tools.map((tool) => ({ ...exampleRequest(ex, agent), tool })));
}
