import { z } from 'zod';

/**
 * The persisted event envelope (DESIGN.md §7, MISSION.md protocol): append-only,
 * ordered by seq, every one with its sender, session and correlation id.
 */
export const StoredEvent = z.object({
  seq: z.number().int(),
  ts: z.number(),
  type: z.string(),
  sender: z.string(),
  sessionId: z.string().nullable(),
  correlationId: z.string().nullable(),
  data: z.unknown(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/** Event types written by the session layer. Later layers add their own. */
export const SESSION_EVENT_TYPES = [
  'session.created',
  'session.started',
  'session.start_failed',
  'session.state',
  'session.exited',
  'session.stop_requested',
  'session.kill_requested',
  'session.restart_requested',
  'session.resized',
  'app.started',
  'app.stopping',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];
