/**
 * The vocabulary of the safety judge (DESIGN.md §5): what an agent asks to do,
 * and what the policy engine answers. Pure data; no I/O.
 */

export type AgentKind = 'claude' | 'codex' | 'gemini' | 'aider' | 'demo' | 'shell' | 'custom';
export type PolicyPlatform = 'win32' | 'darwin' | 'linux';

/** One permission prompt, as structured as the agent's hooks or screen rules could make it. */
export interface ApprovalRequest {
  /** Which CLI asks ('claude', 'codex', …); free text so custom agents fit. */
  readonly agent: string;
  /** The agent's tool name ('Bash', 'Edit', 'mcp__x__y', 'shell' …) or null when unknown. */
  readonly tool: string | null;
  /** The shell command the agent wants to run, when the prompt is about one. */
  readonly command: string | null;
  /** Files the action touches (absolute, or relative to cwd). */
  readonly paths: readonly string[];
  /** The agent's working folder (absolute). */
  readonly cwd: string;
  /** The session's workspace folder (absolute): "inside" means strictly below or equal to it. */
  readonly workspaceRoot: string;
  readonly homeDir: string;
  readonly platform: PolicyPlatform;
}

export type Decision = 'allow' | 'deny' | 'ask';

/**
 * Per-session mode: manual (the person answers everything), policy (rules
 * answer allow/deny, the rest asks), judge (like policy, and a model judge
 * may answer the 'ask' cases).
 */
export const APPROVAL_MODES = ['manual', 'policy', 'judge'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** Who decided: a builtin entry, a policy rule, the policy default, the session mode, or the model judge. */
export type DecisionSource = 'builtin' | 'policy' | 'default' | 'mode' | 'judge';

/** A builtin finding raises the stakes: 'builtin_deny' must never be automatic, 'builtin_ask' never auto-allowed. */
export type BuiltinRisk = 'builtin_deny' | 'builtin_ask';

export type BuiltinSeverity = 'deny' | 'ask';

/** One builtin entry that matched the request, with the piece of the request that triggered it. */
export interface BuiltinFinding {
  readonly id: string;
  readonly severity: BuiltinSeverity;
  readonly reason: string;
  /** The offending simple command, path or tool call, for the person to see. */
  readonly matched: string;
}

export interface PolicyDecision {
  readonly decision: Decision;
  readonly source: DecisionSource;
  /** The builtin id or policy rule id that decided; null for defaults and modes. */
  readonly ruleId: string | null;
  /** One sentence for the person. */
  readonly reason: string;
  /** What matched: the simple command, path, or builtin id (manual mode). */
  readonly matched?: string;
  /** Set whenever a builtin entry matched, whatever the decision. The UI must flag it. */
  readonly risk?: BuiltinRisk;
  /** Every builtin finding, most severe first (empty when none). */
  readonly findings?: readonly BuiltinFinding[];
  /** True when, in judge mode, this 'ask' may be sent to the model judge. */
  readonly judgeEligible?: boolean;
}
