import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDataDir, REPO_ROOT, SERVE_JS, startApp, type RunningApp } from '../fixtures/app-process';

/**
 * The built browser-mode entry as a person runs it. Needs `npm run build`
 * (npm test builds before it runs these).
 */
const built = existsSync(SERVE_JS);
const apps: RunningApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

function runServe(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SERVE_JS, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.runIf(built)('browser-mode process', () => {
  it('prints its URL, answers /healthz and stops cleanly on SIGTERM', async () => {
    const app = await startApp(freshDataDir());
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const res = await fetch(`${app.origin}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
    const page = await fetch(app.origin + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await app.stop()).toBe(0);
    expect(app.output()).toContain('Stopped.');
  });

  it('refuses a second instance on the same data folder and says where the first runs', async () => {
    const dataDir = freshDataDir();
    const first = await startApp(dataDir);
    apps.push(first);
    const second = runServe(['--port', '0', '--data-dir', dataDir]);
    expect(second.status).toBe(3);
    expect(second.out).toContain('already running on this data folder');
    expect(second.out).toContain(first.origin);
  });

  it('takes over a data folder whose app was killed', async () => {
    const dataDir = freshDataDir();
    const first = await startApp(dataDir);
    await first.crash();
    const again = await startApp(dataDir);
    apps.push(again);
    expect(again.url).toContain('token=');
  });

  it('refuses a data folder from a newer schema with a message, leaving it untouched', () => {
    const dataDir = freshDataDir();
    const file = join(dataDir, 'orchestrator.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 4242');
    db.close();
    const before = readFileSync(file);
    const r = runServe(['--port', '0', '--data-dir', dataDir]);
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/newer version of Dual Orchestrator \(schema 4242/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('explains a bad option instead of starting', () => {
    const r = runServe(['--port', 'eighty']);
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/Invalid port "eighty"/);
  });
});
