import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenModelFactory } from '../../src-main/core/ports/screen-model';
import { silentLogger } from '../../src-main/lib/logger';
import { createWorkerScreenFactory } from '../../src-main/screen-worker/worker-screens';
import { REPO_ROOT } from '../fixtures/app-process';
import { waitFor } from '../fixtures/core-harness';

/** The built worker (npm test builds before it runs these). */
const WORKER = join(REPO_ROOT, 'out', 'main', 'screen-worker.js');
let factory: ScreenModelFactory | null = null;
afterEach(() => {
  factory?.dispose();
  factory = null;
});

describe.runIf(existsSync(WORKER))('screen worker', () => {
  it('parses off the main thread, reports progress in order and answers reads after earlier writes', async () => {
    factory = createWorkerScreenFactory({ workerPath: WORKER, logger: silentLogger });
    let parsed = 0;
    const model = factory.create({ cols: 40, rows: 5, onParsed: (n) => (parsed += n) });
    const lines = Array.from({ length: 50 }, (_, i) => `row ${i} \x1b[32mgreen\x1b[0m 日本`);
    const text = lines.join('\r\n');
    model.write(text);
    const screen = await model.text();
    expect(screen.parsed).toBe(text.length);
    expect(screen.lines[4]).toBe('row 49 green 日本');
    const snap = await model.snapshot();
    expect(snap.data).toContain('row 0 ');
    expect(snap.data).toContain('\x1b[32m');
    await waitFor('parsed acknowledgements', () => parsed === text.length);
    model.resize(20, 3);
    expect((await model.text()).cols).toBe(20);
    model.dispose();
  });

  it('keeps sessions apart', async () => {
    factory = createWorkerScreenFactory({ workerPath: WORKER, logger: silentLogger });
    const a = factory.create({ cols: 20, rows: 2, onParsed: () => undefined });
    const b = factory.create({ cols: 20, rows: 2, onParsed: () => undefined });
    a.write('alpha');
    b.write('beta');
    expect((await a.text()).lines[0]).toBe('alpha');
    expect((await b.text()).lines[0]).toBe('beta');
  });
});
