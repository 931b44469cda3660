import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { newSecret } from '../../lib/ids';
import type { ApprovalService, HookPermissionAnswer, PreToolAnswer } from '../approvals/approval-service';
import type { Platform } from '../ports/platform';
import type { SessionRecord } from '../ports/store';
import type { SessionRuntime } from '../sessions/session-runtime';
import type { LaunchSpec } from './profiles';

/** Header carrying a session's hook secret (each Claude session gets its own). */
export const HOOK_SECRET_HEADER = 'x-dual-orch-hook';
/**
 * How long Claude waits for our PermissionRequest answer (s). The person may
 * take minutes; meanwhile the dialog is on screen and a key there still wins.
 */
const PERMISSION_HOOK_TIMEOUT_S = 3_600;
/** Other hooks answer at once; a short timeout keeps a stalled app from stalling the agent. */
const QUICK_HOOK_TIMEOUT_S = 10;
/** PreToolUse may consult the model judge (10 s by default) before answering. */
const PRETOOL_HOOK_TIMEOUT_S = 30;

export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Notification', 'Stop', 'SessionEnd'] as const;

/** The fields we read from a hook's body; everything else passes through untouched. */
export const HookBody = z
  .object({
    session_id: z.string().min(1).max(200),
    hook_event_name: z.enum(HOOK_EVENTS),
    tool_name: z.string().max(500).optional(),
    tool_input: z.record(z.string(), z.unknown()).optional(),
    notification_type: z.string().max(100).optional(),
    source: z.string().max(100).optional(),
  })
  .loose();
export type HookBody = z.infer<typeof HookBody>;

/** Per-session settings registering our http hooks (DESIGN.md §4.1). */
export function claudeHookSettings(url: string, secret: string): object {
  const hook = (timeout: number) => [{ matcher: '', hooks: [{ type: 'http', url, timeout, headers: { [HOOK_SECRET_HEADER]: secret } }] }];
  // SessionStart/SessionEnd do not deliver http hooks in this CLI version (observed with 2.1.330);
  // we need neither: the conversation id is ours (--session-id) and the process lifecycle is the pty's.
  return {
    hooks: {
      UserPromptSubmit: hook(QUICK_HOOK_TIMEOUT_S),
      PreToolUse: hook(PRETOOL_HOOK_TIMEOUT_S),
      PermissionRequest: hook(PERMISSION_HOOK_TIMEOUT_S),
      PostToolUse: hook(QUICK_HOOK_TIMEOUT_S),
      Notification: hook(QUICK_HOOK_TIMEOUT_S),
      Stop: hook(QUICK_HOOK_TIMEOUT_S),
    },
  };
}

export interface ClaudeHooksDeps {
  platform: Platform;
  /** <data>/sessions: one folder per session for its settings file. */
  sessionsDir: string;
  /** Base URL of the loopback server, known once it listens. */
  hookBaseUrl(): string | null;
}

/**
 * Claude Code integration: each start writes a settings file with our hooks
 * and a fresh secret, gives the CLI our conversation id, and resumes the
 * conversation on restart (`--resume`), so a restart keeps the conversation.
 */
export class ClaudeHooks {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly deps: ClaudeHooksDeps) {}

  /** Adds --settings and --session-id / --resume to a Claude launch; other profiles pass through. */
  decorate(rec: SessionRecord, spec: LaunchSpec): Result<{ spec: LaunchSpec; agentSessionId: string | null }> {
    if (rec.profileId !== 'claude') return ok({ spec, agentSessionId: null });
    const base = this.deps.hookBaseUrl();
    if (!base) return err('unavailable', 'The hook server is not listening yet.');
    const secret = newSecret();
    this.secrets.set(rec.id, secret);
    const file = this.deps.platform.joinPath(this.deps.sessionsDir, rec.id, 'claude-settings.json');
    const written = this.deps.platform.writePrivateFile(file, JSON.stringify(claudeHookSettings(`${base}/hooks/claude/${rec.id}`, secret), null, 2));
    if (!written.ok) return written;
    const args = spec.args.filter((a, i, all) => !(a === '--settings' || all[i - 1] === '--settings'));
    const resume = rec.agentSessionId !== null && rec.startedAt !== null;
    const agentSessionId = rec.agentSessionId ?? randomUUID();
    const idArgs = resume ? ['--resume', agentSessionId] : ['--session-id', agentSessionId];
    return ok({ spec: { ...spec, args: ['--settings', file, ...idArgs, ...args] }, agentSessionId });
  }

  secretFor(sessionId: string): string | undefined {
    return this.secrets.get(sessionId);
  }

  forget(sessionId: string): void {
    this.secrets.delete(sessionId);
  }

  /** One hook call: updates the agent's activity and, for tool hooks, answers through the approvals service. */
  async handle(runtime: SessionRuntime, body: HookBody, approvals: ApprovalService, now: number): Promise<object> {
    const activity = (state: 'busy' | 'idle' | 'awaiting_approval'): void =>
      runtime.applyActivity({ state, source: 'hook', at: now, ruleId: body.hook_event_name });
    switch (body.hook_event_name) {
      case 'SessionStart':
        runtime.setAgentSessionId(body.session_id);
        activity('idle');
        return {};
      case 'UserPromptSubmit':
      case 'PostToolUse':
        activity('busy');
        return {};
      case 'Stop':
        activity('idle');
        return {};
      case 'Notification':
        if (body.notification_type === 'idle_prompt') activity('idle');
        return {};
      case 'SessionEnd':
        return {};
      case 'PreToolUse': {
        activity('busy');
        const answer: PreToolAnswer = await approvals.preToolUse(runtime, { tool: body.tool_name ?? 'unknown', input: body.tool_input ?? {} });
        if (!answer) return {};
        return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: answer.decision, permissionDecisionReason: answer.reason } };
      }
      case 'PermissionRequest': {
        activity('awaiting_approval');
        const answer: HookPermissionAnswer = await approvals.permissionRequest(runtime, { tool: body.tool_name ?? 'unknown', input: body.tool_input ?? {} });
        if (!answer) return {};
        return {
          hookSpecificOutput: {
            hookEventName: 'PermissionRequest',
            decision: answer.behavior === 'allow' ? { behavior: 'allow' } : { behavior: 'deny', message: answer.message, interrupt: false },
          },
        };
      }
    }
  }
}
