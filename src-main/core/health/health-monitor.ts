import type { HealthIssue, HealthMode, HealthSample, HealthSettings, HealthTick, HostHealth, SessionHealth } from '../../../src-preload/contract/health';
import { Emitter } from '../../lib/disposable';
import type { Logger } from '../../lib/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { HealthRepo } from '../ports/health-store';
import type { ProcessStats, TreeSample } from '../ports/process-stats';
import type { HealthDigestEntry, HealthReader } from '../ports/run-control';
import type { Healer } from '../recovery/healer';
import type { SessionService } from '../sessions/session-service';
import type { SessionRuntime } from '../sessions/session-runtime';
import { detectIssues, type DetectConfig } from './detect';
import { hostHints, type HintId } from './host-hints';
import { matchPatterns } from './patterns';
import { SessionTracker } from './session-tracker';

export interface HealthConfig {
  /** One tick samples every session (MISSION.md says 5 s; 1 s makes graphs and detection snappier at the same flat cost). */
  readonly sampleIntervalMs: number;
  /** Host CPU/memory/disk every this many ticks. */
  readonly hostEveryTicks: number;
  /** A session's screen is scanned for error patterns at most this often, and only after new output. */
  readonly screenScanMs: number;
  /** Samples older than this are dropped from the store. */
  readonly retentionMs: number;
  readonly detect: DetectConfig;
  readonly defaultMode: HealthMode;
  /** A MonitorAI that read digests before and has not for this long is frozen (the watchdog restarts it). */
  readonly monitorSilentMs: number;
  /** Activity states in which a restarted agent counts as ready again. */
  readonly readyStates: readonly string[];
}

export interface HealthMonitorDeps {
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  stats: ProcessStats;
  repo: HealthRepo;
  healer: Healer;
  config: HealthConfig;
  /** Pending approvals per session, read once per tick. */
  pendingApprovals(): ReadonlyMap<string, number>;
  isPaused(sessionId: string): boolean;
  /** The run and task of a session (RunControl), for the recovery buttons. */
  workOf(sessionId: string): { runId: string | null; taskId: string | null };
}

/** Retention is enforced this often (one DELETE on an indexed column). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The core's own monitor (needs no model): ONE timer samples every session
 * from one process-table snapshot, scores it, finds issues, hands them to the
 * healer, stores the samples in one batch and pushes them to the views. Cost
 * per tick is a snapshot plus O(sessions) arithmetic; screens are read only
 * for sessions with new output, at most once per screenScanMs.
 */
export class HealthMonitor implements HealthReader {
  private readonly trackers = new Map<string, SessionTracker>();
  private timer: TimerHandle | null = null;
  private ticking = false;
  private tickCount = 0;
  private lastPruneAt = 0;
  private host: HostHealth | null = null;
  private readonly hints = new Set<HintId>();
  private settings: HealthSettings;
  readonly onTick = new Emitter<HealthTick>();
  readonly onChanged = new Emitter<SessionHealth>();
  private readonly subs: { dispose(): void }[] = [];

  constructor(private readonly deps: HealthMonitorDeps) {
    this.settings = deps.repo.loadSettings() ?? { defaultMode: deps.config.defaultMode, sessionModes: {}, stallMs: deps.config.detect.stallMs };
    const s = deps.sessions;
    this.subs.push(
      s.onOutput.event((id) => this.tracker(id).output(deps.clock.now())),
      s.onChanged.event((info) => {
        const t = this.tracker(info.id);
        t.setActivity(info.activity.state, deps.clock.now());
        // A new process (a restarted MonitorAI) gets a fresh chance to start reading its digests.
        if (info.state === 'starting') t.lastDigestReadAt = null;
        // A crash is answered at once, not at the next tick.
        if (info.state === 'crashed') this.evaluate(info.id);
      }),
      s.onRemoved.event((id) => {
        this.trackers.delete(id);
        deps.healer.forget(id);
      }),
    );
  }

  start(): void {
    this.timer ??= this.deps.clock.setInterval(() => void this.tick(), this.deps.config.sampleIntervalMs);
  }

  /** Stops sampling (the monitor-overhead benchmark compares the core with and without it). */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private tracker(id: string): SessionTracker {
    let t = this.trackers.get(id);
    if (!t) {
      t = new SessionTracker(id);
      this.trackers.set(id, t);
    }
    return t;
  }

