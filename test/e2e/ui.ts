import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Shared steps of the end-to-end specs: what a person does in the UI, in one place. */

/** bash without rc files: a predictable prompt on every machine. */
export const PLAIN_BASH = { command: 'bash', args: '--noprofile --norc', env: 'PS1=$ ' };

export type NewSession = { name: string; profile: 'shell' | 'demo' | 'bash'; mode?: 'manual' | 'policy' | 'judge' };

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('new-session-button')).toBeVisible();
}

export const pane = (page: Page, id: string) => page.locator(`[data-testid="terminal-pane"][data-session-id="${id}"]`);

/** Creates a session through the New session dialog; returns its id once its pane is on screen. */
export async function createSession(page: Page, s: NewSession): Promise<string> {
  await page.getByTestId('terminals-tab').click();
  await page.getByTestId('new-session-button').click();
  const dialog = page.getByTestId('new-session-dialog');
  await expect(dialog).toBeVisible();
  if (s.profile === 'bash') {
    await page.getByTestId('profile-select').selectOption('custom');
    await page.getByTestId('command-input').fill(PLAIN_BASH.command);
    await page.getByTestId('args-input').fill(PLAIN_BASH.args);
    await page.getByTestId('env-input').fill(PLAIN_BASH.env);
  } else {
    await page.getByTestId('profile-select').selectOption(s.profile);
  }
  if (s.mode) {
    await expect(page.getByTestId('mode-input')).toHaveValue('manual');
    await page.getByTestId('mode-input').selectOption(s.mode);
  }
  await page.getByTestId('name-input').fill(s.name);
  await page.getByTestId('create-session-submit').click();
  await expect(dialog).toBeHidden();
  const item = page.getByTestId('session-list').getByTestId('session-item').filter({ hasText: s.name });
  await expect(item).toHaveAttribute('data-state', 'running');
  const id = await item.getAttribute('data-session-id');
  if (!id) throw new Error(`session item for ${s.name} has no id`);
  await expect(pane(page, id)).toBeVisible();
  if (s.mode) await expect(pane(page, id).getByTestId('mode-select')).toHaveValue(s.mode);
  return id;
}

/** The page's test hooks (src-renderer/src/terminals/instrumentation.ts). */
type TestHooks = { screenText(id: string): string; bufferText(id: string): string };

export function screenText(page: Page, id: string): Promise<string> {
  return page.evaluate((sid) => (window as unknown as { __dualOrch?: TestHooks }).__dualOrch?.screenText(sid) ?? '', id);
}

export function bufferText(page: Page, id: string): Promise<string> {
  return page.evaluate((sid) => (window as unknown as { __dualOrch?: TestHooks }).__dualOrch?.bufferText(sid) ?? '', id);
}

/** Clicks into the session's terminal (as a person would) and types a line. */
export async function typeLine(page: Page, id: string, text: string): Promise<void> {
  await pane(page, id).locator('.xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
