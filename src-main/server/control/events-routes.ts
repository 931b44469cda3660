import { z } from 'zod';
import { StoredEvent } from '../../../src-preload/contract/events';
import { ok } from '../../../src-preload/contract/result';
import { SessionId } from '../../../src-preload/contract/session';
import type { ControlModule } from './deps';

/** Largest page of the event query. */
export const MAX_EVENTS_PAGE = 1_000;

const EventsQuery = z
  .object({
    /** Events after this seq (exclusive): pass the previous page's nextAfterSeq. */
    afterSeq: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(200),
    /** Comma-separated event types, e.g. session.exited,approval.decided. */
    type: z.string().regex(/^[\w.,-]+$/).max(2_000).optional(),
    sessionId: SessionId.optional(),
    /** Epoch ms or ISO 8601: ts >= since. */
    since: z.string().max(40).optional(),
    /** Epoch ms or ISO 8601: ts < until. */
    until: z.string().max(40).optional(),
  })
  .strict();

const EventsPage = z.object({
  events: z.array(StoredEvent),
  /** Give this as afterSeq for the next page; null when this page was the last. */
  nextAfterSeq: z.number().int().nullable(),
});

function timeOf(v: string | undefined): number | undefined | null {
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : null;
}

/** Events: the append-only store, by time, type and session, paged by seq. */
export const eventsRoutes: ControlModule = (api, d) => {
  api.route(
    { method: 'GET', url: '/api/v1/events', access: 'viewer', tag: 'events', summary: 'Query stored events (oldest first, paged by seq)', query: EventsQuery, response: EventsPage },
    ({ query }) => {
      const since = timeOf(query.since);
      const until = timeOf(query.until);
      if (since === null || until === null) return { ok: false, error: { code: 'bad_input', message: 'since/until must be epoch milliseconds or ISO 8601.' } };
      const types = query.type?.split(',').filter(Boolean);
      const events = d.events.query({
        afterSeq: query.afterSeq,
        limit: query.limit,
        ...(types?.length ? { types } : {}),
        ...(query.sessionId ? { sessionId: query.sessionId } : {}),
        ...(since !== undefined ? { sinceTs: since } : {}),
        ...(until !== undefined ? { untilTs: until } : {}),
      });
      return ok({ events, nextAfterSeq: events.length === query.limit ? events[events.length - 1]!.seq : null });
    },
  );
};
