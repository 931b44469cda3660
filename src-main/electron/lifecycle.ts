import { app, BrowserWindow, dialog } from 'electron';
import type { Logger } from '../lib/logger';

/** Windows taskbar grouping, notifications and jump lists key on this; equals electron-builder's appId. */
export const APP_USER_MODEL_ID = 'dev.dualorchestrator.app';
/**
 * core.shutdown() tells agents to stop and kills them after its own grace
 * period; if it is still not done after this, the app exits anyway rather
 * than hang in the background with no window.
 */
export const SHUTDOWN_HARD_DEADLINE_MS = 15_000;

/**
 * One desktop instance per data folder: Electron's lock lives in userData,
 * which the entry points at the data folder. False means another instance
 * holds it (it has been asked to show its window) and this one must quit.
 */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock();
}

/**
 * Asks before a quit that would stop running agents. True = go ahead
 * (nothing running, or the person agreed). Agents are not lost either way —
 * their history stays on disk — but a stopped agent loses its live
 * conversation, so this is worth one click.
 */
export function confirmStopAgents(parent: BrowserWindow | null, liveSessions: number): boolean {
  if (liveSessions === 0) return true;
  const options = {
    type: 'warning' as const,
    buttons: ['Stop Agents and Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: liveSessions === 1 ? '1 agent session is still running.' : `${liveSessions} agent sessions are still running.`,
    detail: 'Quitting asks each agent to stop and ends it after a few seconds. Their history stays on disk.',
  };
  const choice = parent && !parent.isDestroyed() ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options);
  return choice === 0;
}

export interface LifecycleDeps {
  /** Show (restore, focus) the main window, creating it if none is open. */
  showMainWindow(): void;
  /** Asked once before a person-initiated quit (not for signals); false cancels the quit. */
  confirmQuit(): boolean;
  /** Synchronous last words before shutdown starts (e.g. save window bounds). */
  beforeShutdown(): void;
  /** Stops agents, flushes the store, closes the server. */
  shutdown(): Promise<void>;
  logger: Logger;
}

/**
 * Quit handling: the first quit request is held (preventDefault) until the
 * core has shut down cleanly, then the app exits; later quit requests while
 * that runs are swallowed. Closing the last window quits except on macOS,
 * where the app (and its agents) keep running until Quit, as Mac apps do.
 */
export function installLifecycle(deps: LifecycleDeps): void {
  const { logger } = deps;
  app.on('second-instance', () => {
    logger.info('second instance started: showing this one instead');
    deps.showMainWindow();
  });
  app.on('activate', () => deps.showMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  let unattended = false; // a signal asked: nobody is there to answer a dialog
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (shuttingDown) return;
    if (!unattended && !deps.confirmQuit()) {
      logger.info('quit cancelled by the person');
      return;
    }
    shuttingDown = true;
    logger.info('quit requested: shutting down the core');
    try {
      deps.beforeShutdown();
    } catch (e) {
      logger.warn('before-shutdown step failed', { err: e });
    }
    // Windows disappear at once; agents may take a few seconds to stop.
    for (const w of BrowserWindow.getAllWindows()) if (!w.isDestroyed()) w.hide();
    const deadline = setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting anyway', { afterMs: SHUTDOWN_HARD_DEADLINE_MS });
      app.exit(1);
    }, SHUTDOWN_HARD_DEADLINE_MS);
    deps
      .shutdown()
      .then(() => {
        clearTimeout(deadline);
        app.exit(0);
      })
      .catch((e: unknown) => {
        clearTimeout(deadline);
        logger.error('shutdown failed', { err: e });
        app.exit(1);
      });
  });

  // A terminal's Ctrl-C or a service manager's SIGTERM: the same clean quit.
  // (Windows delivers no such signals to a GUI process.)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      logger.info('signal received: quitting', { signal });
      unattended = true;
      app.quit();
    });
  }
}
