import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../fixtures/app-process';
import { expect, test } from './fixtures';
import { createSession, openApp } from './ui';

/**
 * The locks view end to end. The UI has no acquire (leases belong to
 * agents), so a lease is taken the way a second process on this machine
 * would: the multiprocess lock fixture opens the app's own SQLite file
 * (SQLite is the one source of truth) and acquires through the real lock
 * manager. Another process's acquire sends the app no push, so the test
 * opens the tab (or presses reload) to see it, as a person would.
 */

const CONTENDER = join(REPO_ROOT, 'test', 'fixtures', 'locks', 'contender.ts');
/** tsx start-up plus SQLite open on a loaded 2-core machine. */
const CHILD_START_MS = 20_000;

const createDemo = (page: Page, name: string) => createSession(page, { name, profile: 'demo' });

/** Acquires `resource` from a separate process (queueing if held) and keeps it until killed. */
function holdFromAnotherProcess(dataDir: string, resource: string, owner: string, ttlMs: number) {
  const file = join(dataDir, 'orchestrator.sqlite');
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CONTENDER, JSON.stringify({ mode: 'hold', file, resource, owner, ttlMs })], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const held = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`contender did not acquire ${resource}; stderr:\n${err}`)), CHILD_START_MS);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('HELD ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`contender exited (${code}); stderr:\n${err}`)));
  });
  // A queued contender never prints HELD while the test watches it wait.
  held.catch(() => undefined);
  return { held, kill: () => proc.kill('SIGKILL') };
}

test('the locks tab shows an empty state when nothing is leased', async ({ page, app }) => {
  await openApp(page, app.url);
  await createDemo(page, 'idle-worker');
  await page.getByTestId('locks-tab').click();
  await expect(page.getByTestId('locks-tab')).toHaveAttribute('aria-selected', 'true');
  const view = page.getByTestId('locks-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('locks-empty')).toContainText('No locks held');
  await expect(view.getByTestId('lock-row')).toHaveCount(0);
  await page.getByTestId('terminals-tab').click();
  await expect(view).toBeHidden();
});

test('a lease held by a session shows its holder, waiter and countdown, and force release hands it on', async ({ page, app }) => {
  await openApp(page, app.url);
  const sessionId = await createDemo(page, 'builder');
  const resource = 'repo:/tmp/e2e-locks';
  const holder = holdFromAnotherProcess(app.dataDir, resource, sessionId, 120_000);
  let waiter: { kill(): void } | null = null;
  try {
    await holder.held;
    waiter = holdFromAnotherProcess(app.dataDir, resource, 'cli:e2e-waiter', 120_000);
    await page.getByTestId('locks-tab').click();
    const row = page.locator(`[data-testid="lock-row"][data-resource="${resource}"]`);
    // The waiter's queue entry is written a moment after it starts: reload until it shows.
    await expect(async () => {
      await page.getByTestId('locks-reload').click();
      await expect(row.getByTestId('lock-waiters-cell')).toHaveAttribute('data-count', '1', { timeout: 500 });
    }).toPass({ timeout: CHILD_START_MS });

    const owner = row.getByTestId('lock-holder').locator('[data-owner]');
    await expect(owner).toHaveText('builder');
    await expect(owner).toHaveAttribute('title', sessionId);
    await expect(row.getByTestId('lock-token')).toHaveText(/^#\d+$/);
    const token = Number((await row.getByTestId('lock-token').textContent())!.slice(1));
    await expect(row.getByTestId('lock-priority')).toHaveText('50');
    const left = row.getByTestId('lock-time-left');
    await expect(left).toHaveText(/^1m \d\ds$|^2m 00s$/);
    const first = await left.textContent();
    await expect(left).not.toHaveText(first!, { timeout: 3_000 });

    await row.getByTestId('lock-waiters-count').click();
    const w = row.getByTestId('lock-waiter');
    await expect(w).toHaveCount(1);
    await expect(w).toHaveAttribute('data-owner', 'cli:e2e-waiter');
    await expect(w).toContainText('priority 50');
    await expect(w).toContainText(/waited \d+s/);
    await page.screenshot({ path: 'test-results/locks.png' });

    // Cancel leaves the lease alone.
    await row.getByTestId('lock-force-release').click();
    await expect(row.getByTestId('lock-force-confirm')).toBeVisible();
    await row.getByTestId('lock-force-cancel').click();
    await expect(row.getByTestId('lock-force-confirm')).toBeHidden();
    await expect(owner).toHaveText('builder');

    await row.getByTestId('lock-force-release').click();
    await row.getByTestId('lock-force-reason').fill('builder is stuck (e2e)');
    await page.screenshot({ path: 'test-results/locks-confirm.png' });
    await row.getByTestId('lock-force-submit').click();
    // The core hands the resource to the waiter in the same transaction and pushes locks.changed.
    await expect(row.getByTestId('lock-holder').locator('[data-owner]')).toHaveText('cli:e2e-waiter');
    await expect(row.getByTestId('lock-token')).toHaveText(`#${token + 1}`);
    await expect(row.getByTestId('lock-waiters-cell')).toHaveAttribute('data-count', '0');
    await expect(row.getByTestId('lock-error')).toHaveCount(0);

    await row.getByTestId('lock-force-release').click();
    await row.getByTestId('lock-force-submit').click();
    await expect(page.getByTestId('locks-view').getByTestId('locks-empty')).toBeVisible();
  } finally {
    holder.kill();
    waiter?.kill();
  }
});

test('releasing a lease that already lapsed is refused and the refusal is shown', async ({ page, app }) => {
  await openApp(page, app.url);
  const resource = 'port:5173';
  // Long enough to open the tab and see the row, short enough to watch it lapse.
  const holder = holdFromAnotherProcess(app.dataDir, resource, 'cli:e2e-short', 4_000);
  try {
    await holder.held;
    await page.getByTestId('locks-tab').click();
    const row = page.locator(`[data-testid="lock-row"][data-resource="${resource}"]`);
    await expect(row.getByTestId('lock-holder')).toHaveText('cli:e2e-short');
    // Nothing pushes an expiry: the view's own clock counts the lease down to zero.
    await expect(row.getByTestId('lock-time-left')).toHaveAttribute('data-tone', 'expired', { timeout: 8_000 });
    await expect(row.getByTestId('lock-time-left')).toHaveText('expired');
    await row.getByTestId('lock-force-release').click();
    await row.getByTestId('lock-force-submit').click();
    const error = page.getByTestId('lock-error');
    await expect(error).toContainText(`Could not release ${resource}`);
    await page.screenshot({ path: 'test-results/locks-error.png' });
    await page.getByTestId('lock-error-dismiss').click();
    await expect(error).toBeHidden();
  } finally {
    holder.kill();
  }
});
