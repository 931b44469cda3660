import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

/** An append-only JSON-lines log file (UTF-8). Returns the sink and a closer. */
export function fileLogSink(file: string): { sink: LogSink; close(): Promise<void> } {
  mkdirSync(dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a', encoding: 'utf8' });
  return {
    sink: (line) => void stream.write(line + '\n'),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
