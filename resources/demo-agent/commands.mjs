// The demo agent's commands. Each takes the agent context and the rest of the typed line.
// Anything that is not a command is treated as a request and answered with a `work` turn.

import { once } from 'node:events';
import { setImmediate as yieldToEvents, setTimeout as delay } from 'node:timers/promises';
import { API_ERRORS, crashTrace, floodLine, streamPieces, workTurn } from './content.mjs';
import { confirmKey, confirmWord, selectMenu, startSpinner } from './ui.mjs';
import { orchestratedTurn } from './orchestrated.mjs';

const DEFAULT_WORK_SECONDS = 2;
const DEFAULT_FLOOD_MB = 10;
const BYTES_PER_MB = 1024 * 1024;
// Large enough to keep stdout busy, small enough that Ctrl-C is noticed between chunks.
const FLOOD_CHUNK_BYTES = 64 * 1024;
// Longer than any timer limit is useless; this just keeps a hung process alive.
const HANG_KEEPALIVE_MS = 1_000_000_000;
const DEFAULT_ASK_COMMAND = 'rm -rf build';
const ASK_OPTIONS = ['Yes', "Yes, and don't ask again for this session", 'No, and tell Claude what to do differently (esc)'];

const COMMANDS = {
  help: ['help', 'list these commands', help],
  work: ['work [seconds]', 'busy spinner while streaming a coding turn (default 2 s)', workCommand],
  ask: ['ask [command]', 'tool permission menu: 1 Yes · 2 always · 3/Esc No', ask],
  confirm: ['confirm [question]', 'a [y/N] prompt (Enter = no)', confirm],
  yesno: ['yesno [question]', 'a (yes/no) prompt that needs the word and Enter', yesno],
  error: ['error [api|rate|usage|auth|overloaded|network]', 'print an agent error line', error],
  crash: ['crash [code]', 'stack trace on stderr, then exit with code (default 1)', crash],
  hang: ['hang [hard]', 'stop responding to input (hard: ignore SIGTERM too)', hang],
  flood: ['flood [MB]', 'write MB megabytes of mixed escape codes and UTF-8 (default 10)', flood],
  echo: ['echo <text>', 'print text', (ctx, rest) => ctx.term.print(rest)],
  env: ['env NAME', 'print an environment variable', env],
  pwd: ['pwd', 'print the working folder', (ctx) => ctx.term.print(process.cwd())],
  size: ['size', 'print the terminal size as COLSxROWS', size],
  clear: ['clear', 'clear the screen', (ctx) => ctx.term.write('\x1b[2J\x1b[3J\x1b[H')],
  exit: ['exit [code]', 'exit with code (default 0); also quit, Ctrl-D, Ctrl-C twice', exitCommand],
  quit: ['quit', '', exitCommand], // an alias: left out of help
};

/** Runs one typed line. Resolves when the agent is ready for the next prompt. */
export async function runCommand(ctx, line) {
  const text = line.trim();
  if (!text) return;
  const [, name, rest] = /^\/?(\S+)\s*(.*)$/s.exec(text);
  const command = Object.hasOwn(COMMANDS, name.toLowerCase()) ? COMMANDS[name.toLowerCase()] : null;
  if (command) await command[2](ctx, rest.trim());
  else if (!(await orchestratedTurn(ctx, text, work))) await work(ctx, DEFAULT_WORK_SECONDS, text);
  ctx.term.print('');
}

function parseNumber(text) {
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return null;
  return Number(text);
}

export function parseExitCode(text, fallback) {
  if (text === undefined || !/^\d+$/.test(String(text).trim())) return fallback;
  return Number(text) % 256;
}

/** Ctrl-C / Esc handling for a long operation: sleeps and waits end early when interrupted. */
function beginBusy(ctx) {
  const controller = new AbortController();
  const release = ctx.keys.onInterrupt(() => controller.abort());
  const settle = (promise) =>
    promise.then(
      () => true,
      (err) => {
        if (err?.name === 'AbortError') return false;
        throw err;
      },
    );
  return {
    get aborted() {
      return controller.signal.aborted;
    },
    sleep: (ms) => settle(delay(ms, undefined, { signal: controller.signal })),
    drain: (stream) => settle(once(stream, 'drain', { signal: controller.signal })),
    end: release,
  };
}

