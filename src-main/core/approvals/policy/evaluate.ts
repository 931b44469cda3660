import { checkBuiltins } from './builtin-deny';
import type { CompiledRule, LoadedPolicy } from './policy-model';
import { requestFacts, type RequestFacts } from './request-facts';
import { matchUnits, ruleMatches, type MatchUnit } from './rule-match';
import type { ApprovalMode, ApprovalRequest, BuiltinFinding, BuiltinRisk, Decision, PolicyDecision } from './types';

/**
 * The deterministic safety judge (DESIGN.md §5). Order:
 *
 * 1. manual mode: the person answers everything. Builtin findings do not
 *    auto-deny here (the person chose to be in control, and an automatic "No"
 *    cannot be taken back), but they are returned as `risk` so the UI can
 *    flag the prompt and refuse one-key approval.
 * 2. builtin deny → deny. No rule, default or judge can change that.
 * 3. policy rules, first match wins, per simple command; the strictest part
 *    decides (deny > ask > allow); no match → defaults.unknown.
 * 4. builtin ask (unknown targets, unreadable commands) turns allow into ask.
 * 5. judge mode: an 'ask' with no builtin risk may go to the model judge
 *    (judge.ts), unless the deciding rule says use_judge: false.
 */
export function evaluate(policy: LoadedPolicy, mode: ApprovalMode, request: ApprovalRequest): PolicyDecision {
  return evaluateFacts(policy, mode, requestFacts(request));
}

export function evaluateFacts(policy: LoadedPolicy, mode: ApprovalMode, facts: RequestFacts): PolicyDecision {
  const findings = checkBuiltins(facts, policy.protectedBranches);
  const firstDeny = findings.find((f) => f.severity === 'deny');
  const firstAsk = findings.find((f) => f.severity === 'ask');
  const risk: BuiltinRisk | undefined = firstDeny !== undefined ? 'builtin_deny' : firstAsk !== undefined ? 'builtin_ask' : undefined;
  const flagged = { findings, ...(risk === undefined ? {} : { risk }) };

  if (mode === 'manual') {
    const top = firstDeny ?? firstAsk;
    return {
      decision: 'ask',
      source: 'mode',
      ruleId: null,
      reason: top === undefined ? 'Manual mode: every prompt goes to the person.' : `Manual mode: the person decides. Warning: ${top.reason} (${top.matched})`,
      ...(top === undefined ? {} : { matched: top.id }),
      ...flagged,
      judgeEligible: false,
    };
  }
  if (firstDeny !== undefined) return fromFinding('deny', firstDeny, flagged);

  const ruled = applyRules(policy, facts);
  if (ruled.decision === 'deny') return { ...ruled.result, ...flagged, judgeEligible: false };
  if (firstAsk !== undefined) return fromFinding('ask', firstAsk, flagged);
  const judgeEligible = mode === 'judge' && ruled.decision === 'ask' && ruled.useJudge && policy.judge !== null;
  return { ...ruled.result, findings, judgeEligible };
}

function fromFinding(decision: Decision, f: BuiltinFinding, flagged: Pick<PolicyDecision, 'findings' | 'risk'>): PolicyDecision {
  return { decision, source: 'builtin', ruleId: f.id, reason: f.reason, matched: f.matched, ...flagged, judgeEligible: false };
}

export interface Verdict {
  readonly unit: MatchUnit;
  readonly rule: CompiledRule | null;
  readonly decision: Decision;
}

type RulesView = Pick<LoadedPolicy, 'rules' | 'defaults'>;

/** What the rules alone (no builtins) say about each part of the request. */
export function ruleVerdicts(policy: RulesView, facts: RequestFacts): Verdict[] {
  return matchUnits(facts).map((unit) => {
    const rule = policy.rules.find((r) => ruleMatches(r, unit, facts.ws)) ?? null;
    return { unit, rule, decision: rule?.decision ?? policy.defaults.unknown };
  });
}

function applyRules(policy: RulesView, facts: RequestFacts): { decision: Decision; useJudge: boolean; result: PolicyDecision } {
  const unknown = policy.defaults.unknown;
  const verdicts = ruleVerdicts(policy, facts);
  if (verdicts.length === 0) {
    const reason = 'The command is empty: there is nothing a rule could allow.';
    return { decision: unknown, useJudge: true, result: { decision: unknown, source: 'default', ruleId: null, reason, matched: facts.request.command ?? '' } };
  }
  const compound = verdicts.length > 1;
  const pick = verdicts.find((v) => v.decision === 'deny') ?? verdicts.find((v) => v.decision === 'ask');
  if (pick !== undefined) {
    const useJudge = verdicts.filter((v) => v.decision === 'ask').every((v) => v.rule?.useJudge ?? true);
    return { decision: pick.decision, useJudge, result: describeVerdict(pick, compound, unknown) };
  }
  const ids = [...new Set(verdicts.map((v) => v.rule!.id))];
  const reason =
    ids.length === 1
      ? ruleReason(verdicts[0]!.rule!, compound ? 'every part' : verdicts[0]!.unit.display)
      : `Every part is allowed: ${verdicts.map((v) => `"${v.unit.display}" by rule "${v.rule!.id}"`).join(', ')}.`;
  return {
    decision: 'allow',
    useJudge: false,
    result: { decision: 'allow', source: 'policy', ruleId: ids[0]!, reason, matched: verdicts.map((v) => v.unit.display).join(' ; ') },
  };
}

function describeVerdict(v: Verdict, compound: boolean, unknown: 'ask' | 'deny'): PolicyDecision {
  if (v.rule === null) {
    const then = unknown === 'ask' ? 'so the person decides' : 'and the policy refuses unknown actions';
    return { decision: v.decision, source: 'default', ruleId: null, reason: `No rule matches "${v.unit.display}", ${then}.`, matched: v.unit.display };
  }
  return { decision: v.decision, source: 'policy', ruleId: v.rule.id, reason: ruleReason(v.rule, compound ? `"${v.unit.display}"` : v.unit.display), matched: v.unit.display };
}

function ruleReason(rule: CompiledRule, what: string): string {
  const verb = rule.decision === 'allow' ? 'allows' : rule.decision === 'deny' ? 'denies' : 'asks the person about';
  const base = `Rule "${rule.id}" (line ${rule.line}) ${verb} ${what}.`;
  return rule.reason === null ? base : `${rule.reason} (${base})`;
}
