import { app, BrowserWindow, screen, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../lib/logger';
import { isAppOrigin, isAppUrl, isSafeExternalUrl, type RendererLocation } from './app-url';
import { fitToDisplays, loadWindowState, MIN_WINDOW_SIZE, saveWindowState, type WindowState } from './window-state';

/** Painted before the renderer's first frame: the UI's --bg (src-renderer styles), so there is no white flash. */
export const WINDOW_BACKGROUND = '#1e1e1e';
/** Show the window even if the renderer never reports ready-to-show (a broken bundle should still be visible). */
const SHOW_FALLBACK_MS = 5_000;
/** Bounds are written this long after the last move/resize (and always on close). */
const SAVE_BOUNDS_DEBOUNCE_MS = 500;
/** A renderer that crashes more often than this within the window below is left for the person to reload. */
const MAX_CRASH_RELOADS = 3;
const CRASH_WINDOW_MS = 60_000;

/**
 * The only permissions the renderer may have: copying terminal text to the
 * clipboard and desktop notifications for prompts waiting on the person.
 * Everything else (camera, geolocation, HID, …) is denied by default.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

/**
 * Deny-by-default permissions and the CSP header for the session our window
 * uses. The header is added to responses from our renderer origin (the Vite
 * dev server during development; app:// responses carry it already).
 */
export function hardenSession(ses: Session, deps: { location: RendererLocation; csp: string; logger: Logger }): void {
  const { location, csp, logger } = deps;
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const allowed = ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl, location);
    if (!allowed) logger.warn('permission request denied', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(requestingOrigin, location));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, location)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/**
 * Navigation and window-creation guards for every web contents the app ever
 * creates (registered once on 'web-contents-created', so nothing slips by):
 * no new windows (http(s) links go to the OS browser after validation), no
 * navigation away from our renderer, no <webview>.
 */
export function guardAllWebContents(deps: { location: RendererLocation; logger: Logger }): void {
  const { location, logger } = deps;
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfSafe(url, logger);
      return { action: 'deny' };
    });
    const guard = (event: Electron.Event, url: string): void => {
      if (isAppUrl(url, location)) return;
      event.preventDefault();
      logger.warn('navigation away from the app blocked', { url });
      openExternalIfSafe(url, logger);
    };
    contents.on('will-navigate', (event) => guard(event, event.url));
    contents.on('will-redirect', (event) => guard(event, event.url));
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('<webview> creation blocked');
    });
  });
}

/** Hands a link to the OS browser only if it is plain http(s) (see isSafeExternalUrl). */
export function openExternalIfSafe(url: string, logger: Logger): void {
  if (!isSafeExternalUrl(url)) {
    logger.warn('external link refused', { url });
    return;
  }
  shell.openExternal(url).catch((e: unknown) => logger.warn('opening the browser failed', { url, err: e }));
}

export interface MainWindowDeps {
  location: RendererLocation;
  preloadPath: string;
  /** <data>/window-state.json */
  stateFile: string;
  /** Window icon where the OS takes it from the window (Linux); Windows and macOS use the packaged icon. */
  iconPath?: string;
  devTools: boolean;
  /**
   * Asked when the person closes the window where that quits the app
   * (Windows, Linux); false keeps it open. Not asked on macOS, where
   * closing the window leaves the app and its agents running.
   */
  confirmClose?: () => boolean;
  /** The OS is logging off or shutting down (Windows): close without asking. */
  onSessionEnd?: () => void;
  logger: Logger;
}

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Writes the current bounds now (before quit: app.exit skips 'close'). */
  saveState(): void;
}

/** The main window: sandboxed, isolated, restored to where it was, shown when painted. */
export function createMainWindow(deps: MainWindowDeps): MainWindow {
  const { logger } = deps;
  const primary = screen.getPrimaryDisplay().workArea;
  const state = fitToDisplays(
    loadWindowState(deps.stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    primary,
  );

  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    title: app.getName(),
    ...(deps.iconPath ? { icon: deps.iconPath } : {}),
    webPreferences: {
      preload: deps.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: deps.devTools,
      // Terminals must keep draining while the window is hidden or minimised:
      // the renderer's acknowledgements drive pty flow control, and a
      // throttled renderer would pause every agent (DESIGN.md §3).
      backgroundThrottling: false,
    },
  });

  const readState = (): WindowState => ({
    bounds: window.getNormalBounds(),
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  });
  const saveState = (): void => {
    if (window.isDestroyed()) return;
    try {
      saveWindowState(deps.stateFile, readState());
    } catch (e) {
      logger.warn('window state not saved', { err: e });
    }
  };
  let saveTimer: NodeJS.Timeout | undefined;
  const scheduleSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, SAVE_BOUNDS_DEBOUNCE_MS);
  };
  for (const ev of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    window.on(ev as 'resize', scheduleSave);
  }
  window.on('close', (event) => {
    if (deps.confirmClose && !deps.confirmClose()) {
      event.preventDefault();
      return;
    }
    saveState();
  });
  window.on('closed', () => clearTimeout(saveTimer));
  if (deps.onSessionEnd) window.on('query-session-end', deps.onSessionEnd);

  let shown = false;
  const show = (): void => {
    if (shown || window.isDestroyed()) return;
    shown = true;
    clearTimeout(showFallback);
    if (state.maximized) window.maximize();
    window.show();
    if (state.fullScreen) window.setFullScreen(true);
  };
  const showFallback = setTimeout(() => {
    logger.warn('renderer not ready in time; showing the window anyway', { afterMs: SHOW_FALLBACK_MS });
    show();
  }, SHOW_FALLBACK_MS);
  window.once('ready-to-show', show);
  window.on('closed', () => clearTimeout(showFallback));

  watchRendererCrashes(window.webContents, logger);
  window.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (isMainFrame) logger.error('renderer failed to load', { code, description, url });
  });

  void window.loadURL(deps.location.entryUrl).catch((e: unknown) => logger.error('loading the renderer failed', { url: deps.location.entryUrl, err: e }));
  return { window, saveState };
}

/** Reloads a crashed renderer, a few times at most, so one crash does not leave a dead window. */
function watchRendererCrashes(contents: WebContents, logger: Logger): void {
  const crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit') return;
    const now = Date.now();
    while (crashes.length > 0 && now - crashes[0]! > CRASH_WINDOW_MS) crashes.shift();
    crashes.push(now);
    if (crashes.length > MAX_CRASH_RELOADS) {
      logger.error('renderer keeps crashing; not reloading again (View → Reload to retry)', { crashes: crashes.length });
      return;
    }
    if (!contents.isDestroyed()) contents.reload();
  });
}
