import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp } from './ui';

/**
 * The run view end to end with the demo agent in every role (no model): a
 * person starts a run from the UI and watches MainAI plan, workers take the
 * tasks and the result come together; they fix a failed task from the board,
 * pause/resume and stop a run. The demo agent answers the orchestrator's
 * prompts with the same agent tools Claude Code calls through MCP
 * (resources/demo-agent/orchestrated.mjs); the real-Claude proofs are in
 * test/integration/orchestration-claude.test.ts and claude-run.spec.ts.
 */

/** A whole demo run (3 agents starting, 3 tasks) on a loaded 2-core machine. */
const RUN_DONE_MS = 60_000;

interface RunForm {
  request: string;
  workers?: number;
  autoRecovery?: boolean;
  root?: string;
}

async function startRun(page: Page, f: RunForm): Promise<string> {
  await page.getByTestId('runs-tab').click();
  await page.getByTestId('new-run').click();
  const dialog = page.getByTestId('new-run-dialog');
  await dialog.getByTestId('run-request-input').fill(f.request);
  for (const role of ['main', 'monitor', 'worker']) await dialog.getByTestId(`run-profile-${role}`).selectOption('demo');
  await dialog.getByTestId('run-workers-input').fill(String(f.workers ?? 2));
  if (f.root !== undefined) await dialog.getByTestId('run-root-input').fill(f.root);
  if (f.autoRecovery === false) await dialog.getByTestId('run-auto-recovery').uncheck();
  await dialog.getByTestId('create-run-submit').click();
  await expect(dialog).toBeHidden();
  const detail = page.getByTestId('run-detail');
  await expect(detail).toBeVisible();
  return (await detail.getAttribute('data-run-id')) ?? '';
}

const column = (page: Page, state: string) => page.locator(`[data-testid="task-column"][data-state="${state}"]`);
const card = (page: Page, title: string) => page.locator(`[data-testid="task-card"][data-title="${title}"]`);

