/** The safety judge's public surface (DESIGN.md §5). */
export type { ApprovalRequest, ApprovalMode, PolicyDecision, BuiltinFinding, BuiltinRisk, Decision, DecisionSource, PolicyPlatform } from './types';
export { APPROVAL_MODES } from './types';
export type { LoadedPolicy, CompiledRule, PolicyWarning, JudgeConfig } from './policy-model';
export { loadPolicy, MAX_POLICY_BYTES, type PolicyLoadError, type PolicyIssue } from './load-policy';
export { createPolicyStore, emptyPolicy, EMPTY_POLICY_TEXT, type PolicyStore } from './policy-store';
export { evaluate } from './evaluate';
export { decide, consultJudge, judgeInput, parseJudgeAnswer, JUDGE_PROTOCOL, type RunJudge, type JudgeContext } from './judge';
export { BUILTINS, BUILTIN_ENTRIES, DEFAULT_PROTECTED_BRANCHES, checkBuiltins, type BuiltinId, type BuiltinEntry } from './builtin-deny';
export { analyseCommand, type CommandAnalysis, type SimpleCommand } from './command-analysis';
export { policyDecisionEventData, POLICY_DECISION_EVENT, type PolicyDecisionEventData } from './decision-event';
