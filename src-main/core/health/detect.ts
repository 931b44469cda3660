import type { SessionState } from '../../../src-preload/contract/session';
import type { HealthIssue } from '../../../src-preload/contract/health';
import { ANOMALY_Z_THRESHOLD } from '../monitor/anomaly';
import { detectStall } from '../monitor/stall';
import type { SessionTracker } from './session-tracker';

/** What the monitor's detectors are tuned with (HealthMonitor config; tests shrink the times). */
export interface DetectConfig {
  /** Busy with no output for this long is a stall. */
  readonly stallMs: number;
  /** Output above this rate… */
  readonly floodCharsPerSec: number;
  /** …for this long is a flood. */
  readonly floodMs: number;
  /** A hook payload's error stays an issue this long (hooks are events, not a standing screen). */
  readonly hookIssueTtlMs: number;
  readonly highCpuPct: number;
  readonly highCpuMs: number;
  readonly highRssBytes: number;
}

/**
 * 256 K chars/s: Claude streams a few KB/s and a TUI spinner ~1 KB/s, while a
 * runaway loop or `cat` of a huge file runs at MB/s. Two seconds above it is
 * not a burst (a diff or a test log), it is a flood.
 */
export const FLOOD_CHARS_PER_SEC = 256 * 1024;
export const FLOOD_MS = 2_000;
/** A hook's error is news for a minute; after that, the screen (or a new hook) decides. */
export const HOOK_ISSUE_TTL_MS = 60_000;
/** One core busy for a minute on one agent's tree is worth showing (builds do it; loops too). */
export const SESSION_HIGH_CPU_PCT = 95;
export const SESSION_HIGH_CPU_MS = 60_000;
/** 4 GiB resident for one agent tree: beyond any CLI's normal use, a leak or a runaway build. */
export const SESSION_HIGH_RSS_BYTES = 4 * 1024 ** 3;

export interface SessionFacts {
  readonly now: number;
  readonly state: SessionState;
  readonly lastError: string | null;
  /** When the process ended (crashed sessions). */
  readonly endedAt: number | null;
}

const secs = (ms: number): number => Math.round(ms / 1000);

/** The session's issues now. Updates the tracker's "since" timers for sustained conditions. */
export function detectIssues(t: SessionTracker, f: SessionFacts, cfg: DetectConfig): HealthIssue[] {
  const keep = (kind: HealthIssue['kind']): number => t.issues.get(kind)?.since ?? f.now;
  const out: HealthIssue[] = [];
  if (f.state === 'crashed') {
    out.push({ kind: 'crashed', severity: 'high', reason: `The agent crashed: ${f.lastError ?? 'it exited unexpectedly'}.`, since: f.endedAt ?? keep('crashed') });
  }
  const live = f.state === 'running' || f.state === 'starting';
  const s = t.lastSample;
  if (live && t.currentActivity === 'busy') {
    const v = detectStall({ lastScreenChangeAt: t.lastOutputAt ?? t.busySince ?? f.now, busySince: t.busySince, state: 'busy', now: f.now, stallMs: cfg.stallMs });
    if (v.stalled) out.push({ kind: 'stalled', severity: 'high', reason: v.reason, since: v.stalledSince });
  }
  if (live && s && s.outRate >= cfg.floodCharsPerSec) {
    t.floodSince ??= f.now;
    if (f.now - t.floodSince >= cfg.floodMs) {
      out.push({ kind: 'output_flood', severity: 'medium', reason: `Output flood: ${Math.round(s.outRate / 1024)} K chars/s for ${secs(f.now - t.floodSince)} s.`, since: keep('output_flood') });
    }
  } else t.floodSince = null;
  if (live && s && s.cpuPct !== null && s.cpuPct >= cfg.highCpuPct) {
    t.highCpuSince ??= f.now;
    if (f.now - t.highCpuSince >= cfg.highCpuMs) out.push({ kind: 'high_cpu', severity: 'low', reason: `CPU ${Math.round(s.cpuPct)} % for ${secs(f.now - t.highCpuSince)} s.`, since: keep('high_cpu') });
  } else t.highCpuSince = null;
  if (live && s && s.rssBytes !== null && s.rssBytes >= cfg.highRssBytes) {
    out.push({ kind: 'high_memory', severity: 'medium', reason: `Memory ${Math.round(s.rssBytes / 1024 ** 2)} MB.`, since: keep('high_memory') });
  }
  if (live && s && s.anomaly >= ANOMALY_Z_THRESHOLD && t.currentActivity === 'busy') {
    out.push({ kind: 'anomaly', severity: 'low', reason: `Unusual behaviour: anomaly score ${s.anomaly.toFixed(1)} (threshold ${ANOMALY_Z_THRESHOLD}).`, since: keep('anomaly') });
  }
  if (live) {
    const seen = new Set(out.map((i) => i.kind));
    for (const h of t.screenHits) {
      if (seen.has(h.pattern.kind)) continue;
      seen.add(h.pattern.kind);
      out.push({ kind: h.pattern.kind, severity: h.pattern.severity, reason: `On screen: ${h.pattern.label} — "${h.line}"`, since: keep(h.pattern.kind) });
    }
    t.hookHits = t.hookHits.filter((x) => f.now - x.at < cfg.hookIssueTtlMs);
    for (const { hit } of t.hookHits) {
      if (seen.has(hit.pattern.kind)) continue;
      seen.add(hit.pattern.kind);
      out.push({ kind: hit.pattern.kind, severity: hit.pattern.severity, reason: `Hook: ${hit.pattern.label} — "${hit.line}"`, since: keep(hit.pattern.kind) });
    }
  }
  return out;
}
