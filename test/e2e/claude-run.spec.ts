import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { freshDataDir, startApp, type RunningApp } from '../fixtures/app-process';
import { prepareClaudeEnv, type ClaudeEnv } from '../fixtures/claude-env';
import { createModelServer, type ModelServer } from '../fixtures/model-server';
import { RUN_POLICY_YAML, runBrains, slug, type BrainsOptions } from '../fixtures/orchestration/claude-brains';
import { WsClient } from '../fixtures/ws-client';
import { expect, test } from './fixtures';
import { openApp } from './ui';

/**
 * Issue 4 through the UI with the REAL Claude Code CLI in every role (MainAI,
 * MonitorAI, workers), each talking to our scripted model server on
 * 127.0.0.1 (test/fixtures/orchestration/claude-brains.ts) and calling the
 * orchestrator's MCP tools. A person starts the run from the New run dialog
 * and watches it in the run view. Workers write with Claude's own Write tool,
 * answered by the safety policy (approval mode "policy").
 */

// A developer's real key must never reach the CLI under test (it would leave loopback).
delete process.env.ANTHROPIC_API_KEY;
delete process.env.CLAUDE_CONFIG_DIR;

/** Four or five Claude processes on a shared 2-core machine: generous, condition-based waits. */
const RUN_MS = 240_000;
test.setTimeout(360_000);

interface Setup {
  server: ModelServer;
  claude: ClaudeEnv;
  root: string;
  dataDir: string;
  app: RunningApp;
  log: string[];
  cleanup(): Promise<void>;
}

/** Scheduled digests off: MonitorAI hears of errors only, so its turns follow the script. */
const APP_ENV = { DUAL_ORCH_MONITOR_DIGEST_MS: '0' };

