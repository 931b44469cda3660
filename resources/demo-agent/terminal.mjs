// Terminal output for the demo agent: colours, display widths, and a "live region" — the
// lines at the bottom of the screen that are redrawn in place (what Ink-based agents such as
// Claude Code do for their input box, spinner and permission menus).
//
// When stdout is not a terminal (piped), nothing is redrawn: output is plain appended text.

const CSI = '\x1b[';

// CSI … final byte | OSC … BEL/ST | two-byte escapes
const ANSI_PATTERN =
  // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_78=>()]/g;

const ANSI_AT = new RegExp(ANSI_PATTERN.source, 'y');

export function stripAnsi(text) {
  return String(text).replace(ANSI_PATTERN, '');
}

// Code point ranges drawn two cells wide (East Asian Wide/Fullwidth and emoji presentation),
// enough for the text this program prints and for what people type. Sorted for binary search.
const WIDE_RANGES = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f900, 0x1f9ff], [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

// Combining marks, joiners and variation selectors take no cell of their own.
const ZERO_WIDTH_RANGES = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f],
  [0x200b, 0x200f], [0x2028, 0x202e], [0x2060, 0x2064], [0x20d0, 0x20ff], [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f], [0xfeff, 0xfeff], [0xe0100, 0xe01ef],
];

function inRanges(cp, ranges) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function charWidth(ch) {
  const cp = ch.codePointAt(0);
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (inRanges(cp, ZERO_WIDTH_RANGES)) return 0;
  return inRanges(cp, WIDE_RANGES) ? 2 : 1;
}

export function textWidth(text) {
  let width = 0;
  for (const ch of stripAnsi(text)) width += charWidth(ch);
  return width;
}

/** Plain text cut to at most `width` cells, ending in "…" when something was cut. */
export function fitWidth(text, width) {
  if (textWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Breaks a (possibly coloured) line into pieces at most `width` cells wide. */
export function wrapLine(line, width) {
  const parts = [];
  let current = '';
  let used = 0;
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\x1b') {
      ANSI_AT.lastIndex = i;
      const match = ANSI_AT.exec(line);
      if (match) {
        current += match[0];
        i += match[0].length;
        continue;
      }
    }
    const ch = String.fromCodePoint(line.codePointAt(i));
    const w = charWidth(ch);
    if (used + w > width && used > 0) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += w;
    i += ch.length;
  }
  parts.push(current);
  return parts;
}

