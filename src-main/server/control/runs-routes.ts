import { z } from 'zod';
import { CreateRunInput, RunId, TaskId } from '../../../src-preload/contract/runs';
import { channelRoute } from './channel-route';
import type { ControlModule } from './deps';

const ByRun = z.object({ id: RunId });
const Reason = z.object({ reason: z.string().trim().max(500).optional() }).strict();

/** Runs and tasks (issue 4) over HTTP: the contract's runs.* and tasks.* channels. */
export const runsRoutes: ControlModule = (api, d) => {
  const tag = 'runs';
  channelRoute(api, d, { method: 'GET', url: '/api/v1/runs', access: 'viewer', tag, summary: 'List runs', channel: 'runs.list', input: () => ({}) });
  channelRoute(api, d, { method: 'GET', url: '/api/v1/runs/:id', access: 'viewer', tag, summary: 'A run with its tasks and sessions', channel: 'runs.get', params: ByRun, input: ({ params }) => ({ runId: params.id }) });
  channelRoute(api, d, {
    method: 'POST', url: '/api/v1/runs', access: 'operator', tag, summary: 'Start a run (MainAI, MonitorAI, workers)', channel: 'runs.create',
    body: CreateRunInput, successStatus: 201, input: ({ body }) => body,
  });
  for (const [action, channel] of [['stop', 'runs.stop'], ['pause', 'runs.pause']] as const) {
    channelRoute(api, d, {
      method: 'POST', url: `/api/v1/runs/:id/${action}`, access: 'operator', tag, summary: `${action === 'stop' ? 'Stop' : 'Pause'} a run`, channel,
      params: ByRun, body: Reason, input: ({ params, body }) => ({ runId: params.id, ...body }),
    });
  }
  channelRoute(api, d, {
    method: 'POST', url: '/api/v1/runs/:id/resume', access: 'operator', tag, summary: 'Resume a paused or interrupted run', channel: 'runs.resume',
    params: ByRun, input: ({ params }) => ({ runId: params.id }),
  });
  channelRoute(api, d, {
    method: 'GET', url: '/api/v1/runs/:id/timeline', access: 'viewer', tag, summary: 'The run’s protocol messages and task events, oldest first', channel: 'runs.timeline',
    params: ByRun, query: z.object({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1_000).default(500) }).strict(),
    input: ({ params, query }) => ({ runId: params.id, ...query }),
  });
  channelRoute(api, d, {
    method: 'GET', url: '/api/v1/runs/:id/report', access: 'viewer', tag, summary: 'The integrated report (JSON and Markdown)', channel: 'runs.report',
    params: ByRun, query: z.object({ format: z.enum(['json', 'markdown']).default('json') }).strict(), input: ({ params, query }) => ({ runId: params.id, ...query }),
  });
  for (const action of ['retry', 'skip', 'reassign'] as const) {
    channelRoute(api, d, {
      method: 'POST', url: `/api/v1/tasks/:id/${action}`, access: 'operator', tag, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a task`, channel: `tasks.${action}`,
      params: z.object({ id: TaskId }), body: Reason, input: ({ params, body }) => ({ taskId: params.id, ...body }),
    });
  }
};