  modeOf(sessionId: string): HealthMode {
    return this.settings.sessionModes[sessionId] ?? this.settings.defaultMode;
  }

  getSettings(): HealthSettings {
    return this.settings;
  }

  setMode(sessionId: string | undefined, mode: HealthMode): HealthSettings {
    this.settings = sessionId
      ? { ...this.settings, sessionModes: { ...this.settings.sessionModes, [sessionId]: mode } }
      : { ...this.settings, defaultMode: mode };
    this.deps.repo.saveSettings(this.settings);
    this.deps.sessions.event('health.mode', sessionId ?? null, { mode, scope: sessionId ? 'session' : 'default' });
    for (const id of sessionId ? [sessionId] : [...this.trackers.keys()]) this.emitChanged(id);
    return this.settings;
  }

  /** A hook arrived for a session: a heartbeat, and its message fields are scanned for error patterns. */
  hook(sessionId: string, body: Record<string, unknown>): void {
    const now = this.deps.clock.now();
    const t = this.tracker(sessionId);
    t.signal(now);
    // Only the agent's own words: tool inputs and outputs are the project's text (a test's stack trace is not the agent's).
    const text = ['message', 'error', 'reason'].map((k) => body[k]).filter((v): v is string => typeof v === 'string').join('\n');
    if (!text) return;
    for (const hit of matchPatterns(text.slice(0, 8_192))) t.hookHits.push({ hit, at: now });
    this.evaluate(sessionId);
  }

