import { PROTOCOL_EVENT_PREFIX, type ProtocolType, type RunInfo, type TaskInfo } from '../../../src-preload/contract/runs';
import type { StoredEvent } from '../../../src-preload/contract/events';

/**
 * The dual-orchestration protocol (MISSION.md): every message is an event
 * `protocol.<type>` whose envelope is the stored event itself — type, ts
 * (timestamp), sender, sessionId, correlationId — and whose data carries the
 * payload plus the runId (the timeline is queried by it).
 */
export type ProtocolSender = 'main_ai' | 'monitor_ai' | 'core' | 'person';

export const protocolEventType = (type: ProtocolType): string => `${PROTOCOL_EVENT_PREFIX}${type}`;

/** Which messages wake MonitorAI at once instead of waiting for the next scheduled digest. */
export const URGENT_PROTOCOL_TYPES: readonly ProtocolType[] = ['worker_error', 'critical_error'];

/** A digest typed into MonitorAI's terminal stays short: it is a prompt, not a log dump. */
export const MAX_DIGEST_CHARS = 1_500;
const MAX_ITEM_CHARS = 200;

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function describe(e: StoredEvent): string {
  const type = e.type.slice(PROTOCOL_EVENT_PREFIX.length);
  const d = { ...(e.data as Record<string, unknown>) };
  delete d.runId;
  const fields = Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(clip(v, MAX_ITEM_CHARS)) : JSON.stringify(v)}`)
    .join(' ');
  return `${type} from ${e.sender}${fields ? ` (${fields})` : ''}`;
}

/** One line for MonitorAI: where the run stands and what was said since the last digest. */
export function digestText(run: RunInfo, tasks: readonly TaskInfo[], news: readonly StoredEvent[]): string {
  const count = (s: TaskInfo['state']): number => tasks.filter((t) => t.state === s).length;
  const failed = tasks.filter((t) => t.state === 'failed').map((t) => `${t.id} "${clip(t.title, 60)}" (attempt ${t.attempts}: ${clip(t.error ?? '', 120)})`);
  const head =
    `[orchestrator digest] run ${run.id} is ${run.state}; tasks: ${tasks.length} total, ${count('queued')} queued, ` +
    `${count('assigned') + count('running')} active, ${count('completed')} completed, ${count('failed')} failed, ${count('skipped')} skipped.`;
  const failedPart = failed.length > 0 ? ` Failed: ${failed.join('; ')}.` : '';
  const newsPart = news.length > 0 ? ` New messages: ${news.map(describe).join('; ')}.` : '';
  const tail = ' Use your tools (read_health_digest, suggest_recovery, pause_run, resume_run) if something needs doing; otherwise just reply "ok".';
  const body = `${head}${failedPart}${newsPart}`;
  return `${clip(body, MAX_DIGEST_CHARS - tail.length)}${tail}`;
}
