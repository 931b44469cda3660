import { z } from 'zod';
import { StoredEvent } from '../../../src-preload/contract/events';
import { CreateRunInput, RunDetail, RunId, RunInfo, RunReport, TaskId, TaskInfo } from '../../../src-preload/contract/runs';
import { viaChannel } from './channel-route';
import type { ControlModule } from './deps';

const ByRun = z.object({ id: RunId });
const ByTask = z.object({ id: TaskId });
const Reason = z.object({ reason: z.string().trim().max(500).optional() }).strict();

/**
 * Runs and tasks (issue 4) over HTTP: the same actions as the run view, through
 * the same handlers (a script starts a run, CI pauses it, a bot retries a task).
 */
export const runsRoutes: ControlModule = (api, d) => {
  const h = d.handlers;
  const tag = 'runs';
  api.route({ method: 'GET', url: '/api/v1/runs', access: 'viewer', tag, summary: 'List runs, newest first', response: z.array(RunInfo) }, (_i, ctx) =>
    viaChannel(h, 'runs.list', {}, ctx),
  );
  api.route(
    { method: 'GET', url: '/api/v1/runs/:id', access: 'viewer', tag, summary: 'One run with its tasks', params: ByRun, response: RunDetail },
    ({ params }, ctx) => viaChannel(h, 'runs.get', { runId: params.id }, ctx),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/runs', access: 'operator', tag, summary: 'Start a run: MainAI gets the request, MonitorAI watches',
      body: CreateRunInput, response: RunDetail, successStatus: 201,
    },
    ({ body }, ctx) => viaChannel(h, 'runs.create', body, ctx),
  );
  for (const [action, channel, summary] of [
    ['pause', 'runs.pause', 'Pause: no task is handed out until resumed'],
    ['stop', 'runs.stop', 'Stop every session of the run gracefully; the run ends stopped'],
  ] as const) {
    api.route(
      { method: 'POST', url: `/api/v1/runs/:id/${action}`, access: 'operator', tag, summary, params: ByRun, body: Reason, response: RunInfo },
      ({ params, body }, ctx) => viaChannel(h, channel, { runId: params.id, ...(body.reason ? { reason: body.reason } : {}) }, ctx),
    );
  }
  api.route(
    {
      method: 'POST', url: '/api/v1/runs/:id/resume', access: 'operator', tag, summary: 'Resume a paused run (after an app restart too: sessions restarted, conversations resumed)',
      params: ByRun, body: z.object({}).strict(), response: RunInfo,
    },
    ({ params }, ctx) => viaChannel(h, 'runs.resume', { runId: params.id }, ctx),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/runs/:id/timeline', access: 'viewer', tag, summary: 'Protocol messages and task events of the run, oldest first; page with afterSeq',
      params: ByRun,
      query: z.object({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1_000).default(500) }).strict(),
      response: z.array(StoredEvent),
    },
    ({ params, query }, ctx) => viaChannel(h, 'runs.timeline', { runId: params.id, afterSeq: query.afterSeq, limit: query.limit }, ctx),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/runs/:id/report', access: 'viewer', tag, summary: 'The integrated result: per task outcome, files and summary, as JSON and Markdown',
      params: ByRun, response: z.object({ report: RunReport, markdown: z.string() }),
    },
    ({ params }, ctx) => viaChannel(h, 'runs.report', { runId: params.id, format: 'json' }, ctx),
  );
  for (const [action, channel, summary] of [
    ['retry', 'tasks.retry', 'Queue the task for another attempt (at most 3; backoff 1 s, 2 s, 4 s)'],
    ['reassign', 'tasks.reassign', 'Take the task off its worker and give it to another'],
    ['skip', 'tasks.skip', 'Give up on the task; the run goes on without it'],
  ] as const) {
    api.route(
      { method: 'POST', url: `/api/v1/tasks/:id/${action}`, access: 'operator', tag, summary, params: ByTask, body: Reason, response: TaskInfo },
      ({ params, body }, ctx) => viaChannel(h, channel, { taskId: params.id, ...(body.reason ? { reason: body.reason } : {}) }, ctx),
    );
  }
};