function interrupted(ctx) {
  ctx.term.print(ctx.term.style.red('  ⎿  Interrupted by user'));
}

function help(ctx) {
  const { style } = ctx.term;
  const rows = Object.values(COMMANDS).filter(([, about]) => about);
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  ctx.term.print(style.bold('Commands') + style.dim(' (anything else is a request: a 2 s work turn)'));
  for (const [usage, about] of rows) ctx.term.print(`  ${style.cyan(usage.padEnd(width))}${style.dim(about)}`);
  ctx.term.print(style.dim('Keys: Enter submit · Esc/Ctrl-C interrupt when busy · Ctrl-C twice or Ctrl-D to exit'));
}

function formatStep({ style }, kind, text) {
  if (kind === 'say') return `${style.bold('⏺')} ${text}`;
  if (kind === 'result') return `  ${style.dim('⎿')}  ${style.dim(text)}`;
  const open = text.indexOf('(');
  return `${style.green('⏺')} ${style.bold(text.slice(0, open))}${text.slice(open)}`;
}

function workCommand(ctx, rest) {
  const seconds = parseNumber(rest);
  if (rest && seconds === null) return work(ctx, DEFAULT_WORK_SECONDS, `work ${rest}`);
  return work(ctx, seconds ?? DEFAULT_WORK_SECONDS);
}

async function work(ctx, seconds, request) {
  const { term } = ctx;
  const steps = workTurn(ctx.session.turns++, request).map(([kind, text]) => ({
    kind,
    pieces: kind === 'say' ? streamPieces(text) : [text],
  }));
  const pieceCount = steps.reduce((sum, step) => sum + step.pieces.length, 0);
  const pieceMs = (seconds * 1000 * ctx.speed) / (pieceCount + 1);
  const started = Date.now();
  const spinner = startSpinner(ctx);
  const busy = beginBusy(ctx);
  try {
    for (const step of steps) {
      let shown = '';
      for (const piece of step.pieces) {
        if (!(await busy.sleep(pieceMs))) break;
        shown += piece;
        spinner.stream(formatStep(term, step.kind, shown));
      }
      if (shown) spinner.print(formatStep(term, step.kind, shown));
      if (busy.aborted) break;
    }
    await busy.sleep(pieceMs);
  } finally {
    busy.end();
    spinner.stop();
  }
  if (busy.aborted) return interrupted(ctx);
  const elapsed = ((Date.now() - started) / 1000 / ctx.speed).toFixed(1);
  term.print(`${term.style.accent('✻')} ${term.style.dim(`Worked for ${elapsed}s · ${steps.length} steps`)}`);
}

function describeCommand(command) {
  if (command === DEFAULT_ASK_COMMAND) return 'Remove build output';
  const first = command.split(/\s+/)[0];
  const known = { rm: 'Remove files', git: 'Run git', npm: 'Run an npm script', curl: 'Fetch a URL' };
  return known[first] ?? 'Run shell command';
}

async function ask(ctx, rest) {
  const { term } = ctx;
  const { style } = term;
  const command = rest || DEFAULT_ASK_COMMAND;
  const header = (ok) => `${ok ? style.green('⏺') : style.red('⏺')} ${style.bold('Bash')}(${command})`;
  if (ctx.session.alwaysAllow.has(command)) {
    term.print(header(true));
    term.print(`  ⎿  ${style.green('✓ Ran:')} ${command} ${style.dim("(auto-approved: don't ask again)")}`);
    return;
  }
  const outcome = await selectMenu(ctx, {
    title: 'Bash command',
    body: [command, style.dim(describeCommand(command))],
    question: 'Do you want to proceed?',
    options: ASK_OPTIONS,
    cancelIndex: 2,
  });
  if (outcome.interrupted) return interrupted(ctx);
  term.print(header(outcome.choice !== 2));
  if (outcome.choice === 2) {
    term.print(`  ⎿  ${style.red('✗ Denied by user')}`);
    return;
  }
  if (outcome.choice === 1) ctx.session.alwaysAllow.add(command);
  term.print(`  ⎿  ${style.green('✓ Ran:')} ${command}`);
}

