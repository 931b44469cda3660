import { m001Sessions } from './001-sessions';
import { m002Locks } from './002-locks';
import { m003SessionAgent } from './003-session-agent';
import { m004Orchestration } from './004-orchestration';
import { m005Health } from './005-health';
import { m006Operations } from './006-operations';
import type { Migration } from './types';

/**
 * Every migration in order. Add a file NNN-name.ts and one line here; never
 * edit a migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [m001Sessions, m002Locks, m003SessionAgent, m004Orchestration, m005Health, m006Operations];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
