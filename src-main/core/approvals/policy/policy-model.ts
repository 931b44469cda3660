import type { ApprovalMode, Decision } from './types';

/**
 * A policy after loading: validated, regexes compiled, builtin protected
 * branches merged in. Immutable; PolicyStore swaps whole objects.
 */

export interface CompiledRule {
  readonly id: string;
  readonly decision: Decision;
  /** 1-based line of the rule in its file, for reasons and events. */
  readonly line: number;
  /** Lower-case agent names, or null for any agent. */
  readonly agents: readonly string[] | null;
  /** Tool-name patterns (case-insensitive, * wildcard), or null for any tool. */
  readonly tools: readonly RegExp[] | null;
  readonly toolNames: readonly string[] | null;
  readonly command: {
    readonly programs: ReadonlySet<string> | null;
    readonly regex: RegExp | null;
    readonly prefix: string | null;
  } | null;
  readonly paths: {
    readonly insideWorkspace: boolean | null;
    readonly globs: readonly string[] | null;
  } | null;
  readonly reason: string | null;
  /** In judge mode, may this rule's 'ask' go to the model judge? */
  readonly useJudge: boolean;
}

export interface PolicyWarning {
  readonly line: number;
  readonly ruleId: string | null;
  readonly message: string;
}

export interface JudgeConfig {
  readonly command: readonly string[];
  readonly timeoutMs: number;
}

export interface LoadedPolicy {
  readonly file: string;
  /** sha-256 of the text (first 16 hex digits): which policy version decided, in events. */
  readonly digest: string;
  readonly defaults: { readonly mode: ApprovalMode; readonly unknown: 'ask' | 'deny' };
  /** Built-in protected branches plus the policy's own. */
  readonly protectedBranches: readonly string[];
  readonly rules: readonly CompiledRule[];
  readonly judge: JudgeConfig | null;
  readonly warnings: readonly PolicyWarning[];
}
