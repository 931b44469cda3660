import { installApprovalBadge } from './electron/badge';
import { join } from 'node:path';
import { app, dialog, session } from 'electron';
import { APP_NAME, composeCore, type Core } from './compose';
import { rendererLocation } from './electron/app-url';
import { contentSecurityPolicy } from './electron/csp';
import { IpcRouter } from './electron/ipc-router';
import { APP_USER_MODEL_ID, claimSingleInstance, confirmStopAgents, installLifecycle } from './electron/lifecycle';
import { installAppMenu } from './electron/menu';
import { registerAppSchemePrivileges, serveRendererFiles } from './electron/renderer-protocol';
import { createMainWindow, guardAllWebContents, hardenSession, type MainWindow } from './electron/window';
import { isLiveState } from './core/sessions/lifecycle';
import type { Logger, LogLevel } from './lib/logger';
import { createRotatingLogger } from './lib/pino-logger';
import { electronSealer } from './electron/safe-storage';
import { parseHostOptions } from './options';
import { resolveNativeBinding } from './platform/native-binding';

/** Exit codes shared with browser mode (serve.ts): 2 = cannot start, 3 = already running on this data folder. */
const EXIT_CANNOT_START = 2;
const EXIT_ALREADY_RUNNING = 3;

/**
 * The Electron host (DESIGN.md §2). Boot phases, in order:
 *   0. before anything async: app:// scheme privileges, Windows AppUserModelID
 *   1. options (same flags as browser mode; Electron's own switches are ignored)
 *   2. data folder → Electron's userData, log file
 *   3. single-instance lock (per data folder): a second start shows the first
 *   4. app ready
 *   5. core: composeCore (store + schema check, instance claim, sessions
 *      restored, loopback web host for hooks and "Open in Browser")
 *   6. session hardening, renderer protocol, IPC router, menu, main window
 *   7. lifecycle: activate / second-instance / clean quit
 * A failure in 1 or 5 is shown in a dialog and the app quits.
 */

// Phase 0 — Electron requires privileged schemes to be declared before ready.
registerAppSchemePrivileges();
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

/** Shows why the app cannot start (showErrorBox works before ready), then exits. */
async function fail(log: { logger: Logger; close(): Promise<void> } | null, message: string, code: number): Promise<void> {
  if (log) {
    log.logger.error('cannot start', { message });
    await log.close();
  }
  dialog.showErrorBox(`${APP_NAME} cannot start`, message);
  app.exit(code);
}

/** The folder with package.json and resources/ as real files (child processes cannot read inside app.asar). */
function unpackedAppRoot(): string {
  const appPath = app.getAppPath();
  return app.isPackaged ? appPath.replace(/app\.asar$/, 'app.asar.unpacked') : appPath;
}

