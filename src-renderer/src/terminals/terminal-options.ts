import type { ITerminalInitOnlyOptions, ITerminalOptions, ITheme } from '@xterm/xterm';

/** VS Code Dark+ terminal colours: what our users look at all day already. */
export const DARK_PLUS_THEME: ITheme = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  cursor: '#aeafad',
  cursorAccent: '#1e1e1e',
  selectionBackground: '#264f78',
  selectionInactiveBackground: '#3a3d41',
  scrollbarSliderBackground: 'rgba(121, 121, 121, 0.4)',
  scrollbarSliderHoverBackground: 'rgba(100, 100, 100, 0.7)',
  scrollbarSliderActiveBackground: 'rgba(191, 191, 191, 0.4)',
  black: '#000000',
  red: '#cd3131',
  green: '#0dbc79',
  yellow: '#e5e510',
  blue: '#2472c8',
  magenta: '#bc3fbc',
  cyan: '#11a8cd',
  white: '#e5e5e5',
  brightBlack: '#666666',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#e5e5e5',
};

export const TERMINAL_FONT_FAMILY = '"Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
export const TERMINAL_FONT_SIZE_PX = 13;
/** Lines kept per terminal view; the core's snapshot carries 5 000, live output adds to it. */
export const SCROLLBACK_LINES = 10_000;

export function terminalOptions(extra: ITerminalOptions & ITerminalInitOnlyOptions = {}): ITerminalOptions & ITerminalInitOnlyOptions {
  return {
    allowProposedApi: true, // search decorations and the unicode11 provider use proposed API
    fontFamily: TERMINAL_FONT_FAMILY,
    fontSize: TERMINAL_FONT_SIZE_PX,
    scrollback: SCROLLBACK_LINES,
    theme: DARK_PLUS_THEME,
    cursorBlink: true,
    // Option stays a text key on macOS (accents, |, @ on many layouts), as in VS Code by default.
    macOptionIsMeta: false,
    // Agents draw box borders; xterm's custom glyphs keep them joined whatever the font.
    customGlyphs: true,
    ...extra,
  };
}

/** Search highlight colours (VS Code's find widget); the addon wants #RRGGBB. */
export const SEARCH_DECORATIONS = {
  matchBackground: '#623315',
  matchBorder: '#623315',
  matchOverviewRuler: '#d18616',
  activeMatchBackground: '#515c6a',
  activeMatchBorder: '#f8ad3a',
  activeMatchColorOverviewRuler: '#f8ad3a',
};
