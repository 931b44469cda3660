import type { StoredEvent } from '../../../../src-preload/contract/events';
import { isRunOver, MAX_WORKERS_LIMIT, PROTOCOL_EVENT_PREFIX, type RunState, type TaskInfo, type TaskState } from '../../../../src-preload/contract/runs';
import type { BadgeTone } from '../../components/Badge';

/** Words a person reads for MainAI's states (MISSION.md), with a colour each. */
export const RUN_STATE_VIEW: Record<RunState, { label: string; tone: BadgeTone }> = {
  idle: { label: 'idle', tone: 'neutral' },
  analyzing: { label: 'analysing the request', tone: 'busy' },
  spawning_workers: { label: 'starting workers', tone: 'busy' },
  executing: { label: 'executing', tone: 'busy' },
  integrating: { label: 'integrating results', tone: 'busy' },
  completed: { label: 'completed', tone: 'ok' },
  error: { label: 'error', tone: 'error' },
  paused: { label: 'paused', tone: 'warn' },
  frozen: { label: 'frozen', tone: 'error' },
  shutting_down: { label: 'shutting down', tone: 'busy' },
  stopped: { label: 'stopped', tone: 'neutral' },
};

/** A finished run has no stop/pause buttons and a report to read. */
export const isFinished = isRunOver;

/** The task board's columns, left to right as work flows. */
export const BOARD_COLUMNS: readonly { state: TaskState; title: string }[] = [
  { state: 'queued', title: 'Queued' },
  { state: 'assigned', title: 'Assigned' },
  { state: 'running', title: 'Running' },
  { state: 'completed', title: 'Completed' },
  { state: 'failed', title: 'Failed' },
  { state: 'skipped', title: 'Skipped' },
];

export type TaskAction = 'retry' | 'reassign' | 'skip';

/**
 * What a person may do with a task in its state. Retry is for a failed task;
 * reassign takes it off a worker that is stuck with it; skip gives up on
 * anything not finished. The core checks again (it may have moved on).
 */
export function taskActions(t: Pick<TaskInfo, 'state'>): TaskAction[] {
  switch (t.state) {
    case 'failed':
      return ['retry', 'skip'];
    case 'assigned':
    case 'running':
      return ['reassign', 'skip'];
    case 'queued':
      return ['skip'];
    case 'completed':
    case 'skipped':
      return [];
  }
}

/** "3 of 5 done · 1 failed" for the run list. */
export function progressText(tasks: readonly Pick<TaskInfo, 'state'>[]): string {
  if (tasks.length === 0) return 'no tasks yet';
  const count = (s: TaskState) => tasks.filter((t) => t.state === s).length;
  const done = count('completed');
  const parts = [`${done} of ${tasks.length} done`];
  const failed = count('failed');
  if (failed > 0) parts.push(`${failed} failed`);
  const skipped = count('skipped');
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return parts.join(' · ');
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const field = (data: unknown, key: string): string | null =>
  typeof data === 'object' && data !== null ? str((data as Record<string, unknown>)[key]) : null;

/**
 * One timeline line: the protocol message type without its prefix, and the
 * payload fields a person looks for first (MISSION.md's payloads). Unknown
 * types still show, with their data as compact JSON.
 */
export function describeTimelineEvent(e: Pick<StoredEvent, 'type' | 'data'>): { kind: string; text: string } {
  const kind = e.type.startsWith(PROTOCOL_EVENT_PREFIX) ? e.type.slice(PROTOCOL_EVENT_PREFIX.length) : e.type;
  const d = e.data;
  const pick = (...keys: string[]) => keys.map((k) => field(d, k)).find((v) => v !== null) ?? null;
  let text: string | null;
  switch (kind) {
    case 'task_analysis_complete':
      text = field(d, 'task_count') !== null ? `${field(d, 'task_count')} tasks planned` : null;
      break;
    case 'worker_spawned':
      text = pick('worker_name', 'worker_id');
      break;
    case 'worker_error':
      text = [pick('worker_name', 'worker_id'), pick('error')].filter(Boolean).join(': ');
      break;
    case 'recovery_suggestion':
      text = [pick('strategy'), pick('diagnosis')].filter(Boolean).join(' — ');
      break;
    case 'shutdown':
    case 'pause':
    case 'resume':
      text = pick('reason');
      break;
    default:
      text = pick('status', 'hint', 'error', 'title', 'summary', 'reason', 'state', 'request');
  }
  if (text === null || text === '') {
    const json = d === undefined || d === null ? '' : JSON.stringify(d);
    text = json === '{}' ? '' : json.length > 160 ? `${json.slice(0, 157)}…` : json;
  }
  return { kind, text };
}

/** Protocol messages that report trouble are shown in the error colour. */
export const timelineTone = (kind: string): BadgeTone =>
  kind === 'worker_error' || kind === 'critical_error' || kind.endsWith('failed')
    ? 'error'
    : kind === 'recovery_suggestion' || kind === 'optimization_hint' || kind === 'pause' || kind === 'shutdown'
      ? 'warn'
      : kind.endsWith('completed') || kind === 'resume'
        ? 'ok'
        : 'neutral';

/** Parses the workers field; the contract bounds it, the dialog says so before asking the core. */
export function parseMaxWorkers(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_WORKERS_LIMIT) return { ok: false, error: `A whole number from 1 to ${MAX_WORKERS_LIMIT}.` };
  return { ok: true, value: n };
}

/**
 * The orchestrator names a run's sessions "<role label> · <run name>"; inside
 * that run's view the run name is noise, so only the role part is shown.
 */
export function nameInRun(sessionName: string, runName: string): string {
  const suffix = ` · ${runName}`;
  return sessionName.endsWith(suffix) && sessionName.length > suffix.length ? sessionName.slice(0, -suffix.length) : sessionName;
}