/** The model server, a Claude home, the run's folders (trusted by Claude), and the app with the run policy in force. */
async function setup(o: BrainsOptions, appEnv: NodeJS.ProcessEnv = APP_ENV): Promise<Setup> {
  const brains = runBrains(o);
  const server = await createModelServer({ script: brains.script });
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-e2e-claude-run-')));
  const folders = ['main_ai', 'monitor_ai', ...Array.from({ length: o.workers }, (_, i) => `worker_${i + 1}`)].map((f) => join(root, f));
  for (const f of folders) mkdirSync(f, { recursive: true });
  const claude = prepareClaudeEnv({ modelServerUrl: server.url, cwd: root, trustedDirs: folders });
  const dataDir = freshDataDir();
  const app = await startApp(dataDir, [], appEnv);
  const api = await WsClient.open(app.url);
  try {
    const set = await api.request('policy.set', { text: RUN_POLICY_YAML });
    if (!set.ok) throw new Error(JSON.stringify(set));
  } finally {
    api.close();
  }
  const s: Setup = {
    server,
    claude,
    root,
    dataDir,
    app,
    log: brains.log,
    async cleanup() {
      await s.app.stop();
      await server.close();
      claude.cleanup();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return s;
}

const envLines = (env: Record<string, string>) =>
  Object.entries(env)
    .filter(([, v]) => !v.includes('\n'))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

/** Fills the New run dialog as a person would: Claude Code for every role (the default), policy approvals, the endpoint in the environment. */
async function startRun(page: Page, s: Setup, request: string, workers: number): Promise<void> {
  await page.getByTestId('runs-tab').click();
  await page.getByTestId('new-run').click();
  const dialog = page.getByTestId('new-run-dialog');
  for (const role of ['main', 'monitor', 'worker']) await expect(dialog.getByTestId(`run-profile-${role}`)).toHaveValue('claude');
  await dialog.getByTestId('run-request-input').fill(request);
  await dialog.getByTestId('run-workers-input').fill(String(workers));
  await dialog.getByTestId('run-root-input').fill(s.root);
  await dialog.getByTestId('run-mode-input').selectOption('policy');
  await dialog.getByTestId('run-env-input').fill(envLines(s.claude.env));
  await dialog.getByTestId('create-run-submit').click();
  await expect(dialog).toBeHidden();
}

const card = (page: Page, title: string) => page.locator(`[data-testid="task-card"][data-title="${title}"]`);

/** Every session's visible screen, through the control API (the UI token is an admin): what a stuck run looked like. */
async function screens(app: RunningApp): Promise<string> {
  const get = async (path: string) => (await fetch(`${app.origin}${path}`, { headers: { authorization: `Bearer ${app.token}` } })).json();
  const list = (await get('/api/v1/sessions')) as { id: string; name: string; state: string }[];
  const out: string[] = [];
  for (const x of list) {
    const screen = (await get(`/api/v1/sessions/${x.id}/screen`)) as { lines?: string[] };
    out.push(`--- ${x.name} (${x.state})\n${(screen.lines ?? []).join('\n').trimEnd()}`);
  }
  return out.join('\n');
}

async function expectCompleted(page: Page, s: Setup): Promise<void> {
  try {
    await expect(page.getByTestId('run-detail')).toHaveAttribute('data-state', 'completed', { timeout: RUN_MS });
  } catch (e) {
    const shown = await screens(s.app).catch((x: unknown) => `(screens unavailable: ${String(x)})`);
    throw new Error(`${(e as Error).message}\nmodel log:\n${s.log.join('\n')}\nscreens:\n${shown}`, { cause: e });
  }
}

test('"Create 3 simple apps": real Claude Code plans, two workers build, the run view shows it through to the report', async ({ page }) => {
  const titles = ['app one', 'app two', 'app three'];
  const s = await setup({ tasks: titles, workers: 2 });
  try {
    await openApp(page, s.app.url);
    await startRun(page, s, 'Create 3 simple apps', 2);
    await expectCompleted(page, s);

    for (const title of titles) {
      const c = card(page, title);
      await expect(c).toHaveAttribute('data-state', 'completed');
      await expect(c.getByTestId('task-files')).toHaveText(`${slug(title)}.txt`);
    }
    // Two workers, and every file is where its worker wrote it.
    const workers = page.locator('[data-testid="run-node"][data-role="worker"]');
    await expect(workers).toHaveCount(2);
    const files = titles.map((t) => [1, 2].map((n) => join(s.root, `worker_${n}`, `${slug(t)}.txt`)).find((f) => existsSync(f)));
    expect(files.map((f) => (f ? readFileSync(f, 'utf8') : null))).toEqual(titles.map((t) => `${t}\n`));

    await expect(page.getByTestId('run-summary')).toHaveText('Integrated 3 tasks: app-one.txt, app-two.txt, app-three.txt.');
    await expect(page.getByTestId('run-report-text')).toContainText('3 (3 completed, 0 failed, 0 skipped)');
    await expect(page.locator('[data-testid="timeline-item"][data-kind="task_analysis_complete"]')).toContainText('3 tasks planned');
    expect(s.server.turnErrors).toEqual([]);
  } finally {
    await s.cleanup();
  }
});

test('a worker fails; MonitorAI suggests a retry; the board and timeline show the task retried and completed', async ({ page }) => {
  const s = await setup({ tasks: ['app one', 'app two'], workers: 1, failFirstAttempt: ['app one'] });
  try {
    await openApp(page, s.app.url);
    await startRun(page, s, 'Create 2 simple apps', 1);
    await expectCompleted(page, s);
    await expect(card(page, 'app one').getByTestId('task-attempts')).toHaveText('attempt 2/3');
    await expect(card(page, 'app two').getByTestId('task-attempts')).toHaveText('attempt 1/3');
    const kinds = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
    const at = (k: string) => kinds.indexOf(k);
    expect(at('worker_error')).toBeGreaterThanOrEqual(0);
    expect(at('recovery_suggestion')).toBeGreaterThan(at('worker_error'));
    expect(kinds.lastIndexOf('task.completed')).toBeGreaterThan(at('recovery_suggestion'));
    expect(s.server.turnErrors).toEqual([]);
  } finally {
    await s.cleanup();
  }
});

test('MonitorAI pauses the run, no task is assigned while paused, its next digest resumes it and the run completes', async ({ page }) => {
  // Digests on a short schedule: the one after the pause tells MonitorAI the run is paused, and it resumes it.
  const s = await setup({ tasks: ['app one', 'app two'], workers: 1, monitorPauses: true }, { DUAL_ORCH_MONITOR_DIGEST_MS: '3000' });
  try {
    await openApp(page, s.app.url);
    await startRun(page, s, 'Create 2 simple apps', 1);
    const detail = page.getByTestId('run-detail');
    await expect(detail).toHaveAttribute('data-state', 'paused', { timeout: RUN_MS });
    await expect(page.getByTestId('run-resume')).toBeVisible();
    await expectCompleted(page, s);
    const kinds = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
    const pause = kinds.indexOf('pause');
    const resume = kinds.indexOf('resume');
    expect(pause).toBeGreaterThanOrEqual(0);
    expect(resume).toBeGreaterThan(pause);
    expect(kinds.slice(pause, resume)).not.toContain('task.assigned');
    // MainAI may have handed out a task before MonitorAI's first turn; the rest waited for the resume.
    expect(kinds.filter((k) => k === 'task.assigned')).toHaveLength(2);
    expect(kinds.slice(resume)).toContain('task.assigned');
    await expect(detail.getByTestId('run-progress')).toHaveText('2 of 2 done');
    expect(s.server.turnErrors).toEqual([]);
  } finally {
    await s.cleanup();
  }
});

test('the app is stopped mid-run and started again: the run comes back paused and the person resumes it to completion', async ({ page }) => {
  const titles = ['app one', 'app two', 'app three'];
  const s = await setup({ tasks: titles, workers: 1 });
  try {
    await openApp(page, s.app.url);
    await startRun(page, s, 'Create 3 simple apps', 1);
    await expect(page.locator('[data-testid="task-card"][data-state="completed"]').first()).toBeVisible({ timeout: RUN_MS });
    const runId = await page.getByTestId('run-detail').getAttribute('data-run-id');

    // Quit (a graceful stop, as from the menu) and start again on the same data folder.
    await s.app.stop();
    s.app = await startApp(s.dataDir, [], APP_ENV);
    await openApp(page, s.app.url);
    await page.getByTestId('runs-tab').click();
    const detail = page.locator(`[data-testid="run-detail"][data-run-id="${runId}"]`);
    await expect(detail).toHaveAttribute('data-state', 'paused');
    await expect(page.getByTestId('run-reason')).toBeVisible();
    await expect(page.locator('[data-testid="task-card"][data-state="completed"]').first()).toBeVisible();

    await page.getByTestId('run-resume').click();
    await expectCompleted(page, s);
    for (const title of titles) await expect(card(page, title)).toHaveAttribute('data-state', 'completed');
    expect(s.server.turnErrors).toEqual([]);
  } finally {
    await s.cleanup();
  }
});
