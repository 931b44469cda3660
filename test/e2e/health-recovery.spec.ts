import { WsClient } from '../fixtures/ws-client';
import { expect, test } from './fixtures';
import { createSession, openApp } from './ui';

/**
 * Issue 5 end to end: a real agent process is killed; its card shows the
 * suggested recovery with the reason, and one click brings it back. The
 * Health tab draws uPlot graphs from live samples and, after a reload, from
 * the stored history.
 */

async function pidOf(url: string, id: string): Promise<number> {
  const ws = await WsClient.open(url);
  try {
    const r = await ws.request('sessions.list', {});
    const s = (r.value as { id: string; pid: number | null }[]).find((x) => x.id === id);
    if (!s?.pid) throw new Error(`session ${id} has no pid`);
    return s.pid;
  } finally {
    ws.close();
  }
}

test('a crashed session shows the suggested action with its reason; one click recovers it', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, { name: 'crashy', profile: 'demo' });
  const item = page.getByTestId('session-list').locator(`[data-testid="session-item"][data-session-id="${id}"]`);
  await expect(item).toHaveAttribute('data-activity', 'idle', { timeout: 30_000 });
  await expect(page.locator(`[data-testid="recovery-row"][data-session-id="${id}"]`)).toHaveCount(0);

  process.kill(await pidOf(app.url, id), 'SIGKILL');

  const row = page.locator(`[data-testid="recovery-row"][data-session-id="${id}"]`);
  await expect(item).toHaveAttribute('data-state', 'crashed');
  await expect(row.getByTestId('recovery-reason')).toContainText('Suggested: Restart');
  await expect(row.getByTestId('recovery-reason')).toContainText('signal SIGKILL');
  const restart = row.getByTestId('recover-restart_session');
  await expect(restart).toHaveAttribute('data-suggested', 'true');
  // A dead process cannot be interrupted: the row does not offer it.
  await expect(row.getByTestId('recover-interrupt')).toHaveCount(0);

  await restart.click();
  await expect(item).toHaveAttribute('data-state', 'running');
  await expect(item).toHaveAttribute('data-activity', 'idle', { timeout: 30_000 });
  await expect(row).toHaveCount(0, { timeout: 15_000 });

  await page.getByTestId('health-tab').click();
  const timelineRow = page.locator(`[data-testid="health-row"][data-session-id="${id}"]`);
  await timelineRow.click();
  const history = page.getByTestId('recovery-history');
  await expect(history.locator('[data-type="recovery.action"]').first()).toContainText('person: restart_session → ok');
  await expect(history.locator('[data-type="health.detected"]').filter({ hasText: 'Detected: crashed' }).first()).toBeVisible();
});

test('the health tab draws graphs that survive a reload', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, { name: 'graphed', profile: 'demo' });
  await page.getByTestId('health-tab').click();
  await expect(page.locator(`[data-testid="health-row"][data-session-id="${id}"]`)).toBeVisible();
  const charts = page.getByTestId('health-chart');
  await expect(charts).toHaveCount(6);
  const cpu = page.locator('[data-testid="health-chart"][data-metric="cpuPct"] [data-testid="health-chart-canvas"]');
  await expect(cpu.locator('canvas')).toHaveCount(1);
  // Live ticks arrive (one a second): wait for ten points.
  await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
  const before = Number(await cpu.getAttribute('data-points'));

  await page.reload();
  await expect(page.getByTestId('new-session-button')).toBeVisible();
  await page.getByTestId('health-tab').click();
  // The history comes from the store: as many points as before within a few seconds,
  // where live ticks alone (one a second) would need ten.
  await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 5_000 }).toBeGreaterThanOrEqual(before);
  await expect(page.locator('[data-testid="health-chart"][data-metric="rssBytes"] canvas')).toHaveCount(1);
});
