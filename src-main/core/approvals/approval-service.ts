import type { ApprovalDecision, ApprovalInfo, ApprovalMode } from '../../../src-preload/contract/approvals';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { Emitter, type Disposable } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import { classifyScreen, type ScreenRuleSets } from '../agents/screen';
import type { Classification, DetectedPrompt } from '../agents/screen';
import type { Clock, TimerHandle } from '../ports/clock';
import type { ScreenText } from '../ports/screen-model';
import type { SessionService } from '../sessions/session-service';
import type { SessionRuntime } from '../sessions/session-runtime';
import { agentKind } from './agent-kind';
import { decide as judgeDecide, type PolicyStore, type RunJudge, type PolicyDecision, type ApprovalRequest } from './policy';
import { ScreenWatch } from './screen-watch';

/** Claude Code ignores keys that arrive within ~150 ms of a dialog being drawn: wait this long after first sight. */
export const KEY_GUARD_MS = 300;
/** After sending the answer key, how long the prompt may take to disappear before the answer counts as failed. */
export const VERIFY_TIMEOUT_MS = 3_000;
const VERIFY_POLL_MS = 50;
/** Closed approvals kept in memory for the inbox history (older ones are in the event log). */
const RECENT_LIMIT = 500;

export type HookPermissionAnswer = { behavior: 'allow' } | { behavior: 'deny'; message: string } | null;
export type PreToolAnswer = { decision: 'allow' | 'deny'; reason: string } | null;

export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
}

interface Entry {
  info: ApprovalInfo;
  fingerprint: string | null;
  seenOnScreenAt: number | null;
  hook: ((answer: HookPermissionAnswer) => void) | null;
  autoTimer: TimerHandle | null;
  /** The person typed in the terminal since this prompt appeared: no automatic answer any more. */
  personTyped: boolean;
  /** The policy (or judge) is still deciding whether to answer automatically. */
  evaluating: boolean;
  busy: boolean;
}

export interface ApprovalServiceDeps {
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  rules: ScreenRuleSets;
  policy: PolicyStore;
  runJudge: RunJudge;
  homeDir: string;
  platform: 'win32' | 'darwin' | 'linux';
}

const sleep = (clock: Clock, ms: number): Promise<void> => new Promise((r) => clock.setTimeout(r, ms));

/**
 * Every permission prompt of every session: detected from hooks (exact tool
 * and input) or the screen (any CLI), shown as a pending approval, decided by
 * the person or the policy, answered through the hook when one is waiting,
 * otherwise by the careful keystroke protocol (DESIGN.md §4): fingerprint,
 * re-read, one key, verify the prompt cleared, never retry blindly.
 */
