import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { Logger } from '../lib/logger';
import { openExternalIfSafe } from './window';

export interface MenuDeps {
  /** Brings the main window forward, creating it if it was closed (macOS keeps running without one). */
  showMainWindow(): void;
  /** The loopback web host's URL, token included. */
  browserUrl: string;
  dataDir: string;
  logsDir: string;
  /** Development only: reload-with-cache-bypass and DevTools. */
  devTools: boolean;
  logger: Logger;
}

/**
 * The application menu. Its Edit roles are not decoration: on macOS the
 * clipboard shortcuts only reach the renderer through menu accelerators.
 * On Windows and Linux every Ctrl chord belongs to the terminal first, so
 * items whose default chord is a terminal key register no accelerator.
 */
export function installAppMenu(deps: MenuDeps): void {
  const isMac = process.platform === 'darwin';
  const openFolder = (folder: string): void => {
    void shell.openPath(folder).then((problem) => {
      if (problem) deps.logger.warn('could not open folder', { folder, problem });
    });
  };

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Show Sessions Window', click: () => deps.showMainWindow() },
        {
          label: 'Open in Browser',
          accelerator: 'CmdOrCtrl+Shift+B',
          toolTip: 'The same sessions in your web browser (this computer only)',
          click: () => openExternalIfSafe(deps.browserUrl, deps.logger),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', registerAccelerator: false },
      ],
    },
    {
      label: 'Edit',
      // macOS needs these accelerators for Cmd-C/V to work at all. On Windows
      // and Linux, Ctrl-C/Z/X/A/V are terminal keys (interrupt, suspend, …):
      // the items stay for the mouse but register no shortcut, and text
      // fields keep Chromium's own editing keys.
      submenu: (['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll'] as const).map((role) =>
        role === 'separator' ? { type: 'separator' as const } : { role, registerAccelerator: isMac },
      ),
    },
    {
      label: 'View',
      submenu: [
        // Ctrl-R is reverse search in shells and a Claude Code key: a shortcut only on macOS (Cmd-R).
        { role: 'reload', registerAccelerator: isMac },
        ...(deps.devTools
          ? ([{ role: 'forceReload', registerAccelerator: isMac }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])
          : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'window',
      // Ctrl-W is "delete word" in a shell: on Windows/Linux closing (which
      // quits and stops agents) stays a click or Alt-F4.
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close', registerAccelerator: false }],
    },
    {
      role: 'help',
      submenu: [
        { label: 'Open Data Folder', click: () => openFolder(deps.dataDir) },
        { label: 'Open Logs Folder', click: () => openFolder(deps.logsDir) },
        ...(isMac ? [] : ([{ type: 'separator' }, { role: 'about' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
