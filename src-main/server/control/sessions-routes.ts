import { z } from 'zod';
import { MAX_INPUT_CHARS, ScreenResult } from '../../../src-preload/contract/channels';
import { ok } from '../../../src-preload/contract/result';
import { Cols, CreateSessionInput, Rows, SessionId, SessionInfo } from '../../../src-preload/contract/session';
import type { ControlModule } from './deps';

const ById = z.object({ id: SessionId });
const ScreenText = z.object({
  sessionId: SessionId,
  live: z.boolean(),
  cols: z.number().int(),
  rows: z.number().int(),
  /** The visible screen, one string per row, as the core's headless terminal renders it. */
  lines: z.array(z.string()),
  /** Stored serialized screen (with escape sequences) when the session is not running. */
  snapshot: ScreenResult.shape.snapshot.nullable(),
});

/** Sessions: list, start, input, resize, screen text, stop, restart, kill. */
export const sessionsRoutes: ControlModule = (api, d) => {
  const s = d.sessions;
  const tag = 'sessions';
  api.route({ method: 'GET', url: '/api/v1/sessions', access: 'viewer', tag, summary: 'List sessions', response: z.array(SessionInfo) }, () => ok(s.list()));
  api.route(
    { method: 'GET', url: '/api/v1/sessions/:id', access: 'viewer', tag, summary: 'One session', params: ById, response: SessionInfo },
    ({ params }) => {
      const rt = s.get(params.id);
      if (!rt.ok) return rt;
      return ok(s.list().find((x) => x.id === params.id)!);
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/sessions', access: 'operator', tag, summary: 'Start a session', body: CreateSessionInput, response: SessionInfo, successStatus: 201 },
    ({ body }, ctx) => s.create(body, ctx.correlationId),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/sessions/:id/input', access: 'operator', tag, summary: 'Type into a session (text; "\\r" is Enter)',
      params: ById, body: z.object({ data: z.string().min(1).max(MAX_INPUT_CHARS) }).strict(), response: z.object({}),
    },
    ({ params, body }) => {
      const r = s.input(params.id, body.data);
      return r.ok ? ok({}) : r;
    },
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/sessions/:id/resize', access: 'operator', tag, summary: 'Resize a session’s terminal',
      params: ById, body: z.object({ cols: Cols, rows: Rows }).strict(), response: z.object({}),
    },
    ({ params, body }) => {
      const r = s.resize(params.id, body.cols, body.rows);
      return r.ok ? ok({}) : r;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/sessions/:id/screen', access: 'viewer', tag, summary: 'The session’s screen as text', params: ById, response: ScreenText },
    async ({ params }) => {
      const rt = s.get(params.id);
      if (!rt.ok) return rt;
      const live = rt.value.screenText();
      if (live) {
        const t = await live;
        return ok({ sessionId: params.id, live: true, cols: rt.value.record.cols, rows: rt.value.record.rows, lines: t.lines, snapshot: null });
      }
      const stored = s.screen(params.id);
      if (!stored.ok) return stored;
      return ok({ sessionId: params.id, live: false, cols: stored.value.cols, rows: stored.value.rows, lines: [], snapshot: stored.value.snapshot });
    },
  );
  for (const [action, fn] of [
    ['stop', (id: string, c: string) => s.stop(id, c)],
    ['restart', (id: string, c: string) => s.restart(id, c)],
    ['kill', (id: string, c: string) => s.kill(id, c)],
  ] as const) {
    api.route(
      { method: 'POST', url: `/api/v1/sessions/:id/${action}`, access: 'operator', tag, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a session`, params: ById, response: SessionInfo },
      ({ params }, ctx) => fn(params.id, ctx.correlationId),
    );
  }
};
