import { z } from 'zod';

/**
 * Agent activity and approval modes (issue 3, DESIGN.md §4). An agent's
 * activity is decided from the best source available and says which one.
 * Kept apart from approvals.ts so session.ts can use it without a cycle.
 */
export const AGENT_STATES = ['starting', 'busy', 'idle', 'awaiting_approval', 'awaiting_input', 'exited', 'crashed'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

export const StateSource = z.enum(['hook', 'screen', 'process']);
export type StateSource = z.infer<typeof StateSource>;

export const AgentActivity = z.object({
  state: AgentState,
  source: StateSource,
  /** When this state was observed (ms since epoch). */
  since: z.number(),
  /** The screen rule or hook event that decided, for the debug view. */
  ruleId: z.string().nullable(),
});
export type AgentActivity = z.infer<typeof AgentActivity>;

/** manual: every prompt asks the person · policy: rules answer, the rest asks · judge: a model judge for the rest, failing closed. */
export const ApprovalMode = z.enum(['manual', 'policy', 'judge']);
export type ApprovalMode = z.infer<typeof ApprovalMode>;

