// The demo agent's widgets, drawn the way Claude Code draws them: the banner, the
// `✻ Working… (3s · esc to interrupt)` spinner, the numbered permission menu with its `❯`
// marker, and the `[y/N]` / `(yes/no)` prompts. The `> ` input box is in prompt.mjs.
//
// `ctx` is the agent context built in demo-agent.mjs: { term, keys, speed, opts, ... }.

import { editLine } from './prompt.mjs';
import { box, fitWidth, textWidth } from './terminal.mjs';

// Claude Code's spinner glyphs, played forwards then backwards.
const SPINNER_FRAMES = ['·', '✢', '✳', '✶', '✻', '✽', '✻', '✶', '✳', '✢'];
// Animation only, so not scaled by --speed: scaling would flood the terminal with redraws
// at fast speeds and make the agent look frozen at slow ones.
const SPINNER_FRAME_MS = 120;

/**
 * The next key for a one-key prompt. When stdin is a pipe, input arrives a line at a time,
 * so a whole line is one answer and `fromLine(text)` says which key it stands for.
 */
async function readAnswer(ctx, fromLine) {
  if (!ctx.lineMode) return ctx.keys.read();
  let text = '';
  for (;;) {
    const key = await ctx.keys.read();
    if (key.name === 'char') text += key.ch;
    else if (key.name === 'backspace') text = text.slice(0, -1);
    else if (key.name === 'enter') return fromLine(text.trim());
    else if (key.name === 'escape' || key.name === 'ctrl-c' || key.name === 'eof') return key;
  }
}

const menuAnswer = (text) =>
  text === '' ? { name: 'enter' } : /^\d$/.test(text) ? { name: 'char', ch: text } : { name: 'unknown' };
const yesNoAnswer = (text) =>
  /^y(es)?$/i.test(text) ? { name: 'char', ch: 'y' } : /^no?$/i.test(text) ? { name: 'char', ch: 'n' } : { name: 'enter' };

/** Boxed when it fits the terminal (and stdout is one), plain lines otherwise. */
function framed(ctx, lines, color) {
  const { term } = ctx;
  const width = Math.max(...lines.map(textWidth)) + 4;
  if (!term.fancy || width > term.cols() - 1) return lines;
  return box(lines, width, color);
}

export function bannerLines(ctx) {
  const { style } = ctx.term;
  const cwdRoom = Math.max(20, Math.min(70, ctx.term.cols() - 12));
  const lines = [
    `${style.accent('✻')} ${style.bold('Demo Agent')} — type 'help'`,
    '',
    style.dim('  A scripted stand-in for a coding agent.'),
    style.dim(`  cwd: ${fitWidth(process.cwd(), cwdRoom)}`),
  ];
  if (ctx.opts.resume) lines.push(style.dim(`  ↻ Resumed session ${ctx.opts.resume}`));
  return framed(ctx, lines, style.accent);
}

/** The busy line, redrawn in place, with the text being streamed just above it. */
export function startSpinner(ctx, verb = 'Working…') {
  const { term } = ctx;
  const { style } = term;
  const started = Date.now();
  let frame = 0;
  let partial = null;
  const spinnerLine = () => {
    const seconds = Math.floor((Date.now() - started) / 1000 / ctx.speed);
    const glyph = SPINNER_FRAMES[frame % SPINNER_FRAMES.length];
    return `${style.accent(`${glyph} ${verb}`)} ${style.dim(`(${seconds}s · esc to interrupt)`)}`;
  };
  if (!term.fancy) term.print(`✻ ${verb} (esc to interrupt)`);
  term.setView(() => ({ lines: [...(partial === null ? [] : [partial]), '', spinnerLine()], showCursor: false }));
  const timer = term.fancy
    ? setInterval(() => {
        frame += 1;
        term.refresh();
      }, SPINNER_FRAME_MS)
    : null;
  return {
    /** Shows a line still being written (replaced by the next call). */
    stream(text) {
      partial = text;
      term.refresh();
    },
    /** Prints a finished line above the spinner. */
    print(text) {
      partial = null;
      term.print(text);
    },
    stop() {
      clearInterval(timer);
      term.clearView();
    },
  };
}

