import type { HealthDigestEntry } from '../ports/run-control';
import type { SessionService } from '../sessions/session-service';

/**
 * MonitorAI's health digest built from session states alone, for when the
 * health feature (CPU, memory, anomaly scores) is not wired: honest about
 * what it does not know (null), never invented.
 */
export function sessionDigest(sessions: Pick<SessionService, 'get'>, ids: readonly string[], now: number): HealthDigestEntry[] {
  const out: HealthDigestEntry[] = [];
  for (const id of ids) {
    const rt = sessions.get(id);
    if (!rt.ok) continue;
    const info = rt.value.info();
    const issues: string[] = [];
    if (info.state === 'crashed') issues.push(`crashed: ${info.lastError ?? 'unknown'}`);
    if (info.state === 'exited') issues.push('exited');
    if (info.activity.state === 'awaiting_approval') issues.push('waiting for a permission answer');
    out.push({
      sessionId: id,
      name: info.name,
      role: info.role,
      state: info.state,
      activity: info.activity.state,
      lastSignalAgeMs: Math.max(0, now - info.activity.since),
      cpuPct: null,
      rssBytes: null,
      anomaly: 0,
      issues,
    });
  }
  return out;
}
