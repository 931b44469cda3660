/**
 * Structured JSON logging (MISSION.md operations): one JSON object per line
 * with time, level, core id and correlation id where known. The sink is
 * injected so tests capture lines and hosts choose stderr or a file.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(opts: { sink: LogSink; level?: LogLevel; base?: Record<string, unknown> }): Logger {
  const min = LEVEL_RANK[opts.level ?? 'info'];
  const base = opts.base ?? {};
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVEL_RANK[level] < min) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base, ...fields };
    if (fields?.err instanceof Error) record.err = { message: fields.err.message, stack: fields.err.stack };
    opts.sink(JSON.stringify(record));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...opts, base: { ...base, ...fields } }),
  };
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