  /** One sampling pass over every session. Overlapping ticks are skipped (a slow snapshot never piles up). */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const runtimes = this.deps.sessions.list();
      const pids = runtimes.flatMap((s) => (s.pid !== null ? [s.pid] : []));
      const trees = await this.deps.stats.sampleTrees(pids);
      if (!trees.ok) this.deps.logger.warn('process sampling failed', { error: trees.error.message });
      const treeMap: ReadonlyMap<number, TreeSample> = trees.ok ? trees.value : new Map();
      if (this.tickCount++ % this.deps.config.hostEveryTicks === 0) await this.sampleHost();
      const now = this.deps.clock.now();
      const pending = this.deps.pendingApprovals();
      const samples: HealthSample[] = [];
      for (const info of runtimes) {
        const t = this.tracker(info.id);
        const rt = this.deps.sessions.get(info.id);
        const stream = rt.ok ? rt.value.terminal : null;
        // Ended sessions get one last sample (the graph shows the drop), then none: history costs nothing per tick.
        if (info.live || (t.lastSample !== null && t.lastSample.rssBytes !== null)) {
          const tree = info.pid !== null ? (treeMap.get(info.pid) ?? null) : null;
          samples.push(t.tick({ now, live: info.live, pid: info.pid, outputChars: stream?.offset ?? 0, activity: info.activity.state, tree, pendingApprovals: pending.get(info.id) ?? 0 }));
        }
        if (rt.ok) this.maybeScanScreen(rt.value, t, now);
        this.evaluate(info.id);
      }
      if (samples.length > 0) this.deps.repo.appendSamples(samples);
      if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
        this.lastPruneAt = now;
        this.deps.repo.prune(now - this.deps.config.retentionMs);
      }
      this.onTick.fire({ ts: now, samples, host: this.host });
    } catch (e) {
      // A bug in one tick must not stop the monitor: log it loudly and keep sampling.
      this.deps.logger.error('health tick failed', { err: e });
    } finally {
      this.ticking = false;
    }
  }

  private async sampleHost(): Promise<void> {
    const h = await this.deps.stats.host();
    if (!h.ok) return;
    this.host = { ts: h.value.sampledAt, cpuPct: Math.round(h.value.cpuPct * 10) / 10, memPct: Math.round(h.value.memPct * 10) / 10, diskPct: Math.round(h.value.diskPct * 10) / 10 };
    for (const hint of hostHints(h.value, this.hints)) {
      this.deps.sessions.event('optimization_hint', null, { hint: hint.hint, metric: hint.metric, value: hint.value, threshold: hint.threshold, reason: hint.message });
    }
  }

  private maybeScanScreen(rt: SessionRuntime, t: SessionTracker, now: number): void {
    if (!t.screenDirty || now - t.lastScreenScanAt < this.deps.config.screenScanMs) return;
    const text = rt.screenText();
    if (!text) return;
    t.screenDirty = false;
    t.lastScreenScanAt = now;
    text.then(
      (s) => {
        t.screenHits = matchPatterns(s.lines.join('\n'));
      },
      (e: unknown) => this.deps.logger.warn('screen scan failed', { sessionId: rt.id, err: e }),
    );
  }

  /** Issues now → events for what started and ended → the healer. */
  private evaluate(id: string): void {
    const rt = this.deps.sessions.get(id);
    if (!rt.ok) return;
    const rec = rt.value.record;
    const t = this.tracker(id);
    const now = this.deps.clock.now();
    const paused = this.deps.isPaused(id);
    const issues = paused ? [] : detectIssues(t, { now, state: rec.state, lastError: rec.lastError, endedAt: rec.endedAt }, { ...this.deps.config.detect, stallMs: this.settings.stallMs });
    if (!paused && rec.role === 'monitor' && rt.value.isLive && t.lastDigestReadAt !== null && now - t.lastDigestReadAt >= this.deps.config.monitorSilentMs && !issues.some((i) => i.kind === 'stalled')) {
      const since = t.issues.get('stalled')?.since ?? now;
      issues.push({ kind: 'stalled', severity: 'high', reason: `MonitorAI has not read its health digest for ${Math.round((now - t.lastDigestReadAt) / 1000)} s.`, since });
    }
    const next = new Map(issues.map((i) => [i.kind, i] as const));
    let changed = false;
    for (const [kind, i] of next) {
      if (t.issues.has(kind)) continue;
      changed = true;
      this.deps.sessions.event('health.detected', id, { kind, severity: i.severity, reason: i.reason, role: rec.role });
    }
    for (const kind of t.issues.keys()) {
      if (next.has(kind)) continue;
      changed = true;
      this.deps.sessions.event('health.cleared', id, { kind });
    }
    t.issues = next;
    if (!t.announced) {
      // The views learn of a session's health the first time it is evaluated, not only when something goes wrong.
      t.announced = true;
      changed = true;
    }
    const activity = rt.value.info().activity.state;
    const ready = rt.value.isLive && this.deps.config.readyStates.includes(activity);
    this.deps.healer.heal({ record: rec, issues, mode: this.modeOf(id), ready });
    if (changed) this.emitChanged(id);
  }

  emitChanged(id: string): void {
    const h = this.sessionHealth(id);
    if (h) this.onChanged.fire(h);
  }

  sessionHealth(id: string): SessionHealth | null {
    const rt = this.deps.sessions.get(id);
    if (!rt.ok) return null;
    const t = this.tracker(id);
    const v = this.deps.healer.view(id);
    return {
      sessionId: id,
      stage: v.stage,
      mode: this.modeOf(id),
      issues: [...t.issues.values()],
      suggestion: v.suggestion,
      restartsInWindow: v.restartsInWindow,
      maxRestarts: this.deps.healer.maxRestarts,
      ...this.deps.workOf(id),
      lastSample: t.lastSample,
    };
  }

  overview(): { sessions: SessionHealth[]; host: HostHealth | null } {
    return { sessions: this.deps.sessions.list().flatMap((s) => this.sessionHealth(s.id) ?? []), host: this.host };
  }

  /** HealthReader: what MonitorAI reads (its digest tool). */
  digest(filter?: { sessionIds?: readonly string[]; readerSessionId?: string }): HealthDigestEntry[] {
    const now = this.deps.clock.now();
    if (filter?.readerSessionId) {
      const reader = this.tracker(filter.readerSessionId);
      reader.lastDigestReadAt = now;
      reader.signal(now);
    }
    const want = filter?.sessionIds ? new Set(filter.sessionIds) : null;
    return this.deps.sessions.list().flatMap((s) => {
      if (want && !want.has(s.id)) return [];
      const t = this.tracker(s.id);
      const issues: HealthIssue[] = [...t.issues.values()];
      return [
        {
          sessionId: s.id,
          name: s.name,
          role: s.role,
          state: s.state,
          activity: s.activity.state,
          lastSignalAgeMs: t.lastSignalAt === null ? null : now - t.lastSignalAt,
          cpuPct: t.lastSample?.cpuPct ?? null,
          rssBytes: t.lastSample?.rssBytes ?? null,
          anomaly: t.lastSample?.anomaly ?? 0,
          issues: issues.map((i) => i.reason),
        },
      ];
    });
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = null;
    for (const s of this.subs) s.dispose();
    this.onTick.dispose();
    this.onChanged.dispose();
  }
}
