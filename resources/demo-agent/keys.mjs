// Keyboard input for the demo agent. The same decoder serves a raw-mode TTY (one key per
// byte or escape sequence) and a pipe (where "\n" is simply the Enter key), so the agent
// works line by line when piped.
//
// Keys are plain objects: { name: 'char', ch } for printable text, otherwise { name } with
// name one of enter, backspace, delete, tab, escape, up, down, left, right, home, end,
// ctrl-a, ctrl-c, ctrl-d, ctrl-e, ctrl-u, ctrl-w, eof.

// A lone ESC byte is the Esc key unless the rest of an escape sequence follows this quickly
// (terminals send a whole sequence in one write; the app may split input into small chunks).
const ESC_TIMEOUT_MS = 40;
// Keys typed while nobody reads (busy, flooding) wait here like a terminal's type-ahead;
// bounded so a runaway writer cannot grow memory without limit.
const MAX_TYPEAHEAD_KEYS = 10_000;

const CONTROL_KEYS = {
  '\x01': 'ctrl-a',
  '\x03': 'ctrl-c',
  '\x04': 'ctrl-d',
  '\x05': 'ctrl-e',
  '\x08': 'backspace',
  '\x09': 'tab',
  '\x15': 'ctrl-u',
  '\x17': 'ctrl-w',
  '\x7f': 'backspace',
};

const CSI_FINAL_KEYS = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift-tab' };
const CSI_TILDE_KEYS = { 1: 'home', 7: 'home', 4: 'end', 8: 'end', 3: 'delete' };

function csiKey(params, final) {
  if (final === '~') return { name: CSI_TILDE_KEYS[params.split(';')[0]] ?? 'unknown' };
  return { name: CSI_FINAL_KEYS[final] ?? 'unknown' };
}

/** Turns input text (already UTF-8 decoded) into key events passed to `emit`. */
export function createKeyDecoder(emit) {
  let pending = '';
  let escTimer = null;
  let lastWasCR = false;

  function flushPending() {
    escTimer = null;
    const rest = pending;
    pending = '';
    if (!rest) return;
    emit({ name: 'escape' });
    // Whatever followed the ESC was not a sequence we know: treat it as typed text.
    if (rest.length > 1) decode(rest.slice(1));
  }

  function waitForMore(from) {
    pending = from;
    escTimer = setTimeout(flushPending, ESC_TIMEOUT_MS);
  }

  function decode(text) {
    let i = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\x1b') {
        lastWasCR = false;
        const next = text[i + 1];
        if (next === undefined) return waitForMore(text.slice(i));
        if (next === '[') {
          let j = i + 2;
          while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j += 1;
          while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j += 1;
          if (j >= text.length) return waitForMore(text.slice(i));
          emit(csiKey(text.slice(i + 2, j), text[j]));
          i = j + 1;
          continue;
        }
        if (next === 'O') {
          if (i + 2 >= text.length) return waitForMore(text.slice(i));
          emit({ name: CSI_FINAL_KEYS[text[i + 2]] ?? 'unknown' });
          i += 3;
          continue;
        }
        emit({ name: 'escape' });
        i += 1;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        // CR LF (Windows pipes, some terminals) is one Enter, even when split across chunks.
        if (!(ch === '\n' && lastWasCR)) emit({ name: 'enter' });
        lastWasCR = ch === '\r';
        i += 1;
        continue;
      }
      lastWasCR = false;
      const cp = text.codePointAt(i);
      const width = cp > 0xffff ? 2 : 1;
      if (CONTROL_KEYS[ch]) emit({ name: CONTROL_KEYS[ch] });
      else if (cp >= 0x20) emit({ name: 'char', ch: String.fromCodePoint(cp) });
      i += width;
    }
  }

  return {
    feed(text) {
      if (escTimer) {
        clearTimeout(escTimer);
        escTimer = null;
      }
      const all = pending + text;
      pending = '';
      decode(all);
    },
    end() {
      if (escTimer) clearTimeout(escTimer);
      flushPending();
    },
  };
}

/**
 * Where decoded keys go. Readers await `read()`; while something is busy, Ctrl-C and Esc go
 * to its interrupt handler instead of the queue; `ignoreAll()` makes the agent deaf (hang).
 */
export function createKeyQueue() {
  const queue = [];
  let waiter = null;
  let interrupt = null;
  let ignoring = false;
  let ended = false;

  return {
    push(key) {
      if (ignoring) return;
      if (interrupt && (key.name === 'ctrl-c' || key.name === 'escape')) {
        interrupt(key);
        return;
      }
      if (key.name === 'eof') ended = true;
      if (waiter) {
        const resolve = waiter;
        waiter = null;
        resolve(key);
        return;
      }
      if (key.name !== 'eof' && queue.length < MAX_TYPEAHEAD_KEYS) queue.push(key);
    },
    read() {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      if (ended) return Promise.resolve({ name: 'eof' });
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    hasPending() {
      return queue.length > 0;
    },
    /** Routes Ctrl-C / Esc to `handler` until the returned function is called. */
    onInterrupt(handler) {
      interrupt = handler;
      return () => {
        if (interrupt === handler) interrupt = null;
      };
    },
    ignoreAll() {
      ignoring = true;
      queue.length = 0;
    },
  };
}
