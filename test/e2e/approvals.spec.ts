import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createSession, openApp, pane, screenText, typeLine } from './ui';

/**
 * Approvals end to end: the demo agent's Claude-style permission menu
 * (`ask <command>`) is detected from the screen by the core, shown in the
 * inbox and on the terminal, and answered by a click (or by the policy).
 */

const createDemo = (page: Page, name: string, mode: 'manual' | 'policy' = 'manual') => createSession(page, { name, profile: 'demo', mode });

/** The demo agent draws its idle prompt once it is ready for a command. */
async function waitReady(page: Page, id: string): Promise<void> {
  await expect(pane(page, id).getByTestId('activity-badge')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
}

test('a screen-detected permission prompt is approved or denied from the inbox and the banner', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createDemo(page, 'asker');
  await waitReady(page, id);
  await expect(page.getByTestId('approvals-badge')).toHaveText('0');

  await typeLine(page, id, 'ask echo hello-approvals');
  // The banner appears over the terminal, and the badge and title count it.
  const banner = pane(page, id).getByTestId('approval-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('echo hello-approvals');
  await expect(page.getByTestId('approvals-badge')).toHaveText('1');
  await expect(page).toHaveTitle(/^\(1\) Dual Orchestrator/);
  await expect(pane(page, id).getByTestId('activity-badge')).toHaveAttribute('data-state', 'awaiting_approval');
  await expect(pane(page, id).getByTestId('activity-badge')).toHaveAttribute('data-source', 'screen');
  await page.screenshot({ path: 'test-results/approvals-banner.png' });

  await page.getByTestId('approvals-nav').click();
  const inbox = page.getByTestId('approvals-inbox');
  const item = inbox.getByTestId('approval-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-session-id', id);
  await expect(item.getByTestId('approval-detail')).toHaveText('echo hello-approvals');
  await expect(item).toContainText('asker');
  await expect(item).toContainText('screen');
  // The demo menu offers "Yes, and don't ask again": Always is there.
  await expect(item.getByTestId('approval-always')).toBeVisible();
  await page.screenshot({ path: 'test-results/approvals.png' });

  await item.getByTestId('approval-approve').click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId('approvals-badge')).toHaveText('0');
  await expect(page).toHaveTitle(/^Dual Orchestrator/);
  await expect.poll(() => screenText(page, id)).toContain('Ran: echo hello-approvals');

  await page.getByTestId('decisions-tab').click();
  const history = page.getByTestId('decisions-history');
  const approved = history.getByTestId('decision-row').filter({ hasText: 'echo hello-approvals' });
  await expect(approved).toHaveAttribute('data-status', 'approved');
  await expect(approved).toHaveAttribute('data-decided-by', 'person');

  // A second prompt, denied from the banner this time.
  await page.getByTestId('terminals-tab').click();
  await waitReady(page, id);
  await typeLine(page, id, 'ask echo second-one');
  await expect(banner).toContainText('echo second-one');
  await banner.getByTestId('banner-deny').click();
  await expect(banner).toBeHidden();
  await expect.poll(() => screenText(page, id)).toContain('Denied by user');
  await page.getByTestId('decisions-tab').click();
  const denied = history.getByTestId('decision-row').filter({ hasText: 'echo second-one' });
  await expect(denied).toHaveAttribute('data-status', 'denied');
  await expect(denied).toHaveAttribute('data-decided-by', 'person');
});

test('the inbox answers keys only while it has the focus', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createDemo(page, 'keys');
  await waitReady(page, id);
  await typeLine(page, id, 'ask echo by-key');
  await expect(page.getByTestId('approvals-badge')).toHaveText('1');
  await page.getByTestId('approvals-nav').click();
  await page.getByTestId('approval-list').focus();
  await page.keyboard.press('a');
  await expect(page.getByTestId('approval-item')).toHaveCount(0);
  await page.getByTestId('terminals-tab').click();
  await expect.poll(() => screenText(page, id)).toContain('Ran: echo by-key');
});

test('policy mode denies a builtin-blocked command on its own and records why', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createDemo(page, 'guarded', 'policy');
  await waitReady(page, id);
  await typeLine(page, id, 'ask rm -rf /');
  await expect.poll(() => screenText(page, id), { timeout: 15_000 }).toContain('Denied by user');
  await page.getByTestId('decisions-tab').click();
  const row = page.getByTestId('decisions-history').getByTestId('decision-row').filter({ hasText: 'rm -rf /' });
  await expect(row).toHaveAttribute('data-status', 'denied');
  await expect(row).toHaveAttribute('data-decided-by', 'policy');
  await expect(row).not.toHaveAttribute('data-rule-id', '');
  await expect(row.getByTestId('decision-rule')).toBeVisible();
  await expect(page.getByTestId('approvals-badge')).toHaveText('0');
});

test('the policy editor refuses a broken policy with its line and keeps the one in force', async ({ page, app }) => {
  await openApp(page, app.url);
  await page.getByTestId('policy-tab').click();
  const editor = page.getByTestId('policy-editor');
  await expect(editor).not.toHaveValue('');
  const before = await editor.inputValue();
  await expect(page.getByTestId('policy-builtins').locator('li').first()).toBeVisible();
  await editor.fill(`${before}\n%%% not a rule %%%\n`);
  await page.getByTestId('policy-save').click();
  // The refusal names the file, line and column, and the reason.
  await expect(page.getByTestId('policy-error')).toContainText(/not changed.*:\d+:\d+: \S/);
  // Reloading shows the policy still in force.
  await page.getByTestId('terminals-tab').click();
  await page.getByTestId('policy-tab').click();
  await expect(editor).toHaveValue(before);
});

test('the screen debug view explains the classifier', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createDemo(page, 'debugged');
  await waitReady(page, id);
  await pane(page, id).getByTestId('pane-debug').click();
  const panel = pane(page, id).getByTestId('screen-debug');
  await expect(panel).toBeVisible();
  await expect(panel.locator('pre')).not.toHaveText(/Reading the screen/);
  await expect(panel.locator('pre')).toHaveText(/\S/);
});
