import type { Migration } from './types';

/** Per-session approval mode and the agent's own session id (to resume its conversation). */
export const m003SessionAgent: Migration = {
  version: 3,
  name: 'session approval mode and agent session id',
  sql: `
    ALTER TABLE sessions ADD COLUMN approval_mode TEXT NOT NULL DEFAULT 'manual';
    ALTER TABLE sessions ADD COLUMN agent_session_id TEXT;
  `,
};
