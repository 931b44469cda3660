import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogLevel, Logger } from './logger';

/** Rotate the log file at this size… */
export const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
/** …keeping this many older files besides the active one (~60 MB at most). */
export const LOG_KEEP_FILES = 5;

type Fields = Record<string, unknown>;

/**
 * Field names in the JSON lines: the code says sessionId / correlationId;
 * operators' log queries say core_id (the session's id, as in the metrics
 * labels) and correlation_id.
 */
export function toLogFields(fields: Fields | undefined): Fields | undefined {
  if (!fields) return fields;
  if (!('sessionId' in fields) && !('correlationId' in fields)) return fields;
  const { sessionId, correlationId, ...rest } = fields;
  const out: Fields = { ...rest };
  if (sessionId !== undefined) out.core_id = sessionId;
  if (correlationId !== undefined) out.correlation_id = correlationId;
  return out;
}

/** The app's Logger port over a pino instance (structured JSON, ISO time, level as a word). */
export function pinoAdapter(p: Pino): Logger {
  const call = (level: LogLevel) => (msg: string, fields?: Fields) => {
    const f = toLogFields(fields);
    if (f) p[level](f, msg);
    else p[level](msg);
  };
  return {
    debug: call('debug'),
    info: call('info'),
    warn: call('warn'),
    error: call('error'),
    child: (fields) => pinoAdapter(p.child(toLogFields(fields) ?? {})),
  };
}

export function createPino(stream: DestinationStream, o: { level?: LogLevel; base?: Fields }): Pino {
  return pino(
    {
      level: o.level ?? 'info',
      base: toLogFields(o.base) ?? null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
}

/**
 * Structured logs to a size-rotated file (pino-roll: main.1.log, main.2.log…,
 * the oldest removed past LOG_KEEP_FILES). Returns the Logger port and a
 * closer that flushes.
 */
export async function createRotatingLogger(o: {
  file: string;
  level?: LogLevel;
  base?: Fields;
  maxBytes?: number;
  keep?: number;
}): Promise<{ logger: Logger; close(): Promise<void> }> {
  mkdirSync(dirname(o.file), { recursive: true });
  // pino-roll is CommonJS without types: one async factory returning a SonicBoom stream.
  const roll = (await import('pino-roll')).default;
  const stream = await roll({ file: o.file, size: `${o.maxBytes ?? LOG_ROTATE_BYTES}b` /* pino-roll reads a bare number as megabytes */, limit: { count: o.keep ?? LOG_KEEP_FILES }, mkdir: true });
  const p = createPino(stream, o);
  return {
    logger: pinoAdapter(p),
    close: () =>
      new Promise<void>((resolve) => {
        p.flush(() => {
          stream.once('close', () => resolve());
          stream.end();
        });
      }),
  };
}
