import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPino, createRotatingLogger, pinoAdapter } from './pino-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, stream };
}

describe('pino logger adapter', () => {
  it('writes JSON lines with ISO time, level word, core_id and correlation_id', () => {
    const { lines, stream } = capture();
    const log = pinoAdapter(createPino(stream, { base: { host: 'browser' } }));
    log.child({ component: 'sessions' }).warn('session crashed', { sessionId: 's_abc123', correlationId: 'corr_1', exitCode: 1 });
    log.error('boom', { err: new Error('bad thing') });
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'session crashed', host: 'browser', component: 'sessions', core_id: 's_abc123', correlation_id: 'corr_1', exitCode: 1 });
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines[1]).toMatchObject({ level: 'error', err: { message: 'bad thing' } });
  });

  it('rotates the file by size and keeps a bounded number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dorch-log-'));
    const { logger, close } = await createRotatingLogger({ file: join(dir, 'main.log'), maxBytes: 2_000, keep: 2 });
    // Rotation runs on the stream's write events: let the event loop turn as a running app does.
    for (let i = 0; i < 200; i++) {
      logger.info('line', { i, pad: 'x'.repeat(50) });
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    await close();
    // pino-roll removes the oldest files asynchronously after a roll: wait for that condition, not a fixed time.
    const mainFiles = () => readdirSync(dir).filter((f) => f.startsWith('main.'));
    const deadline = Date.now() + 3_000;
    while (mainFiles().length > 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const files = mainFiles();
    expect(files.length).toBeGreaterThan(1);
    // keep (2) + the active file; one more if the app stopped in the middle of a roll's clean-up.
    expect(files.length).toBeLessThanOrEqual(4);
    const lines = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l) as { i: number });
    // The newest lines survive; the oldest files were removed.
    expect(Math.max(...lines.map((l) => l.i))).toBe(199);
    expect(lines.length).toBeLessThan(200);
  });
});