async function main(): Promise<void> {
  // Phase 1
  const parsed = parseHostOptions(process.argv.slice(1));
  if (!parsed.ok) return fail(null, parsed.error.message, EXIT_CANNOT_START);
  const options = parsed.value;

  // Phase 2 — defaultDataDir() is Electron's userData for this productName; an
  // explicit --data-dir moves Electron's own files (cache, local storage) along.
  app.setPath('userData', options.dataDir);
  const logsDir = join(options.dataDir, 'logs');
  // Structured JSON (pino), rotated by size (src-main/lib/pino-logger.ts).
  const log = await createRotatingLogger({
    file: join(logsDir, 'main.log'),
    level: (process.env.DUAL_ORCH_LOG_LEVEL as LogLevel | undefined) ?? 'info',
    base: { host: 'desktop', pid: process.pid },
  });
  const logger = log.logger;
  process.on('uncaughtException', (e) => logger.error('uncaught exception', { err: e }));
  process.on('unhandledRejection', (e) => logger.error('unhandled rejection', { err: e }));

  // Phase 3
  if (!claimSingleInstance()) {
    logger.info('another desktop instance owns this data folder; it was asked to show itself');
    await log.close();
    app.exit(0);
    return;
  }

  // Phase 4
  await app.whenReady();

  // Phase 5
  const appPath = app.getAppPath();
  const appRoot = unpackedAppRoot();
  const nativeBinding = resolveNativeBinding(appRoot, {
    electronVersion: process.versions.electron,
    packaged: app.isPackaged,
    platform: process.platform,
    arch: process.arch,
  });
  logger.info('starting', { version: app.getVersion(), electron: process.versions.electron, dataDir: options.dataDir, nativeBinding: nativeBinding ?? 'default' });
  const composed = await composeCore({
    host: 'desktop',
    version: app.getVersion(),
    options,
    logger,
    appRoot,
    // Served by app:// and by the web host; Electron's fs reads inside app.asar.
    rendererDir: join(appPath, 'out', 'renderer'),
    // Sessions that run Node scripts (the demo agent) use Electron's own Node.
    nodeRuntime: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
    // Headless screens are parsed in a worker thread beside this file (out/main).
    screenWorkerPath: join(__dirname, 'screen-worker.js'),
    ...(nativeBinding ? { nativeBinding } : {}),
    // The control API's signing secrets sealed by the OS keychain (safeStorage needs app ready: it is, phase 4).
    secretSealer: electronSealer,
  });
  if (!composed.ok) {
    let message = composed.error.message;
    if (/NODE_MODULE_VERSION|was compiled against a different/.test(message)) {
      message += '\n\nThe SQLite module is built for Node, not Electron. Run "npm run native:electron" (npm start does this for you).';
    }
    return fail({ logger, close: log.close }, message, composed.error.code === 'conflict' ? EXIT_ALREADY_RUNNING : EXIT_CANNOT_START);
  }
  const core: Core = composed.value;

  // Phase 6
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const location = rendererLocation(devServerUrl);
  const csp = contentSecurityPolicy(location.devServer ? { devServerOrigin: location.origin } : {});
  const devTools = !app.isPackaged;
  hardenSession(session.defaultSession, { location, csp, logger: logger.child({ component: 'session' }) });
  guardAllWebContents({ location, logger: logger.child({ component: 'navigation' }) });
  serveRendererFiles({ rendererDir: join(appPath, 'out', 'renderer'), csp, logger: logger.child({ component: 'protocol' }) });
  const router = new IpcRouter({ hub: core.hub, location, logger: logger.child({ component: 'ipc' }) });
  const iconPath = join(appRoot, 'resources', 'icons', 'icon.png');
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), iconPath });

  let main: MainWindow | null = null;
  // One answer covers both the window close and the quit that follows it.
  let quitConfirmed = false;
  const confirmQuit = (): boolean => {
    if (!quitConfirmed) {
      const live = core.sessions.list().filter((s) => isLiveState(s.state)).length;
      quitConfirmed = confirmStopAgents(main?.window ?? null, live);
    }
    return quitConfirmed;
  };
  const showMainWindow = (): void => {
    if (main && !main.window.isDestroyed()) {
      if (main.window.isMinimized()) main.window.restore();
      main.window.show();
      main.window.focus();
      return;
    }
    main = createMainWindow({
      location,
      preloadPath: join(__dirname, '..', 'preload', 'index.js'),
      stateFile: join(options.dataDir, 'window-state.json'),
      ...(process.platform === 'linux' ? { iconPath } : {}),
      devTools,
      ...(process.platform === 'darwin' ? {} : { confirmClose: confirmQuit }),
      onSessionEnd: () => {
        quitConfirmed = true;
      },
      logger: logger.child({ component: 'window' }),
    });
    router.attach(main.window.webContents);
    main.window.on('closed', () => {
      main = null;
    });
  };
  installAppMenu({ showMainWindow, browserUrl: core.web.url, dataDir: options.dataDir, logsDir, devTools, logger });
  showMainWindow();
  const badge = installApprovalBadge(core.approvals, () => {
    if (main && !main.window.isFocused()) main.window.flashFrame(true);
  });

  // Phase 7
  installLifecycle({
    showMainWindow,
    confirmQuit,
    beforeShutdown: () => main?.saveState(),
    shutdown: async () => {
      router.dispose();
      badge.dispose();
      await core.shutdown();
      await log.close();
    },
    logger,
  });
  logger.info('desktop ready', { url: core.web.url.replace(/token=[^&]+/, 'token=…') });
}

main().catch((e: unknown) => {
  // A bug, not an expected failure: still tell the person instead of vanishing.
  dialog.showErrorBox(`${APP_NAME} cannot start`, (e as Error).stack ?? String(e));
  app.exit(EXIT_CANNOT_START);
});
