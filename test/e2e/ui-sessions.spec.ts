import { expect, test } from './fixtures';
import { bufferText, createSession as create, openApp, pane, screenText, typeLine } from './ui';

const createSession = (page: Parameters<typeof create>[0], name: string, profile: 'shell' | 'demo' | 'bash') => create(page, { name, profile });

/**
 * The renderer end to end in Debian's Chromium against browser mode: real
 * core, real ptys, real xterm. Terminal text is read through the page's test
 * hooks (window.__dualOrch), which read xterm's own buffer — the same bytes a
 * person sees, whichever renderer draws them.
 */

test('a shell session runs commands typed into its terminal', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, 'my shell', 'shell');
  // The login shell's prompt (whatever it looks like here) says it is ready for input.
  await expect.poll(() => screenText(page, id), { timeout: 30_000 }).toMatch(/\S/);
  await typeLine(page, id, 'echo hello-$((6*7))');
  await expect.poll(() => screenText(page, id)).toContain('hello-42');
  // The token left the address bar (it stays in this tab's sessionStorage for reloads).
  expect(page.url()).not.toContain('token=');
});

test('copy and paste with Ctrl+Shift+C / Ctrl+Shift+V', async ({ page, app, context }) => {
  // The test writes and reads the clipboard itself; the page's paste is the browser's own.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await openApp(page, app.url);
  const id = await createSession(page, 'clip', 'bash');
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((3*3))'));
  await pane(page, id).locator('.xterm').click();
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id)).toMatch(/^pasted-9$/m);
  await page.evaluate((sid) => (window as unknown as { __dualOrch: { terminal(id: string): { selectAll(): void } } }).__dualOrch.terminal(sid).selectAll(), id);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('pasted-9');
});

test('typing into the demo agent', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, 'demo one', 'demo');
  await expect.poll(() => screenText(page, id)).toMatch(/^\s*[│|]?\s*>/m);
  await typeLine(page, id, 'echo demo-says-hi');
  // Printed by the agent on a line of its own (the typed command line reads "> echo demo-says-hi").
  await expect.poll(() => screenText(page, id)).toMatch(/^\s*demo-says-hi\s*$/m);
});

test('four sessions in the grid, all visible; restart one and it continues', async ({ page, app }) => {
  await openApp(page, app.url);
  const ids = [
    await createSession(page, 'shell A', 'bash'),
    await createSession(page, 'demo B', 'demo'),
    await createSession(page, 'shell C', 'bash'),
    await createSession(page, 'demo D', 'demo'),
  ];
  await expect(page.getByTestId('terminal-pane')).toHaveCount(4);
  const viewport = page.viewportSize()!;
  const boxes = [];
  for (const id of ids) {
    await expect(pane(page, id)).toBeVisible();
    const box = (await pane(page, id).boundingBox())!;
    // Entirely on screen, and big enough to be a terminal.
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(200);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
      expect(overlap, `panes ${i} and ${j} overlap`).toBe(false);
    }
  }
  for (const id of [ids[0]!, ids[2]!]) await expect.poll(() => screenText(page, id)).toContain('$');
  for (const id of [ids[1]!, ids[3]!]) await expect.poll(() => screenText(page, id)).toMatch(/Demo Agent[\s\S]*>/);
  await page.screenshot({ path: 'test-results/grid.png' });

  // Restart shell A: the old screen goes (new process, new epoch), the new one answers.
  const [a] = ids as [string];
  await typeLine(page, a, 'echo before-$((40+2))');
  await expect.poll(() => screenText(page, a)).toContain('before-42');
  await pane(page, a).getByTestId('pane-restart').click();
  await expect.poll(() => bufferText(page, a), { timeout: 20_000 }).not.toContain('before-42');
  const item = page.getByTestId('session-item').filter({ hasText: 'shell A' });
  await expect(item).toHaveAttribute('data-state', 'running');
  await expect(pane(page, a).getByTestId('pane-state')).toHaveText('running');
  await expect.poll(() => screenText(page, a)).toContain('$');
  await typeLine(page, a, 'echo after-$((50+8))');
  await expect.poll(() => screenText(page, a)).toContain('after-58');
  // The others were not disturbed.
  await expect(pane(page, ids[2]!).getByTestId('pane-state')).toHaveText('running');
});

test('reloading the page keeps the scrollback', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, 'counter', 'bash');
  await typeLine(page, id, 'for i in $(seq 1 300); do echo "row-$i"; done');
  await expect.poll(() => screenText(page, id)).toMatch(/^row-300$/m);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(pane(page, id)).toBeVisible();
  // After re-attach the snapshot brings back the early lines, not just the screen.
  await expect.poll(() => bufferText(page, id)).toMatch(/^row-1$/m);
  const text = await bufferText(page, id);
  expect(text).toMatch(/^row-150$/m);
  expect(text).toMatch(/^row-300$/m);
  // Still interactive after the reload.
  await typeLine(page, id, 'echo alive-$((1+1))');
  await expect.poll(() => screenText(page, id)).toContain('alive-2');
});

test('after the app is killed and started again, the session is in the history with its last screen', async ({ page, app }) => {
  await openApp(page, app.url);
  const id = await createSession(page, 'will be history', 'bash');
  await typeLine(page, id, 'echo marker-$((7*6))-done');
  await expect.poll(() => screenText(page, id)).toContain('marker-42-done');

  // The core saves screens every few seconds: wait until the saved one has the marker.
  await page.getByTestId('history-tab').click();
  await page.getByTestId('history-item').and(page.locator(`[data-session-id="${id}"]`)).click();
  await expect(async () => {
    await page.getByTestId('history-refresh').click();
    await expect(page.getByTestId('history-screen')).toContainText('marker-42-done', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const url = await app.restart();
  await openApp(page, url);
  // No longer running: listed under History in the sidebar, not in the grid.
  await expect(page.getByTestId('terminal-pane')).toHaveCount(0);
  const past = page.getByTestId('sidebar-history-item').and(page.locator(`[data-session-id="${id}"]`));
  await expect(past).toBeVisible();
  await expect(past).toHaveAttribute('data-state', 'exited');
  await page.getByTestId('history-tab').click();
  const item = page.getByTestId('history-item').and(page.locator(`[data-session-id="${id}"]`));
  await expect(item).toContainText('will be history');
  await item.click();
  await expect(page.getByTestId('history-screen')).toContainText('marker-42-done');
  await expect(page.getByTestId('history-events')).toContainText('session.created');
  await expect(page.getByTestId('history-events')).toContainText('session.started');

  // A dead session can be restarted from the history: it returns to the grid.
  await page.getByTestId('history-restart').click();
  await expect(pane(page, id)).toBeVisible();
  await expect(pane(page, id)).toHaveAttribute('data-state', 'running');
  await typeLine(page, id, 'echo back-$((2*3))');
  await expect.poll(() => screenText(page, id)).toContain('back-6');
});
