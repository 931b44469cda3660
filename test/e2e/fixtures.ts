import { test as base, expect } from '@playwright/test';
import { freshDataDir, startApp, type RunningApp } from '../fixtures/app-process';

export interface AppFixture {
  /** URL with the access token, for page.goto. */
  readonly url: string;
  readonly dataDir: string;
  readonly current: RunningApp;
  /** kill -9 the app, start it again on the same data folder; returns the new URL. */
  restart(): Promise<string>;
}

/**
 * `app`: browser mode from a fresh data folder, stopped after the test.
 * Agents started during the test are stopped by the app's own shutdown.
 */
export const test = base.extend<{ app: AppFixture; appEnv: NodeJS.ProcessEnv }>({
  /** Extra environment for the app process (and so every agent it starts): `test.use({ appEnv })`. */
  appEnv: [{}, { option: true }],
  app: async ({ appEnv }, use) => {
    const dataDir = freshDataDir();
    let running = await startApp(dataDir, [], appEnv);
    const fixture: AppFixture = {
      get url() {
        return running.url;
      },
      dataDir,
      get current() {
        return running;
      },
      async restart() {
        await running.crash();
        running = await startApp(dataDir, [], appEnv);
        return running.url;
      },
    };
    await use(fixture);
    await running.stop();
  },
});

export { expect };
