import { describe, expect, it } from 'vitest';
import { firstErrorLine, run } from './run.mjs';

describe('run', () => {
  it('captures output and the exit code without a shell', async () => {
    const r = await run(process.execPath, ['-e', 'process.stdout.write("a b"); process.exit(3)'], { capture: true });
    expect(r).toMatchObject({ code: 3, stdout: 'a b', timedOut: false, error: null });
  });

  it('kills a child that outlives its timeout', async () => {
    const r = await run(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { capture: true, timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
  });

  it('reports a program that does not exist as an error value', async () => {
    const r = await run('/nonexistent/program', [], { capture: true });
    expect(r.error?.code).toBe('ENOENT');
  });
});

describe('firstErrorLine', () => {
  it('picks the line that names the problem', () => {
    expect(firstErrorLine('Downloading…\n\nTypeError: fetch failed\n    at x')).toBe('TypeError: fetch failed');
    expect(firstErrorLine('just text')).toBe('just text');
    expect(firstErrorLine('')).toBe('');
  });
});
