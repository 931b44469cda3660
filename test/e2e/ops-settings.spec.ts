import { request as httpRequest } from 'node:http';
import { expect, test } from './fixtures';
import { openApp } from './ui';

/**
 * Settings → service accounts, end to end: a person creates a token in the
 * browser UI, a script uses it against the control API, the person revokes
 * it and the script is refused. The live-stream admin table shows a client
 * that is connected with that token.
 */

const apiGet = async (origin: string, path: string, token: string): Promise<number> =>
  (await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;

test('create a token in settings, use it, see its stream client, revoke it', async ({ page, app }) => {
  await openApp(page, app.url);
  await page.getByTestId('settings-tab').click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  await expect(page.getByTestId('accounts-empty')).toBeVisible();

  await page.getByTestId('account-name').fill('ci-bot');
  await page.getByTestId('account-role').selectOption('viewer');
  await page.getByTestId('account-create').click();
  const token = (await page.getByTestId('token-value').textContent())!.trim();
  expect(token.split('.')).toHaveLength(3);
  const row = page.locator('[data-testid="account-row"][data-account="ci-bot"]');
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row).toContainText('viewer');

  const origin = app.current.origin;
  expect(await apiGet(origin, '/api/v1/sessions', token)).toBe(200);
  expect(await apiGet(origin, '/api/v1/accounts', token)).toBe(403);

  // A stream client connected with the new token shows in the admin table.
  const stream = httpRequest(`${origin}/api/v1/stream?clientId=e2e-watcher`, { headers: { authorization: `Bearer ${token}` } });
  stream.end();
  try {
    await expect(page.locator('[data-testid="stream-client-row"][data-client="e2e-watcher"]')).toContainText('connected', { timeout: 15_000 });
  } finally {
    stream.destroy();
  }

  page.once('dialog', (d) => void d.accept());
  await row.getByTestId('account-revoke').click();
  await expect(row).toHaveAttribute('data-status', 'revoked');
  await expect(page.getByTestId('token-reveal')).toBeHidden();
  expect(await apiGet(origin, '/api/v1/sessions', token)).toBe(401);
});
