import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../playwright.config';
import { freshDataDir, startApp, type RunningApp } from '../../fixtures/app-process';
import { WsClient } from '../../fixtures/ws-client';

/** Browser-mode app + headless Chromium showing its UI, for benchmarks measured in the page. */
export interface BrowserBench {
  app: RunningApp;
  browser: Browser;
  page: Page;
  api: WsClient;
  close(): Promise<void>;
}

export async function openBrowserBench(viewport = { width: 1600, height: 1000 }, env: NodeJS.ProcessEnv = {}): Promise<BrowserBench> {
  const app = await startApp(freshDataDir('dorch-bench-'), [], env);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport });
  await page.goto(app.url);
  await page.waitForFunction(() => (window as unknown as { __dualOrch?: unknown }).__dualOrch !== undefined);
  const api = await WsClient.open(app.url);
  api.keepPushes = false;
  return {
    app,
    browser,
    page,
    api,
    async close() {
      api.close();
      await browser.close();
      await app.stop();
    },
  };
}

/** Creates a bash session (no rc files: deterministic prompt) and waits until the page shows its terminal. */
export async function createShell(b: BrowserBench, name: string): Promise<string> {
  const r = await b.api.request('sessions.create', {
    profileId: 'custom',
    command: 'bash',
    args: ['--noprofile', '--norc'],
    env: { PS1: '$ ' },
    name,
  });
  if (!r.ok) throw new Error(r.error?.message);
  const id = r.value.id as string;
  await b.page.waitForFunction((sid) => {
    const d = (window as unknown as { __dualOrch: { screenText(id: string): string | undefined } }).__dualOrch;
    return (d.screenText(sid) ?? '').includes('$');
  }, id, { timeout: 30_000 });
  return id;
}

/** Chunk size for handing the direct-write copy to the page (CDP message size friendly). */
const PAGE_CHUNK_CHARS = 1024 * 1024;

/**
 * The throughput baseline: ms for xterm.js alone in this page (same options
 * and renderer as the views, no transport) to parse `content` as the pty
 * would deliver it ("\n" → "\r\n").
 */
export async function xtermAloneMs(b: BrowserBench, content: string): Promise<number> {
  await b.page.evaluate(() => ((window as unknown as { __chunks: string[] }).__chunks = []));
  const withCr = content.replace(/\n/g, '\r\n');
  for (let i = 0; i < withCr.length; i += PAGE_CHUNK_CHARS) {
    await b.page.evaluate((c) => (window as unknown as { __chunks: string[] }).__chunks.push(c), withCr.slice(i, i + PAGE_CHUNK_CHARS));
  }
  return b.page.evaluate(async () => {
    const w = window as unknown as { __chunks: string[]; __dualOrch: { benchWrite(chunks: string[]): Promise<number> } };
    const ms = await w.__dualOrch.benchWrite(w.__chunks);
    w.__chunks = [];
    return ms;
  });
}
