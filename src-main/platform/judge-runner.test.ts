import { describe, expect, it } from 'vitest';
import { createJudgeRunner, MAX_JUDGE_STDOUT_BYTES } from './judge-runner';

/** Judges are small node scripts run with this node binary (no shell, no PATH lookup). */
const node = (script: string): string[] => [process.execPath, '-e', script];
const run = createJudgeRunner();

describe('createJudgeRunner', () => {
  it('writes the JSON to stdin and returns stdout', async () => {
    const judge = node(`let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s);process.stdout.write(JSON.stringify({decision:'allow',reason:'got '+r.command}))})`);
    const r = await run(judge, JSON.stringify({ command: 'make ✓' }), 10_000);
    expect(r).toEqual({ ok: true, value: '{"decision":"allow","reason":"got make ✓"}' });
  });

  it('passes arguments as argv, without a shell', async () => {
    const r = await run([...node('process.stdout.write(JSON.stringify(process.argv.slice(1)))'), 'a b', '$(id)', ';rm -rf /'], '{}', 10_000);
    expect(r.ok && JSON.parse(r.value)).toEqual(['a b', '$(id)', ';rm -rf /']);
  });

  it('reports a non-zero exit with the end of stderr', async () => {
    const r = await run(node('process.stderr.write("model unavailable");process.exit(3)'), '{}', 10_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The judge exited with 3: model unavailable');
  });

  it('times out, and ends the judge', async () => {
    const started = Date.now();
    const r = await run(node('setInterval(()=>{},1000)'), '{}', 300);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The judge did not answer within 300 ms.');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops a judge that writes too much', async () => {
    const r = await run(node(`const b='x'.repeat(65536);(function w(){process.stdout.write(b,w)})()`), '{}', 10_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`The judge wrote more than ${MAX_JUDGE_STDOUT_BYTES} bytes.`);
  });

  it('reports a missing program', async () => {
    const r = await run(['/nonexistent/judge-binary'], '{}', 10_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('command_not_found');
  });

  it('refuses an empty command', async () => {
    const r = await run([], '{}', 10_000);
    expect(r.ok).toBe(false);
  });

  it('survives a judge that never reads stdin', async () => {
    const r = await run(node('process.stdout.write("{}")'), 'x'.repeat(1_000_000), 10_000);
    expect(r).toEqual({ ok: true, value: '{}' });
  });
});
