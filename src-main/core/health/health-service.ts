import type { RecoveryOutcome, RecoveryRequestParsed } from '../../../src-preload/contract/health';
import type { Result } from '../../../src-preload/contract/result';
import type { Logger } from '../../lib/logger';
import type { Clock } from '../ports/clock';
import type { HealthRepo } from '../ports/health-store';
import type { ProcessSignals } from '../ports/process-signals';
import type { ProcessStats } from '../ports/process-stats';
import type { RunControl } from '../ports/run-control';
import { RecoveryExecutor } from '../recovery/executor';
import { Healer } from '../recovery/healer';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from '../recovery/restart-policy';
import type { RecoveryActor } from '../recovery/strategies';
import type { SessionService } from '../sessions/session-service';
import { FLOOD_CHARS_PER_SEC, FLOOD_MS, HOOK_ISSUE_TTL_MS, SESSION_HIGH_CPU_MS, SESSION_HIGH_CPU_PCT, SESSION_HIGH_RSS_BYTES } from './detect';
import { HealthMonitor, type HealthConfig } from './health-monitor';
import { DEFAULT_STALL_MS } from '../monitor/stall';

/** One sample a second: detection within seconds (MISSION.md), at a cost that stays flat (one snapshot per tick). */
export const HEALTH_SAMPLE_INTERVAL_MS = 1_000;
/** Host CPU over 5 s is steadier than over 1 s, and statfs/meminfo need not run every tick. */
export const HOST_EVERY_TICKS = 5;
/** A screen scan per second per busy session at most: errors stay on screen for far longer. */
export const SCREEN_SCAN_MS = 1_000;
/** Graphs show the last day; older samples go (≈ 86 400 rows per session per day at 1 s). */
export const HEALTH_RETENTION_MS = 24 * 3_600_000;
/** MISSION.md: "a MainAI silent for 30 s is reported"; the watcher gets twice that before the watchdog acts. */
export const MONITOR_SILENT_MS = 60_000;

export const DEFAULT_HEALTH_CONFIG: HealthConfig = {
  sampleIntervalMs: HEALTH_SAMPLE_INTERVAL_MS,
  hostEveryTicks: HOST_EVERY_TICKS,
  screenScanMs: SCREEN_SCAN_MS,
  retentionMs: HEALTH_RETENTION_MS,
  defaultMode: 'suggest',
  monitorSilentMs: MONITOR_SILENT_MS,
  readyStates: ['idle', 'awaiting_input', 'awaiting_approval'],
  detect: {
    stallMs: DEFAULT_STALL_MS,
    floodCharsPerSec: FLOOD_CHARS_PER_SEC,
    floodMs: FLOOD_MS,
    hookIssueTtlMs: HOOK_ISSUE_TTL_MS,
    highCpuPct: SESSION_HIGH_CPU_PCT,
    highCpuMs: SESSION_HIGH_CPU_MS,
    highRssBytes: SESSION_HIGH_RSS_BYTES,
  },
};

export interface HealthServiceDeps {
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  stats: ProcessStats;
  repo: HealthRepo;
  runControl: RunControl;
  signals: ProcessSignals;
  cleanWorkspace(cwd: string): Result<void>;
  pendingApprovals(): ReadonlyMap<string, number>;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  config?: Partial<Omit<HealthConfig, 'detect'>> & { detect?: Partial<HealthConfig['detect']> };
  policy?: RestartPolicy;
  random?: () => number;
}

/**
 * The health feature put together: executor (applies strategies), healer
 * (staged self-healing) and monitor (sampling and detection). compose.ts
 * builds one and hands its pieces to the API handlers and the hub.
 */
export class HealthService {
  readonly executor: RecoveryExecutor;
  readonly healer: Healer;
  readonly monitor: HealthMonitor;
  readonly config: HealthConfig;

  constructor(private readonly deps: HealthServiceDeps) {
    const c = deps.config ?? {};
    this.config = { ...DEFAULT_HEALTH_CONFIG, ...c, detect: { ...DEFAULT_HEALTH_CONFIG.detect, ...c.detect } };
    this.executor = new RecoveryExecutor({ sessions: deps.sessions, runControl: deps.runControl, signals: deps.signals, cleanWorkspace: deps.cleanWorkspace });
    this.healer = new Healer({
      clock: deps.clock,
      executor: this.executor,
      runControl: deps.runControl,
      policy: deps.policy ?? DEFAULT_RESTART_POLICY,
      random: deps.random ?? Math.random,
      event: (type, id, data) => deps.sessions.event(type, id, data),
      notify: deps.notify,
      changed: (id) => this.monitor.emitChanged(id),
    });
    this.monitor = new HealthMonitor({
      clock: deps.clock,
      logger: deps.logger,
      sessions: deps.sessions,
      stats: deps.stats,
      repo: deps.repo,
      healer: this.healer,
      config: this.config,
      pendingApprovals: deps.pendingApprovals,
      isPaused: (id) => this.executor.isPaused(id),
      workOf: (id) => ({ runId: deps.runControl.runOf(id), taskId: deps.runControl.currentTask(id)?.taskId ?? null }),
    });
    // The restart budget survives a core restart: a crash loop stays a loop.
    this.healer.loadHistory(deps.sessions.eventsOfType(['recovery.action'], undefined, 1_000));
  }

  start(): void {
    this.monitor.start();
  }

  /**
   * Sessions that were running when the previous core died (DESIGN.md §7:
   * "nothing acknowledged is lost"): in auto mode they are started again —
   * Claude resumes its conversation — otherwise the person is told and the
   * restart is suggested on their cards.
   */
  restoreInterrupted(ids: readonly string[]): void {
    const reason = 'The core stopped while this session was running.';
    const manual: string[] = [];
    for (const id of ids) {
      const rt = this.deps.sessions.get(id);
      if (!rt.ok) continue;
      // Run sessions (MonitorAI too) come back with their run when it is resumed, unless the person chose auto.
      if (this.monitor.modeOf(id) === 'auto') {
        void this.act({ strategy: 'restart_session', sessionId: id, cleanWorkspace: false, reason: `${reason} Restarted (its conversation resumes where the agent supports it).` }, 'healer');
      } else {
        manual.push(rt.value.record.name);
        this.deps.sessions.event('recovery.suggested', id, { strategy: 'restart_session', reason, source: 'core' });
      }
    }
    if (manual.length > 0) this.deps.notify('warning', `${manual.length} session(s) were running when the app stopped: ${manual.join(', ')}. Restart them from their cards.`);
  }

  /** A recovery asked for by a person (a button) or MonitorAI: pending automatic steps give way. */
  async act(req: RecoveryRequestParsed, by: RecoveryActor, correlationId: string | null = null): Promise<Result<RecoveryOutcome>> {
    const { sessionId, reason, ...s } = req;
    this.healer.acted(sessionId, s.strategy, by);
    const r = await this.executor.apply(sessionId, s, by, reason ?? `asked by ${by === 'person' ? 'the person' : by}`, correlationId);
    this.monitor.emitChanged(sessionId);
    return r;
  }

  dispose(): void {
    this.monitor.dispose();
    this.healer.dispose();
  }
}