/** Appends spaces so that the (possibly coloured) text fills `width` cells. */
export function padTo(text, width) {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Rounded box around `lines` (coloured strings), `width` cells wide including the borders. */
export function box(lines, width, color) {
  const inner = width - 4;
  return [
    color(`╭${'─'.repeat(width - 2)}╮`),
    ...lines.map((line) => `${color('│')} ${padTo(line, inner)} ${color('│')}`),
    color(`╰${'─'.repeat(width - 2)}╯`),
  ];
}

export function createTerminal({ stdout, env = {} }) {
  const fancy = Boolean(stdout.isTTY);
  const colorOn =
    env.NO_COLOR !== undefined && env.NO_COLOR !== ''
      ? false
      : env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'
        ? true
        : fancy;
  // In raw mode some terminals (ConPTY among them) do not turn LF into CR LF for us.
  const EOL = fancy ? '\r\n' : '\n';

  const sgr = (open, close) => (s) => (colorOn ? `${CSI}${open}m${s}${CSI}${close}m` : String(s));
  const style = {
    bold: sgr('1', '22'),
    dim: sgr('2', '22'),
    italic: sgr('3', '23'),
    red: sgr('31', '39'),
    green: sgr('32', '39'),
    yellow: sgr('33', '39'),
    blue: sgr('34', '39'),
    magenta: sgr('35', '39'),
    cyan: sgr('36', '39'),
    gray: sgr('90', '39'),
    border: sgr('38;5;244', '39'),
    accent: sgr('38;5;173', '39'), // the orange of Claude Code's ✻
    warn: sgr('38;5;214', '39'),
  };

  const cols = () => Math.max(1, stdout.columns || 80);
  const rows = () => Math.max(1, stdout.rows || 24);

  /** What is on screen now: lines, where the cursor sits, and how many rows are above it. */
  let drawn = null;
  /** Produces the region's current content: () => ({ lines, cursor?: {line, col}, showCursor? }). */
  let render = null;
  let cursorShown = true;

  function write(text) {
    return stdout.write(text);
  }

  function rowsOf(line, width) {
    return Math.max(1, Math.ceil(textWidth(line) / width));
  }

  // Rows above the cursor after the terminal reflowed the region to `width` columns (a
  // logical line then takes ceil(cells / width) rows, as in xterm.js).
  function rowsAbove(lines, cursorRow, cursorCol, width) {
    let above = 0;
    for (let i = 0; i < cursorRow; i += 1) above += rowsOf(lines[i], width);
    return above + Math.floor(cursorCol / width);
  }

  function eraseSeq() {
    if (!drawn) return '';
    const { above } = drawn;
    drawn = null;
    return `\r${above > 0 ? `${CSI}${above}A` : ''}${CSI}J`;
  }

  function cursorSeq(show) {
    if (!fancy || show === cursorShown) return '';
    cursorShown = show;
    return show ? `${CSI}?25h` : `${CSI}?25l`;
  }

  function drawSeq() {
    if (!render) return '';
    const { lines, cursor, showCursor = Boolean(cursor) } = render();
    // Lines are broken here, one column short of the edge, so the terminal never wraps them
    // itself: terminals disagree on emoji widths, and a soft wrap we did not predict would
    // make the next redraw erase the wrong rows.
    const width = Math.max(1, cols() - 1);
    const rowsOut = [];
    let cursorRow = -1;
    let cursorCol = 0;
    lines.forEach((line, index) => {
      const parts = wrapLine(line, width);
      if (cursor && cursor.line === index) {
        cursorRow = rowsOut.length + Math.floor(cursor.col / width);
        cursorCol = cursor.col % width;
        while (rowsOut.length + parts.length <= cursorRow) parts.push('');
      }
      rowsOut.push(...parts);
    });
    let seq = rowsOut.join(EOL);
    if (cursorRow >= 0) {
      const up = rowsOut.length - 1 - cursorRow;
      if (up > 0) seq += `${CSI}${up}A`;
      seq += '\r';
      if (cursorCol > 0) seq += `${CSI}${cursorCol}C`;
    } else {
      cursorRow = rowsOut.length - 1;
      cursorCol = textWidth(rowsOut[cursorRow]);
    }
    drawn = { rows: rowsOut, cursorRow, cursorCol, above: cursorRow };
    return cursorSeq(showCursor) + seq;
  }

  function refresh() {
    if (!fancy || !render) return;
    write(eraseSeq() + drawSeq());
  }

  return {
    fancy,
    colorOn,
    EOL,
    style,
    cols,
    rows,
    write,

    /** Replaces the live region with a new renderer and draws it. No-op when not a TTY. */
    setView(renderFn) {
      if (!fancy) return;
      const erase = eraseSeq();
      render = renderFn;
      write(erase + drawSeq());
    },

    /** Redraws the live region from its renderer (after its state changed). */
    refresh,

    /** Erases the live region; following output starts where it began. */
    clearView() {
      if (!fancy) return;
      const erase = eraseSeq();
      render = null;
      if (erase) write(erase);
    },

    /** Prints lines above the live region (which is redrawn below them). */
    print(text = '') {
      const body = String(text).split('\n').join(EOL) + EOL;
      if (!fancy || !render) {
        write(body);
        return;
      }
      write(eraseSeq() + body + drawSeq());
    },

    /** Call on stdout 'resize': account for the terminal's reflow, then redraw at the new width. */
    onResize() {
      if (!fancy || !drawn) return;
      drawn.above = rowsAbove(drawn.rows, drawn.cursorRow, drawn.cursorCol, cols());
      refresh();
    },

    showCursor(show) {
      const seq = cursorSeq(show);
      if (seq) write(seq);
    },

    /** Bytes that put the terminal back the way we found it (SGR reset, cursor visible). */
    restoreSeq() {
      if (!fancy) return '';
      cursorShown = true;
      return `${CSI}0m${CSI}?25h`;
    },
  };
}
