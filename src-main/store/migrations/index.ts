import { m001Sessions } from './001-sessions';
import { m002Locks } from './002-locks';
import { m003SessionAgent } from './003-session-agent';
import { m006Operations } from './006-operations';
import type { Migration } from './types';

/**
 * Every migration in order. Add a file NNN-name.ts and one line here; never
 * edit a migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [
  m001Sessions,
  m002Locks,
  m003SessionAgent,
  // 004 (orchestration) and 005 (health/recovery) come from their branches and go before this line.
  m006Operations,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