export class ApprovalService implements Disposable {
  readonly onChanged = new Emitter<ApprovalInfo>();
  private readonly entries = new Map<string, Entry>();
  private readonly pendingBySession = new Map<string, Entry>();
  private readonly recent: ApprovalInfo[] = [];
  private readonly alwaysAllowed = new Map<string, Set<string>>();
  private readonly watch: ScreenWatch;
  private readonly subs: Disposable[] = [];

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.watch = new ScreenWatch({
      clock: deps.clock,
      read: (id) => {
        const r = deps.sessions.get(id);
        return r.ok ? r.value.screenText() : null;
      },
      onScreen: (id, screen, readAt, outputAt) => this.handleScreen(id, screen, readAt, outputAt),
      onError: (id, e) => deps.logger.debug('screen read failed', { sessionId: id, err: e }),
    });
    this.subs.push(deps.sessions.onOutput.event((id) => this.watch.poke(id)));
    this.subs.push(deps.sessions.onPersonInput.event((id) => this.cancelAuto(id, 'the person typed in the terminal')));
    this.subs.push(
      deps.sessions.onExited.event((rec) => {
        this.watch.forget(rec.id);
        const p = this.pendingBySession.get(rec.id);
        if (p) this.close(p, 'gone', { by: null, reason: 'The session ended before the prompt was answered.' });
      }),
    );
  }

  list(): ApprovalInfo[] {
    return [...this.pendingBySession.values()].map((e) => e.info);
  }

  history(filter: { sessionId?: string; limit: number }): ApprovalInfo[] {
    const fromLog = this.deps.sessions
      .eventsOfType(['approval.closed'], filter.sessionId, filter.limit)
      .map((e) => (e.data as { approval: ApprovalInfo }).approval);
    const byId = new Map<string, ApprovalInfo>();
    for (const a of [...fromLog, ...this.recent]) if (!filter.sessionId || a.sessionId === filter.sessionId) byId.set(a.id, a);
    return [...byId.values()].sort((a, b) => b.detectedAt - a.detectedAt).slice(0, filter.limit);
  }

  /** Reads and classifies a session's screen now (debug view, decisions). */
  async classifyNow(runtime: SessionRuntime): Promise<{ screen: ScreenText; c: Classification } | null> {
    const screen = await this.watch.readNow(runtime.id);
    if (!screen) return null;
    return { screen, c: classifyScreen(this.deps.rules.forAgent(agentKind(runtime.record)), screen) };
  }

  rulesFor(runtime: SessionRuntime) {
    return this.deps.rules.forAgent(agentKind(runtime.record));
  }

  // ── screen path ───────────────────────────────────────────────────────────

  private handleScreen(sessionId: string, screen: ScreenText, readAt: number, outputAt: number): void {
    const rt = this.deps.sessions.get(sessionId);
    if (!rt.ok || !rt.value.isLive) return;
    const runtime = rt.value;
    const c = classifyScreen(this.deps.rules.forAgent(agentKind(runtime.record)), screen);
    if (c.state !== 'unknown') runtime.applyActivity({ state: c.state, source: 'screen', at: readAt, ruleId: c.ruleId });
    const pending = this.pendingBySession.get(sessionId);
    const prompt = c.state === 'awaiting_approval' && c.prompt && c.prompt.kind !== 'text' ? c.prompt : null;
    if (prompt) {
      if (pending && pending.fingerprint === prompt.fingerprint) return;
      if (pending && pending.fingerprint === null && pending.info.source === 'hook') {
        // The hook's dialog is now drawn: keep the hook's exact facts, learn the keys.
        pending.fingerprint = prompt.fingerprint;
        pending.seenOnScreenAt = readAt;
        pending.info = { ...pending.info, options: prompt.options.map(({ key, label, meaning }) => ({ key, label, meaning })), body: prompt.body };
        this.onChanged.fire(pending.info);
        return;
      }
      if (pending) this.close(pending, 'gone', { by: 'terminal', reason: 'Another prompt replaced it on screen.' });
      void this.detectFromScreen(runtime, prompt, screen, readAt, outputAt);
      return;
    }
    // The prompt we saw is no longer drawn: answered in the terminal (by the person or the agent).
    if (pending && pending.fingerprint !== null && !pending.busy && (c.state === 'busy' || c.state === 'idle' || c.state === 'awaiting_input')) {
      this.close(pending, 'gone', { by: 'terminal', reason: 'Answered in the terminal.' });
    }
  }

  private async detectFromScreen(runtime: SessionRuntime, prompt: DetectedPrompt, screen: ScreenText, at: number, outputAt: number): Promise<void> {
    const rec = runtime.record;
    const info = this.newInfo(runtime, {
      question: prompt.question,
      tool: prompt.tool,
      detail: prompt.detail,
      body: prompt.body,
      input: null,
      options: prompt.options.map(({ key, label, meaning }) => ({ key, label, meaning })),
      source: 'screen',
      detectedAt: at,
    });
    const entry: Entry = { info, fingerprint: prompt.fingerprint, seenOnScreenAt: at, hook: null, autoTimer: null, personTyped: false, evaluating: false, busy: false };
    // From the output that drew the prompt to the prompt being known (the prompt-detection metric).
    this.open(entry, this.deps.clock.now() - outputAt);
    entry.evaluating = rec.approvalMode !== 'manual';
    const decision = await this.judge(rec.approvalMode, this.requestFor(runtime, prompt.tool, prompt.detail, null), screen.lines.join('\n'));
    entry.evaluating = false;
    if (entry.info.status !== 'pending') return;
    this.annotate(entry, decision);
    if (decision.decision === 'ask' || rec.approvalMode === 'manual' || entry.personTyped) return;
    // Automatic answer after the key guard; a keypress by the person cancels it.
    const wait = Math.max(0, (entry.seenOnScreenAt ?? at) + KEY_GUARD_MS - this.deps.clock.now());
    entry.autoTimer = this.deps.clock.setTimeout(() => {
      entry.autoTimer = null;
      const by = decision.source === 'judge' ? 'judge' : 'policy';
      void this.decideEntry(entry, decision.decision === 'allow' ? 'approve' : 'deny', by, decision);
    }, wait);
  }

  // ── hook path ─────────────────────────────────────────────────────────────

  /** Claude's PreToolUse: the policy answers allow/deny before any dialog exists; otherwise no opinion. */
  async preToolUse(runtime: SessionRuntime, call: ToolCall): Promise<PreToolAnswer> {
    const { command, detail } = describeCall(call);
    if (this.isAlwaysAllowed(runtime.id, call.tool, detail)) {
      this.recordAutomatic(runtime, call, 'approve', 'session', null, 'Allowed: the person chose "always" for this in this session.');
      return { decision: 'allow', reason: 'Allowed for this session by the person.' };
    }
    const mode = runtime.record.approvalMode;
    if (mode === 'manual') return null;
    const d = await this.judge(mode, this.requestFor(runtime, call.tool, detail, command), '');
    if (d.decision === 'ask') return null;
    this.recordAutomatic(runtime, call, d.decision === 'allow' ? 'approve' : 'deny', d.source === 'judge' ? 'judge' : 'policy', d.ruleId, d.reason);
    return { decision: d.decision, reason: d.reason };
  }

  /** Claude's PermissionRequest: a pending approval whose answer goes back through the held hook. */
  permissionRequest(runtime: SessionRuntime, call: ToolCall): Promise<HookPermissionAnswer> {
    const { detail } = describeCall(call);
    const existing = this.pendingBySession.get(runtime.id);
    if (existing) this.close(existing, 'gone', { by: 'terminal', reason: 'A new permission request replaced it.' });
    const info = this.newInfo(runtime, {
      question: `Allow ${call.tool}?`,
      tool: call.tool,
      detail,
      body: renderCall(call),
      input: call.input,
      options: [],
      source: 'hook',
      detectedAt: this.deps.clock.now(),
    });
    return new Promise<HookPermissionAnswer>((resolve) => {
      const entry: Entry = { info, fingerprint: null, seenOnScreenAt: null, hook: resolve, autoTimer: null, personTyped: false, evaluating: false, busy: false };
      // The hook is the prompt itself: it is known the moment it arrives.
      this.open(entry, 0);
      void this.judge('manual', this.requestFor(runtime, call.tool, detail, describeCall(call).command), '').then((d) => {
        if (entry.info.status === 'pending') this.annotate(entry, d);
      });
    });
  }

  // ── decisions ─────────────────────────────────────────────────────────────

  async decide(approvalId: string, decision: ApprovalDecision): Promise<Result<ApprovalInfo>> {
    const entry = this.entries.get(approvalId);
    if (!entry) {
      const closed = this.recent.find((a) => a.id === approvalId);
      return closed
        ? err('conflict', `This prompt was already ${closed.status === 'gone' ? 'answered elsewhere or went away' : closed.status}; nothing was sent.`)
        : err('not_found', `No approval with id ${approvalId}.`);
    }
    return this.decideEntry(entry, decision, 'person', null);
  }

  private async decideEntry(entry: Entry, decision: ApprovalDecision, by: string, policy: PolicyDecision | null): Promise<Result<ApprovalInfo>> {
    if (entry.info.status !== 'pending' || entry.busy) return err('conflict', 'This prompt is already being answered or was answered; nothing was sent.');
    entry.autoTimer?.cancel();
    entry.autoTimer = null;
    const reason = policy?.reason ?? null;
    const ruleId = policy?.ruleId ?? null;
    const sessionId = entry.info.sessionId;
    this.deps.sessions.event('approval.decided', sessionId, {
      approvalId: entry.info.id, decision, by, ruleId, reason, prompt: { question: entry.info.question, tool: entry.info.tool, detail: entry.info.detail },
    });
    if (entry.hook) {
      if (decision === 'approve_always') this.rememberAlways(sessionId, entry.info.tool, entry.info.detail);
      entry.hook(decision === 'deny' ? { behavior: 'deny', message: reason ?? 'Denied by the person in Dual Orchestrator.' } : { behavior: 'allow' });
      entry.hook = null;
      this.deps.sessions.event('approval.answered', sessionId, { approvalId: entry.info.id, via: 'hook' });
      this.close(entry, decision === 'deny' ? 'denied' : 'approved', { by, decision, ruleId, reason });
      return ok(entry.info);
    }
    return this.answerByKeys(entry, decision, by, ruleId, reason);
  }

  private async answerByKeys(entry: Entry, decision: ApprovalDecision, by: string, ruleId: string | null, reason: string | null): Promise<Result<ApprovalInfo>> {
    const option = entry.info.options.find((o) => o.meaning === decision);
    if (!option) return err('bad_input', `This prompt offers no "${decision.replace('_', ' ')}" option.`);
    const rt = this.deps.sessions.get(entry.info.sessionId);
    if (!rt.ok || !rt.value.isLive) {
      this.close(entry, 'gone', { by: null, reason: 'The session is not running.' });
      return err('conflict', 'The session is not running; nothing was sent.');
    }
    const runtime = rt.value;
    entry.busy = true;
    try {
      const guard = (entry.seenOnScreenAt ?? 0) + KEY_GUARD_MS - this.deps.clock.now();
      if (guard > 0) await sleep(this.deps.clock, guard);
      const before = await this.classifyNow(runtime);
      if (!before || before.c.prompt?.fingerprint !== entry.fingerprint) {
        this.deps.sessions.event('approval.refused', entry.info.sessionId, { approvalId: entry.info.id, reason: 'prompt_changed' });
        this.close(entry, 'gone', { by: 'terminal', reason: 'The prompt changed or went away before the answer was sent.' });
        return err('conflict', 'The prompt is no longer on screen; nothing was sent.');
      }
      const sent = runtime.write(option.key);
      if (!sent.ok) return sent;
      this.deps.sessions.event('approval.answered', entry.info.sessionId, { approvalId: entry.info.id, via: 'keys', key: JSON.stringify(option.key) });
      for (let waited = 0; waited <= VERIFY_TIMEOUT_MS; waited += VERIFY_POLL_MS) {
        await sleep(this.deps.clock, VERIFY_POLL_MS);
        const after = await this.classifyNow(runtime);
        if (!after || after.c.prompt?.fingerprint !== entry.fingerprint) {
          this.close(entry, decision === 'deny' ? 'denied' : 'approved', { by, decision, ruleId, reason });
          return ok(entry.info);
        }
      }
      this.close(entry, 'failed', { by, decision, ruleId, reason: 'The prompt was still shown after the key was sent; not retried.' });
      return err('conflict', 'The key was sent but the prompt is still shown; it was not retried. Answer it in the terminal.');
    } finally {
      entry.busy = false;
    }
  }

  private cancelAuto(sessionId: string, why: string): void {
    const e = this.pendingBySession.get(sessionId);
    // Only an automatic answer that is planned (timer set) or may still be (policy deciding) is cancelled.
    if (!e || e.personTyped || (!e.autoTimer && !e.evaluating)) return;
    // Also when the policy is still deciding: the answer it comes to must not be sent.
    e.personTyped = true;
    e.autoTimer?.cancel();
    e.autoTimer = null;
    this.deps.sessions.event('approval.auto_cancelled', sessionId, { approvalId: e.info.id, reason: why });
    e.info = { ...e.info, reason: `Automatic answer cancelled: ${why}.` };
    this.onChanged.fire(e.info);
  }

  // ── bookkeeping ───────────────────────────────────────────────────────────

  private newInfo(runtime: SessionRuntime, p: Pick<ApprovalInfo, 'question' | 'tool' | 'detail' | 'body' | 'input' | 'options' | 'source' | 'detectedAt'>): ApprovalInfo {
    const rec = runtime.record;
    return {
      id: newId('a'),
      sessionId: rec.id,
      sessionName: rec.name,
      agent: agentKind(rec),
      role: rec.role,
      ...p,
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      decision: null,
      ruleId: null,
      reason: null,
      risk: null,
    };
  }

  private open(entry: Entry, latencyMs: number): void {
    this.entries.set(entry.info.id, entry);
    this.pendingBySession.set(entry.info.sessionId, entry);
    this.deps.sessions.event('approval.detected', entry.info.sessionId, { approval: entry.info, latencyMs });
    this.onChanged.fire(entry.info);
  }

  private annotate(entry: Entry, d: PolicyDecision): void {
    entry.info = { ...entry.info, ruleId: d.ruleId, reason: d.reason, risk: d.risk ?? null };
    this.onChanged.fire(entry.info);
  }

  private close(entry: Entry, status: ApprovalInfo['status'], o: { by: string | null; decision?: ApprovalDecision; ruleId?: string | null; reason: string | null }): void {
    entry.autoTimer?.cancel();
    entry.hook?.(null);
    entry.hook = null;
    entry.info = {
      ...entry.info,
      status,
      decidedAt: this.deps.clock.now(),
      decidedBy: o.by,
      decision: o.decision ?? null,
      ruleId: o.ruleId ?? entry.info.ruleId,
      reason: o.reason ?? entry.info.reason,
    };
    this.entries.delete(entry.info.id);
    if (this.pendingBySession.get(entry.info.sessionId) === entry) this.pendingBySession.delete(entry.info.sessionId);
    this.recent.unshift(entry.info);
    if (this.recent.length > RECENT_LIMIT) this.recent.length = RECENT_LIMIT;
    this.deps.sessions.event('approval.closed', entry.info.sessionId, { approval: entry.info });
    this.onChanged.fire(entry.info);
  }

  private recordAutomatic(runtime: SessionRuntime, call: ToolCall, decision: ApprovalDecision, by: string, ruleId: string | null, reason: string): void {
    const { detail } = describeCall(call);
    const info = this.newInfo(runtime, { question: `Allow ${call.tool}?`, tool: call.tool, detail, body: renderCall(call), input: call.input, options: [], source: 'hook', detectedAt: this.deps.clock.now() });
    const entry: Entry = { info, fingerprint: null, seenOnScreenAt: null, hook: null, autoTimer: null, personTyped: false, evaluating: false, busy: false };
    this.entries.set(info.id, entry);
    this.deps.sessions.event('approval.decided', runtime.id, { approvalId: info.id, decision, by, ruleId, reason, prompt: { question: info.question, tool: info.tool, detail } });
    this.close(entry, decision === 'deny' ? 'denied' : 'approved', { by, decision, ruleId, reason });
  }

  private requestFor(runtime: SessionRuntime, tool: string | null, detail: string | null, command: string | null): ApprovalRequest {
    const isShell = tool !== null && /^(bash|shell|run_shell_command|exec|command)$/i.test(tool);
    return {
      agent: agentKind(runtime.record),
      tool,
      command: command ?? (isShell ? detail : null),
      paths: !isShell && detail ? [detail] : [],
      cwd: runtime.record.cwd,
      workspaceRoot: runtime.record.cwd,
      homeDir: this.deps.homeDir,
      platform: this.deps.platform,
    };
  }

  private async judge(mode: ApprovalMode, request: ApprovalRequest, screenText: string): Promise<PolicyDecision> {
    return judgeDecide({ policy: this.deps.policy.current(), mode, request, screenText, runJudge: this.deps.runJudge });
  }

  private rememberAlways(sessionId: string, tool: string | null, detail: string | null): void {
    const set = this.alwaysAllowed.get(sessionId) ?? new Set<string>();
    set.add(`${tool ?? ''}\u0000${detail ?? ''}`);
    this.alwaysAllowed.set(sessionId, set);
  }

  private isAlwaysAllowed(sessionId: string, tool: string, detail: string | null): boolean {
    return this.alwaysAllowed.get(sessionId)?.has(`${tool}\u0000${detail ?? ''}`) ?? false;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.watch.dispose();
    for (const e of this.entries.values()) {
      e.autoTimer?.cancel();
      e.hook?.(null);
    }
    this.entries.clear();
    this.pendingBySession.clear();
    this.onChanged.dispose();
  }
}

/** The command (for shell tools) or the file (for edits) a tool call is about. */
export function describeCall(call: ToolCall): { command: string | null; detail: string | null } {
  const input = call.input;
  const str = (k: string): string | null => (typeof input[k] === 'string' ? (input[k] as string) : null);
  const command = str('command');
  return { command, detail: command ?? str('file_path') ?? str('path') ?? str('url') ?? null };
}

/** What the person needs to see: the command, or the file and the change. */
export function renderCall(call: ToolCall): string[] {
  const i = call.input;
  if (typeof i.command === 'string') return [`$ ${i.command}`, ...(typeof i.description === 'string' ? [`# ${i.description}`] : [])];
  if (typeof i.file_path === 'string' && typeof i.old_string === 'string' && typeof i.new_string === 'string') {
    return [`${i.file_path}`, ...i.old_string.split('\n').map((l) => `- ${l}`), ...i.new_string.split('\n').map((l) => `+ ${l}`)];
  }
  if (typeof i.file_path === 'string' && typeof i.content === 'string') {
    return [`${i.file_path} (new content)`, ...i.content.split('\n').slice(0, 200).map((l) => `+ ${l}`)];
  }
  return JSON.stringify(i, null, 2).split('\n').slice(0, 200);
}
