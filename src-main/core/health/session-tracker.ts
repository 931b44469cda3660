import type { AgentState } from '../../../src-preload/contract/activity';
import type { HealthIssue, HealthSample, IssueKind } from '../../../src-preload/contract/health';
import type { TreeSample } from '../ports/process-stats';
import { ANOMALY_Z_THRESHOLD, createOutputRateDetector, createTaskDurationDetector, score, type DetectorState } from '../monitor/anomaly';
import { createPhiDetector, heartbeat, phi, PHI_SUSPECT_THRESHOLD, type PhiState } from '../monitor/phi-accrual';
import type { PatternHit } from './patterns';

/** What the monitor reads about one session at one tick (the live facts, gathered in one pass). */
export interface TickInput {
  readonly now: number;
  readonly live: boolean;
  readonly pid: number | null;
  /** Total output chars of the current process (TerminalStream offset). */
  readonly outputChars: number;
  readonly activity: AgentState;
  readonly tree: TreeSample | null;
  readonly pendingApprovals: number;
}

/** Signals and detector states of one session. Mutable, owned by the HealthMonitor; all times passed in. */
export class SessionTracker {
  lastSignalAt: number | null = null;
  lastOutputAt: number | null = null;
  busySince: number | null = null;
  private activity: AgentState = 'starting';
  private pid: number | null = null;
  private lastChars = 0;
  private lastTickAt: number | null = null;
  private prevTree: TreeSample | null = null;
  private rate: DetectorState = createOutputRateDetector();
  private task: DetectorState = createTaskDurationDetector();
  private beats: PhiState = createPhiDetector();
  private signalSinceTick = false;
  /** Consecutive samples at or above the flood rate. */
  floodSince: number | null = null;
  highCpuSince: number | null = null;
  /** Pattern hits of the last screen scan and of recent hook payloads, by kind. */
  screenHits: PatternHit[] = [];
  hookHits: { hit: PatternHit; at: number }[] = [];
  lastSample: HealthSample | null = null;
  /** Issues as of the last evaluation, by kind (the monitor diffs them for events). */
  issues = new Map<IssueKind, HealthIssue>();
  /** Output arrived since the last screen scan. */
  screenDirty = false;
  /** When this session (a MonitorAI) last read the health digest; null if it never did. */
  lastDigestReadAt: number | null = null;
  /** Its health was pushed to the views at least once. */
  announced = false;
  lastScreenScanAt = 0;

  constructor(readonly sessionId: string) {}

  /** Output was flushed, a hook arrived or the activity changed: the agent is alive. */
  signal(now: number): void {
    this.lastSignalAt = now;
    this.signalSinceTick = true;
  }

  output(now: number): void {
    this.lastOutputAt = now;
    this.screenDirty = true;
    this.signal(now);
  }

  setActivity(state: AgentState, now: number): void {
    if (state === this.activity) return;
    if (state === 'busy') this.busySince = now;
    else if (this.activity === 'busy' && this.busySince !== null) {
      // A finished turn: fold its duration into "how long tasks usually take".
      this.task = score(this.task, now - this.busySince).state;
      this.busySince = null;
    }
    this.activity = state;
    this.signal(now);
  }

  get currentActivity(): AgentState {
    return this.activity;
  }

  /** One sample: rates from the deltas since the previous tick, anomaly scores, then the stored sample. */
  tick(t: TickInput): HealthSample {
    if (t.pid !== this.pid) {
      // A new process: its output counter and CPU time start again from zero.
      this.pid = t.pid;
      this.lastChars = 0;
      this.prevTree = null;
      this.floodSince = null;
      this.screenHits = [];
      this.hookHits = [];
      // (lastDigestReadAt is reset when the session starts again, not here: the first tick of a
      // process may come after its first digest read.)
    }
    this.setActivity(t.activity, t.now);
    const dtMs = this.lastTickAt === null ? 0 : t.now - this.lastTickAt;
    const chars = Math.max(0, t.outputChars - this.lastChars);
    this.lastChars = t.outputChars;
    this.lastTickAt = t.now;
    const outRate = dtMs > 0 ? (chars * 1_000) / dtMs : 0;

    let cpuPct: number | null = null;
    if (t.tree && this.prevTree && t.tree.sampledAt > this.prevTree.sampledAt) {
      // Negative when a child exited (its time leaves the sum): clamp, as the port says.
      cpuPct = (Math.max(0, t.tree.cpuMsTotal - this.prevTree.cpuMsTotal) / (t.tree.sampledAt - this.prevTree.sampledAt)) * 100;
    }
    if (t.tree) this.prevTree = t.tree;

    let anomaly = 0;
    if (t.live && dtMs > 0) {
      const r = score(this.rate, outRate);
      this.rate = r.state;
      anomaly = Math.max(anomaly, Math.abs(r.score ?? 0));
    }
    if (this.signalSinceTick && this.lastSignalAt !== null) this.beats = heartbeat(this.beats, this.lastSignalAt);
    this.signalSinceTick = false;
    const age = this.lastSignalAt === null ? null : Math.max(0, t.now - this.lastSignalAt);
    if (t.live && this.activity === 'busy') {
      // Silence only means something while the agent says it is working.
      if (age !== null) anomaly = Math.max(anomaly, (phi(this.beats, age) / PHI_SUSPECT_THRESHOLD) * ANOMALY_Z_THRESHOLD);
      if (this.busySince !== null) anomaly = Math.max(anomaly, score(this.task, t.now - this.busySince).score ?? 0);
    }
    const sample: HealthSample = {
      ts: t.now,
      sessionId: this.sessionId,
      cpuPct: cpuPct === null ? null : Math.round(cpuPct * 10) / 10,
      rssBytes: t.tree ? t.tree.rssBytes : null,
      outRate: Math.round(outRate),
      heartbeatAgeMs: age,
      anomaly: Math.round(Math.min(anomaly, 1_000) * 100) / 100,
      pendingApprovals: t.pendingApprovals,
    };
    this.lastSample = sample;
    return sample;
  }
}
