import { z } from 'zod';
import { Role, SessionId } from './session';
export * from './activity';

/**
 * Approvals and agent activity (issue 3, DESIGN.md §4–5). An agent's activity
 * is decided from the best source available and says which one decided.
 */
export const ApprovalDecision = z.enum(['approve', 'approve_always', 'deny']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalOption = z.object({
  key: z.string(),
  label: z.string(),
  meaning: z.enum(['approve', 'approve_always', 'deny', 'other']),
});
export type ApprovalOption = z.infer<typeof ApprovalOption>;

export const ApprovalStatus = z.enum(['pending', 'approved', 'denied', 'gone', 'failed']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const ApprovalId = z.string().regex(/^a_[A-Za-z0-9_-]{6,40}$/, 'not an approval id');

export const ApprovalInfo = z.object({
  id: ApprovalId,
  sessionId: SessionId,
  sessionName: z.string(),
  agent: z.string(),
  role: Role,
  question: z.string(),
  /** The agent's tool name (Bash, Edit, Write, mcp__…) where known. */
  tool: z.string().nullable(),
  /** The exact command, or the file path. */
  detail: z.string().nullable(),
  /** The prompt as shown, or a rendered diff for edits. */
  body: z.array(z.string()),
  /** The tool's exact input when a hook reported it. */
  input: z.unknown().nullable(),
  options: z.array(ApprovalOption),
  detectedAt: z.number(),
  source: z.enum(['hook', 'screen']),
  status: ApprovalStatus,
  decidedAt: z.number().nullable(),
  /** person · policy · judge · terminal (someone answered in the terminal itself). */
  decidedBy: z.string().nullable(),
  decision: ApprovalDecision.nullable(),
  ruleId: z.string().nullable(),
  reason: z.string().nullable(),
  /** A builtin deny rule matched: shown as a warning even in manual mode. */
  risk: z.string().nullable(),
});
export type ApprovalInfo = z.infer<typeof ApprovalInfo>;
