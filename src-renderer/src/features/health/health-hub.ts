import type { StoredEvent } from '../../../../src-preload/contract/events';
import type { HealthMode, HealthSettings, HostHealth, RecoveryOutcome, RecoveryRequest, SessionHealth } from '../../../../src-preload/contract/health';
import type { Result } from '../../../../src-preload/contract/result';
import type { RendererApi } from '../../ipc/renderer-api';
import { SampleSeries } from './series';

/** The graphs open on the last 30 minutes of stored history. */
export const HISTORY_WINDOW_MS = 30 * 60_000;
/** One read covers 30 min of 10 sessions at 1 s; more sessions get a shorter history (the newest samples). */
const HISTORY_LIMIT = 20_000;

/**
 * The health feature's non-React side, built once in main.tsx: per-session
 * health (few changes, read by React through subscribe/snapshot) and the
 * sample series (every tick, read by the uPlot charts directly — never React
 * state). It reloads itself after every reconnect.
 */
export class HealthHub {
  readonly series = new SampleSeries();
  private byId: Readonly<Record<string, SessionHealth>> = {};
  private settings: HealthSettings | null = null;
  private host: HostHealth | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly tickListeners = new Set<() => void>();
  private readonly subs: (() => void)[];
  private loadedHistory = false;

  constructor(private readonly api: RendererApi) {
    this.subs = [
      api.on('health.changed', (h) => {
        this.byId = { ...this.byId, [h.sessionId]: h };
        this.emit();
      }),
      api.on('health.tick', (t) => {
        this.series.add(t.samples);
        this.host = t.host;
        for (const l of this.tickListeners) l();
      }),
      api.onReconnect(() => void this.load()),
    ];
    if (api.connection().state === 'open') void this.load();
    else {
      const un = api.onConnection((c) => {
        if (c.state === 'open') {
          un();
          void this.load();
        }
      });
      this.subs.push(un);
    }
  }

  /** Overview now, and the stored history once (graphs survive a reload). */
  async load(): Promise<void> {
    const o = await this.api.invoke('health.overview', {});
    if (o.ok) {
      this.byId = Object.fromEntries(o.value.sessions.map((h) => [h.sessionId, h]));
      this.settings = o.value.settings;
      this.host = o.value.host;
      this.emit();
    }
    if (!this.loadedHistory) await this.loadHistory();
  }

  async loadHistory(): Promise<void> {
    const h = await this.api.invoke('health.samples', { sinceTs: Date.now() - HISTORY_WINDOW_MS, limit: HISTORY_LIMIT });
    if (!h.ok) return;
    this.loadedHistory = true;
    this.series.load(h.value);
    for (const l of this.tickListeners) l();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** React (useSyncExternalStore): per-session health and settings. */
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  snapshot = (): Readonly<Record<string, SessionHealth>> => this.byId;
  getSettings = (): HealthSettings | null => this.settings;
  getHost = (): HostHealth | null => this.host;

  /** Charts: called after every tick (and after the history arrived). */
  onTick(l: () => void): () => void {
    this.tickListeners.add(l);
    return () => this.tickListeners.delete(l);
  }

  act(req: RecoveryRequest): Promise<Result<RecoveryOutcome>> {
    return this.api.invoke('health.act', req);
  }

  async setMode(mode: HealthMode, sessionId?: string): Promise<Result<HealthSettings>> {
    const r = await this.api.invoke('health.setMode', sessionId ? { mode, sessionId } : { mode });
    if (r.ok) {
      this.settings = r.value;
      this.emit();
    }
    return r;
  }

  events(sessionId?: string): Promise<Result<StoredEvent[]>> {
    return this.api.invoke('health.events', sessionId ? { sessionId, limit: 300 } : { limit: 300 });
  }

  dispose(): void {
    for (const un of this.subs) un();
    this.listeners.clear();
    this.tickListeners.clear();
  }
}
