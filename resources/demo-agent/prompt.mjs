// Line input for the demo agent: a small line editor, and the idle prompt drawn as Claude
// Code draws it — a rounded box around `> ` with a hint line below.

import { box, charWidth } from './terminal.mjs';

// Human reaction time for "press Ctrl-C again", not scaled by --speed.
const DOUBLE_CTRL_C_MS = 2000;
const MIN_BOX_WIDTH = 16;
const EXIT_HINT = 'Press Ctrl-C again to exit';
const IDLE_HINT = "  'help' for commands · ctrl+d to exit";

/**
 * A one-line editor over the key queue. `render(chars, pos)` returns the live view;
 * `onKey(key, line)` may return 'handled' (skip default editing) or an object (finish, the
 * object is returned with `text`). Enter finishes with { submit: true, text }.
 */
export async function editLine(ctx, { render, onKey }) {
  const { term, keys } = ctx;
  const chars = [];
  let pos = 0;
  const line = {
    get empty() {
      return chars.length === 0;
    },
    clear() {
      chars.length = 0;
      pos = 0;
    },
  };
  term.setView(() => render(chars, pos));
  for (;;) {
    const key = await keys.read();
    const verdict = onKey?.(key, line);
    if (verdict && typeof verdict === 'object') return { ...verdict, text: chars.join('') };
    if (verdict === undefined) {
      if (key.name === 'enter') return { submit: true, text: chars.join('') };
      if (key.name === 'eof') return { eof: true, text: chars.join('') };
      editKey(key);
    }
    // Typed-ahead or pasted text is applied in one go, then drawn once.
    if (!keys.hasPending()) term.refresh();
  }

  function editKey(key) {
    switch (key.name) {
      case 'char':
        chars.splice(pos, 0, key.ch);
        pos += 1;
        break;
      case 'backspace':
        if (pos > 0) chars.splice(--pos, 1);
        break;
      case 'delete':
        if (pos < chars.length) chars.splice(pos, 1);
        break;
      case 'left':
        pos = Math.max(0, pos - 1);
        break;
      case 'right':
        pos = Math.min(chars.length, pos + 1);
        break;
      case 'home':
      case 'ctrl-a':
        pos = 0;
        break;
      case 'end':
      case 'ctrl-e':
        pos = chars.length;
        break;
      case 'ctrl-u':
        chars.splice(0, pos);
        pos = 0;
        break;
      case 'ctrl-w': {
        let start = pos;
        while (start > 0 && chars[start - 1] === ' ') start -= 1;
        while (start > 0 && chars[start - 1] !== ' ') start -= 1;
        chars.splice(start, pos - start);
        pos = start;
        break;
      }
      default:
        break; // other keys (tab, up, down…) mean nothing in a one-line input
    }
  }
}

/** The part of the input that fits `room` cells, keeping the cursor in view. */
function visibleInput(chars, pos, room) {
  const widths = chars.map(charWidth);
  let start = 0;
  let before = widths.slice(0, pos).reduce((a, b) => a + b, 0);
  while (before + 1 > room && start < pos) before -= widths[start++];
  let end = start;
  let used = 0;
  while (end < chars.length && used + widths[end] <= room) used += widths[end++];
  return { text: chars.slice(start, end).join(''), cursorCells: before };
}

function promptView(ctx, chars, pos, hint) {
  const { term, opts } = ctx;
  const { style } = term;
  const width = Math.max(MIN_BOX_WIDTH, term.cols() - 1);
  const hintLine = hint ? style.warn(`  ${hint}`) : style.dim(IDLE_HINT);
  if (!opts.box) {
    const input = visibleInput(chars, pos, width - 2);
    return { lines: [`> ${input.text}`, hintLine], cursor: { line: 0, col: 2 + input.cursorCells } };
  }
  const input = visibleInput(chars, pos, width - 6);
  const [top, middle, bottom] = box([`> ${input.text}`], width, style.border);
  return { lines: [top, middle, bottom, hintLine], cursor: { line: 1, col: 4 + input.cursorCells } };
}

/** The idle prompt. Resolves with the submitted text, or null when the person asked to exit. */
export async function readPrompt(ctx) {
  const { term } = ctx;
  let hint = null;
  let lastCtrlC = 0;
  let hintTimer = null;
  if (!term.fancy) term.write('> ');
  const result = await editLine(ctx, {
    render: (chars, pos) => promptView(ctx, chars, pos, hint),
    onKey(key, line) {
      if (key.name === 'ctrl-c') {
        if (!line.empty) {
          line.clear();
          return 'handled';
        }
        if (Date.now() - lastCtrlC < DOUBLE_CTRL_C_MS) return { exit: true };
        lastCtrlC = Date.now();
        hint = EXIT_HINT;
        clearTimeout(hintTimer);
        hintTimer = setTimeout(() => {
          hint = null;
          term.refresh();
        }, DOUBLE_CTRL_C_MS);
        return 'handled';
      }
      if (key.name === 'ctrl-d') return line.empty ? { exit: true } : 'handled';
      if (key.name === 'escape') return 'handled'; // nothing to interrupt while idle
      if (key.name === 'eof' && line.empty) return { exit: true };
      return undefined;
    },
  });
  clearTimeout(hintTimer);
  term.clearView();
  if (result.exit) {
    if (!term.fancy) term.write(term.EOL);
    return null;
  }
  const text = result.text;
  if (term.fancy) {
    if (text.trim()) term.print(term.style.gray(`> ${text}`));
  } else {
    term.write(text + term.EOL);
  }
  return text;
}

/** The prompt drawn with `text` already typed, as a script does it. */
export function showTyped(ctx, text) {
  const { term } = ctx;
  const chars = Array.from(text);
  if (term.fancy) term.setView(() => promptView(ctx, chars, chars.length, null));
  else term.write(`> ${text}${term.EOL}`);
  return () => {
    term.clearView();
    if (term.fancy) term.print(term.style.gray(`> ${text}`));
  };
}