test.describe('runs with fast demo agents', () => {
  test.use({ appEnv: { DEMO_AGENT_SPEED: '0.05' } });

  test('a run started from the UI: the tree, the task board, the timeline and the exported result', async ({ page, app }) => {
    await openApp(page, app.url);
    await page.getByTestId('runs-tab').click();
    await expect(page.getByTestId('runs-empty')).toBeVisible();

    const root = mkdtempSync(join(tmpdir(), 'dorch-e2e-run-'));
    const runId = await startRun(page, { request: 'alpha; beta; gamma', workers: 2, root });
    const detail = page.getByTestId('run-detail');
    await expect(detail).toHaveAttribute('data-state', 'completed', { timeout: RUN_DONE_MS });

    // The board: all three done, each by a worker, each with the file it wrote.
    await expect(column(page, 'completed').getByTestId('task-card')).toHaveCount(3);
    for (const title of ['alpha', 'beta', 'gamma']) {
      await expect(card(page, title).getByTestId('task-files')).toContainText('.md');
      await expect(card(page, title).getByTestId('task-worker')).toBeVisible();
    }
    await expect(page.getByTestId('run-progress')).toHaveText('3 of 3 done');
    await expect(page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`)).toHaveAttribute('data-state', 'completed');

    // The tree: MainAI, MonitorAI and two workers, each a real session.
    const nodes = page.getByTestId('run-node');
    await expect(nodes.and(page.locator('[data-role="main"]'))).toHaveCount(1);
    await expect(nodes.and(page.locator('[data-role="monitor"]'))).toHaveCount(1);
    await expect(nodes.and(page.locator('[data-role="worker"]'))).toHaveCount(2);

    // The timeline tells the story in order.
    const kinds = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    const analysed = kinds.indexOf('task_analysis_complete');
    expect(analysed).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('worker_spawned')).toBeGreaterThan(analysed);

    // The integrated result, on screen and exported as the same Markdown the core wrote beside the run.
    await expect(page.getByTestId('run-summary')).toContainText('Integrated by the demo agent');
    await expect(page.getByTestId('run-report-text')).toContainText('3 (3 completed, 0 failed, 0 skipped)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-markdown').click()]);
    const saved = await download.path();
    expect(readFileSync(saved, 'utf8')).toBe(readFileSync(join(root, 'run-report.md'), 'utf8'));

    // Every agent's terminal is one click away.
    const worker = nodes.and(page.locator('[data-role="worker"]')).first();
    const workerId = await worker.getAttribute('data-session-id');
    await worker.click();
    await expect(page.getByTestId('terminals-tab')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator(`[data-testid="terminal-pane"][data-session-id="${workerId}"]`)).toBeVisible();
  });

  test('a failed task waits on the board until the person retries it, then completes', async ({ page, app }) => {
    await openApp(page, app.url);
    await startRun(page, { request: 'alpha; beta fail-once', workers: 1, autoRecovery: false });
    const beta = card(page, 'beta fail-once');
    await expect(beta).toHaveAttribute('data-state', 'failed', { timeout: RUN_DONE_MS });
    await expect(beta.getByTestId('task-note')).toContainText('told to fail (attempt 1)');
    // MonitorAI's suggestion is in the timeline, but with automatic recovery off nothing happened by itself.
    await expect(page.locator('[data-testid="timeline-item"][data-kind="worker_error"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="timeline-item"][data-kind="recovery_suggestion"]').first()).toBeVisible();
    await expect(beta).toHaveAttribute('data-state', 'failed');

    await beta.getByTestId('task-retry').click();
    await expect(beta).toHaveAttribute('data-state', 'completed', { timeout: RUN_DONE_MS });
    await expect(beta.getByTestId('task-attempts')).toHaveText('attempt 2/3');
    await expect(page.getByTestId('run-detail')).toHaveAttribute('data-state', 'completed', { timeout: RUN_DONE_MS });
  });

  test('the new-run dialog refuses bad input and starts nothing', async ({ page, app }) => {
    await openApp(page, app.url);
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('new-run').click();
    const dialog = page.getByTestId('new-run-dialog');
    await dialog.getByTestId('create-run-submit').click();
    await expect(dialog.locator('#nr-request-error')).toHaveText('Say what the run should do.');
    await dialog.getByTestId('run-request-input').fill('alpha');
    await dialog.getByTestId('run-workers-input').fill('99');
    await dialog.getByTestId('create-run-submit').click();
    await expect(dialog.locator('#nr-workers-error')).toContainText('from 1 to 16');
    await dialog.getByTestId('run-workers-input').fill('2');
    // A folder that is not a git repository: the core refuses before starting any agent.
    await dialog.getByTestId('run-kind-worktrees').check();
    await dialog.getByTestId('run-repo-input').fill(mkdtempSync(join(tmpdir(), 'dorch-not-a-repo-')));
    await dialog.getByTestId('create-run-submit').click();
    await expect(dialog.getByTestId('dialog-error')).toContainText('Cannot use');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('runs-empty')).toBeVisible();
    await expect(page.getByTestId('run-item')).toHaveCount(0);
  });
});

test.describe('runs with demo agents at normal speed', () => {
  test('pause holds new assignments, resume goes on, stop ends every agent of the run', async ({ page, app }) => {
    await openApp(page, app.url);
    await startRun(page, { request: 'one; two; three; four', workers: 1 });
    const detail = page.getByTestId('run-detail');
    await expect(column(page, 'running').or(column(page, 'assigned')).getByTestId('task-card').first()).toBeVisible({ timeout: RUN_DONE_MS });

    await page.getByTestId('run-pause').click();
    await expect(detail).toHaveAttribute('data-state', 'paused');
    await expect(page.getByTestId('run-resume')).toBeVisible();
    // While paused, the task in hand may finish but nothing new is handed out.
    const queuedWhilePaused = await column(page, 'queued').getByTestId('task-card').count();
    expect(queuedWhilePaused).toBeGreaterThan(0);
    await expect(column(page, 'running').getByTestId('task-card').or(column(page, 'assigned').getByTestId('task-card'))).toHaveCount(0, {
      timeout: RUN_DONE_MS,
    });
    await expect(column(page, 'queued').getByTestId('task-card')).toHaveCount(queuedWhilePaused);

    await page.getByTestId('run-resume').click();
    await expect(column(page, 'queued').getByTestId('task-card')).toHaveCount(queuedWhilePaused - 1, { timeout: RUN_DONE_MS });

    await page.getByTestId('run-stop').click();
    await expect(detail).toHaveAttribute('data-state', 'stopped', { timeout: RUN_DONE_MS });
    await expect(page.getByTestId('run-stop')).toBeHidden();
    // Every agent of the run has ended.
    const nodes = page.getByTestId('run-node');
    const count = await nodes.count();
    for (let i = 0; i < count; i++) await expect(nodes.nth(i).locator('.badge').first()).not.toHaveText(/running|starting/, { timeout: RUN_DONE_MS });
  });
});
