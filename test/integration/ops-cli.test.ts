import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDataDir, REPO_ROOT, SERVE_JS, startApp, type RunningApp } from '../fixtures/app-process';

/** The built browser-mode entry: `serve.js token …` and the app it manages tokens for. */
const apps: RunningApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

function token(dataDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SERVE_JS, 'token', ...args, '--data-dir', dataDir], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, DUAL_ORCH_JWT_SECRET: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('token CLI and the running app', () => {
  it('creates a token the app accepts, and revoking it from the CLI refuses it at once', async () => {
    const dataDir = freshDataDir('dorch-ops-cli-');
    const created = token(dataDir, 'create', '--name', 'ci', '--role', 'viewer');
    expect(created.status, created.stderr).toBe(0);
    const jwt = created.stdout.trim();
    expect(jwt.split('.')).toHaveLength(3);
    expect(token(dataDir, 'create', '--name', 'x', '--role', 'root').status).toBe(2);

    const app = await startApp(dataDir);
    apps.push(app);
    const get = (t: string, path = '/api/v1/sessions') => fetch(`${app.origin}${path}`, { headers: { authorization: `Bearer ${t}`, 'x-correlation-id': 'corr-cli-test-1' } });
    expect((await get(jwt)).status).toBe(200);
    expect((await get(jwt, '/api/v1/accounts')).status).toBe(403);
    expect((await get(app.token, '/api/v1/accounts')).status).toBe(200);

    const list = token(dataDir, 'list');
    const id = list.stdout.split('\n').find((l) => l.includes('\tci\t'))!.split('\t')[0]!;
    expect(token(dataDir, 'revoke', id).status).toBe(0);
    const refused = await get(jwt);
    expect(refused.status).toBe(401);

    await app.stop();
    // Structured, rotated log: JSON lines with time, level, and the refused call's reason.
    const logs = readdirSync(join(dataDir, 'logs')).filter((f) => /^main\.\d+\.log$/.test(f));
    expect(logs.length).toBeGreaterThan(0);
    const lines = logs.flatMap((f) => readFileSync(join(dataDir, 'logs', f), 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'api call denied' && l.reason === 'revoked')).toMatchObject({ level: 'warn', time: expect.any(String), correlation_id: 'corr-cli-test-1' });
    expect(lines.find((l) => l.msg === 'api call denied' && l.reason === 'forbidden_role')).toBeTruthy();
  }, 60_000);
});