function printAnswer(ctx, answer) {
  const { style } = ctx.term;
  if (answer.interrupted) interrupted(ctx);
  ctx.term.print(answer.yes ? style.green('✓ Answered yes') : style.red('✗ Answered no'));
}

async function confirm(ctx, rest) {
  printAnswer(ctx, await confirmKey(ctx, rest || 'Overwrite file.txt?'));
}

async function yesno(ctx, rest) {
  printAnswer(ctx, await confirmWord(ctx, rest || 'Apply changes?'));
}

function error(ctx, rest) {
  const { style } = ctx.term;
  const kind = (rest || 'api').toLowerCase();
  if (!Object.hasOwn(API_ERRORS, kind)) {
    ctx.term.print(style.warn(`Unknown error kind "${kind}". Try: ${Object.keys(API_ERRORS).join(', ')}`));
    return;
  }
  for (const line of API_ERRORS[kind]) ctx.term.print(`  ${style.dim('⎿')}  ${style.red(line)}`);
}

function crash(ctx, rest) {
  const { term } = ctx;
  ctx.stderr.write(crashTrace().split('\n').join(term.EOL) + term.EOL);
  return ctx.exit(parseExitCode(rest, 1));
}

function hang(ctx, rest) {
  const { style } = ctx.term;
  ctx.term.print(`${style.accent('✻ Thinking…')} ${style.dim('(esc to interrupt)')}`);
  ctx.term.showCursor(false);
  ctx.keys.ignoreAll();
  if (rest === 'hard') ctx.deaf = true;
  // stdin may close; the timer keeps a hung agent alive without spinning the CPU.
  setInterval(() => {}, HANG_KEEPALIVE_MS);
  return new Promise(() => {});
}

async function flood(ctx, rest) {
  const { term } = ctx;
  const megabytes = parseNumber(rest) ?? DEFAULT_FLOOD_MB;
  const target = Math.round(megabytes * BYTES_PER_MB);
  const busy = beginBusy(ctx);
  const started = Date.now();
  let written = 0;
  let lineNo = 0;
  try {
    while (written < target && !busy.aborted) {
      let chunk = '';
      let chunkBytes = 0;
      while (chunkBytes < FLOOD_CHUNK_BYTES && written + chunkBytes < target) {
        const line = floodLine(lineNo++) + term.EOL;
        chunk += line;
        chunkBytes += Buffer.byteLength(line);
      }
      written += chunkBytes;
      // Backpressure: when stdout's buffer is full wait for 'drain'; otherwise still let
      // input and signals in between chunks (TTY writes are synchronous on POSIX).
      if (!term.write(chunk)) await busy.drain(ctx.stdout);
      else await yieldToEvents();
    }
  } finally {
    busy.end();
  }
  term.write(`\x1b[0m${term.EOL}`);
  if (busy.aborted) interrupted(ctx);
  const seconds = (Date.now() - started) / 1000;
  const mb = (written / BYTES_PER_MB).toFixed(1);
  term.print(`${term.style.accent('✻')} Flooded ${mb} MB (${written} bytes) in ${seconds.toFixed(2)}s`);
}

function env(ctx, rest) {
  const name = rest.split(/\s+/)[0];
  if (!name) return ctx.term.print(ctx.term.style.warn('Usage: env NAME'));
  const value = process.env[name];
  return ctx.term.print(value === undefined ? ctx.term.style.dim(`(${name} is not set)`) : value);
}

function size(ctx) {
  const { stdout } = ctx;
  ctx.term.print(stdout.isTTY ? `${stdout.columns}x${stdout.rows}` : 'not a terminal');
}

function exitCommand(ctx, rest) {
  return ctx.exit(parseExitCode(rest, 0));
}
