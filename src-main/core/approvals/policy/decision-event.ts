import type { LoadedPolicy } from './policy-model';
import type { ApprovalMode, ApprovalRequest, PolicyDecision } from './types';

/**
 * The payload of the event every policy decision is recorded as (MISSION.md:
 * "Every decision, who made it and why, is recorded"). The approvals service
 * appends it with its own envelope (seq, ts, session, correlation id).
 */

export const POLICY_DECISION_EVENT = 'approval.policy_decision';

export interface PolicyDecisionEventData {
  /** The prompt as the person saw it (screen excerpt or hook payload summary). */
  readonly prompt: string;
  readonly request: ApprovalRequest;
  readonly mode: ApprovalMode;
  readonly decision: PolicyDecision['decision'];
  /** builtin | policy | default | mode | judge */
  readonly decided_by: PolicyDecision['source'];
  readonly rule_id: string | null;
  readonly reason: string;
  readonly matched: string | null;
  readonly risk: PolicyDecision['risk'] | null;
  readonly findings: NonNullable<PolicyDecision['findings']>;
  readonly policy: { readonly file: string; readonly digest: string };
}

export function policyDecisionEventData(args: {
  prompt: string;
  request: ApprovalRequest;
  mode: ApprovalMode;
  decision: PolicyDecision;
  policy: LoadedPolicy;
}): PolicyDecisionEventData {
  const d = args.decision;
  return {
    prompt: args.prompt,
    request: args.request,
    mode: args.mode,
    decision: d.decision,
    decided_by: d.source,
    rule_id: d.ruleId,
    reason: d.reason,
    matched: d.matched ?? null,
    risk: d.risk ?? null,
    findings: d.findings ?? [],
    policy: { file: args.policy.file, digest: args.policy.digest },
  };
}
