import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareClaudeEnv } from '../fixtures/claude-env';
import { createModelServer } from '../fixtures/model-server';
import { WsClient } from '../fixtures/ws-client';
import { expect, test } from './fixtures';
import { openApp, pane, screenText } from './ui';

/**
 * The real Claude Code CLI in the real UI: its Bash permission prompt (from
 * its hook) shows as a banner over its terminal; one click on Approve runs the
 * command and the conversation carries on. The model is our scripted server
 * on 127.0.0.1.
 */
test('a real Claude Code permission prompt is approved with one click in the browser', async ({ page, app }) => {
  delete process.env.ANTHROPIC_API_KEY;
  const server = await createModelServer({
    script: [
      { toolUse: { id: 'toolu_ui', name: 'Bash', input: { command: 'echo from-ui > ui.txt', description: 'Write a file' } } },
      { text: 'Wrote ui.txt for you.' },
    ],
  });
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-e2e-claude-')));
  const env = prepareClaudeEnv({ modelServerUrl: server.url, cwd });
  const api = await WsClient.open(app.url);
  try {
    await openApp(page, app.url);
    const created = await api.request('sessions.create', { profileId: 'claude', name: 'claude', cwd, env: env.env });
    expect(created.ok).toBe(true);
    const id = created.value.id as string;
    await expect(pane(page, id)).toBeVisible();
    await expect.poll(() => screenText(page, id), { timeout: 30_000 }).toMatch(/manual mode on|\? for shortcuts/);

    // Typed as a person would; Enter only once the text is on screen (text + Enter at once reads as a paste).
    await pane(page, id).locator('.xterm').click();
    await page.keyboard.type('write the file');
    await expect.poll(() => screenText(page, id)).toContain('write the file');
    await page.keyboard.press('Enter');

    const banner = pane(page, id).getByTestId('approval-banner');
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText('echo from-ui > ui.txt');
    await expect(page.getByTestId('approvals-badge')).toHaveText('1');
    await banner.getByTestId('banner-approve').click();

    const out = join(cwd, 'ui.txt');
    await expect.poll(() => (existsSync(out) ? readFileSync(out, 'utf8').trim() : ''), { timeout: 30_000 }).toBe('from-ui');
    await expect.poll(() => screenText(page, id), { timeout: 30_000 }).toContain('Wrote ui.txt for you.');
    await expect(page.getByTestId('approvals-badge')).toHaveText('0');
  } finally {
    api.close();
    await app.current.stop();
    await server.close();
    env.cleanup();
    rmSync(cwd, { recursive: true, force: true });
  }
});
