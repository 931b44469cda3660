import { z } from 'zod';
import { AppInfo } from '../../../src-preload/contract/channels';
import { ok } from '../../../src-preload/contract/result';
import type { ControlModule } from './deps';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  app: AppInfo,
  uptimeMs: z.number(),
  sessions: z.object({
    total: z.number().int(),
    live: z.number().int(),
    byState: z.record(z.string(), z.number().int()),
    byActivity: z.record(z.string(), z.number().int()),
  }),
  approvalsPending: z.number().int(),
  streamClients: z.number().int(),
  process: z.object({ pid: z.number().int(), rssBytes: z.number(), heapUsedBytes: z.number(), cpuUserMs: z.number(), cpuSystemMs: z.number() }),
});

const count = (xs: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

/** Health: what is running and how the core process is doing (the unauthenticated /healthz stays a bare liveness probe). */
export const healthRoutes: ControlModule = (api, d) => {
  api.route({ method: 'GET', url: '/api/v1/health', access: 'viewer', tag: 'health', summary: 'Sessions, activity, approvals, stream clients, process', response: Health }, () => {
    const list = d.sessions.list();
    const live = list.filter((s) => s.live);
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const info = d.appInfo();
    return ok({
      status: list.some((s) => s.state === 'crashed') ? 'degraded' : 'ok',
      app: info,
      uptimeMs: d.clock.now() - info.startedAt,
      sessions: { total: list.length, live: live.length, byState: count(list.map((s) => s.state)), byActivity: count(live.map((s) => s.activity.state)) },
      approvalsPending: d.approvals.list().length,
      streamClients: d.stream.connectedCount,
      process: { pid: process.pid, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000 },
    });
  });
};