/**
 * Claude Code's permission menu. Digits choose at once, Up/Down move `❯`, Enter takes the
 * marked option, Esc takes `cancelIndex`. Resolves { choice } or { interrupted: true }.
 */
export async function selectMenu(ctx, { title, body, question, options, cancelIndex }) {
  const { term } = ctx;
  const { style } = term;
  let marked = 0;
  const lines = () =>
    framed(
      ctx,
      [
        style.bold(title),
        '',
        ...body.map((line) => `  ${line}`),
        '',
        question,
        ...options.map((option, i) =>
          i === marked ? style.cyan(`❯ ${i + 1}. ${option}`) : `  ${i + 1}. ${option}`,
        ),
      ],
      style.warn,
    );
  if (term.fancy) term.setView(() => ({ lines: lines(), showCursor: false }));
  else term.print(lines().join('\n'));
  let outcome = null;
  while (!outcome) {
    const key = await readAnswer(ctx, menuAnswer);
    if (key.name === 'char' && /^[1-9]$/.test(key.ch) && Number(key.ch) <= options.length) {
      outcome = { choice: Number(key.ch) - 1 };
    } else if (key.name === 'up' || key.name === 'down') {
      marked = Math.min(options.length - 1, Math.max(0, marked + (key.name === 'up' ? -1 : 1)));
      term.refresh();
    } else if (key.name === 'enter') {
      outcome = { choice: marked };
    } else if (key.name === 'escape' || key.name === 'eof') {
      outcome = { choice: cancelIndex };
    } else if (key.name === 'ctrl-c') {
      outcome = { interrupted: true };
    } else if (ctx.lineMode) {
      term.print(style.warn(`Answer 1-${options.length}, or an empty line for the marked option.`));
    }
  }
  term.clearView();
  return outcome;
}

/** `Question? [y/N] ` answered by one key. Resolves { yes, interrupted }. */
export async function confirmKey(ctx, question) {
  const { term } = ctx;
  const prompt = `${question} [y/N] `;
  if (term.fancy) term.setView(() => ({ lines: [prompt], cursor: { line: 0, col: textWidth(prompt) } }));
  else term.write(prompt);
  let answer = null;
  while (!answer) {
    const key = await readAnswer(ctx, yesNoAnswer);
    if (key.name === 'char' && /^[yn]$/i.test(key.ch)) answer = { yes: /y/i.test(key.ch), echo: key.ch };
    else if (key.name === 'enter' || key.name === 'escape' || key.name === 'eof') answer = { yes: false, echo: '' };
    else if (key.name === 'ctrl-c') answer = { yes: false, echo: '^C', interrupted: true };
  }
  term.clearView();
  if (term.fancy) term.print(prompt + answer.echo);
  else term.write(answer.echo + term.EOL);
  return answer;
}

/** `Question? (yes/no) ` that needs the word typed and Enter. Resolves { yes, interrupted }. */
export async function confirmWord(ctx, question) {
  const { term } = ctx;
  const prompt = `${question} (yes/no) `;
  for (;;) {
    if (!term.fancy) term.write(prompt);
    const result = await editLine(ctx, {
      render: (chars, pos) => ({
        lines: [prompt + chars.join('')],
        cursor: { line: 0, col: textWidth(prompt + chars.slice(0, pos).join('')) },
      }),
      onKey: (key) =>
        key.name === 'ctrl-c' || key.name === 'escape' || key.name === 'eof' ? { cancel: key.name } : undefined,
    });
    term.clearView();
    if (term.fancy) term.print(prompt + result.text + (result.cancel === 'ctrl-c' ? '^C' : ''));
    else term.write(result.text + term.EOL);
    if (result.cancel) return { yes: false, interrupted: result.cancel === 'ctrl-c' };
    const word = result.text.trim().toLowerCase();
    if (word === 'yes' || word === 'no') return { yes: word === 'yes' };
    term.print(term.style.warn("Please type 'yes' or 'no'."));
  }
}
