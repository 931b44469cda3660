#!/usr/bin/env node
// Demo Agent — a fake interactive coding-agent CLI that looks and behaves like Claude Code in
// a terminal (banner, boxed `> ` prompt, spinner, permission menus, errors, crashes, hangs,
// floods). It is the app's default agent when no real one is installed, and what the tests
// and benchmarks drive. Zero dependencies: runs under Node or Electron (ELECTRON_RUN_AS_NODE=1)
// on Windows, macOS and Linux. See README.md beside this file.

import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { parseExitCode, runCommand } from './commands.mjs';
import { createKeyDecoder, createKeyQueue } from './keys.mjs';
import { createTerminal } from './terminal.mjs';
import { readPrompt, showTyped } from './prompt.mjs';
import { bannerLines } from './ui.mjs';

const VERSION = '1.0.0';
// A real agent takes a moment to boot; lets the app see a "starting" phase. Scaled by --speed.
const STARTUP_MS = 300;
// Pause with a scripted command shown in the prompt before it runs, as if typed. Scaled.
const SCRIPT_STEP_MS = 250;
// Upper bound on waiting for stdout/stderr to flush before exiting (a paused reader must not
// keep a dying process alive).
const EXIT_FLUSH_TIMEOUT_MS = 1000;

const USAGE = `Demo Agent ${VERSION} — a scripted stand-in for an interactive coding agent

Usage: node demo-agent.mjs [options]

Options:
  --script "cmd1; cmd2"   run these commands first, as if typed (env DEMO_AGENT_SCRIPT)
  --exit-after-script     exit 0 when the script is done
  --fail-start [code]     print a start-up error and exit with code (default 1)
  --speed <factor>        multiply every delay (0.1 = ten times faster; env DEMO_AGENT_SPEED)
  --no-banner             skip the welcome banner
  --no-box                draw the input prompt as a bare "> " line
  --resume <id>           say the conversation <id> was resumed
  -h, --help              this text
  -v, --version           print the version

Type 'help' at the prompt for commands.
`;

function parseArgs(argv, env) {
  const opts = {
    script: env.DEMO_AGENT_SCRIPT ?? '',
    exitAfterScript: false,
    failStart: null,
    banner: true,
    box: true,
    speed: 1,
    resume: null,
    help: false,
    version: false,
    warnings: [],
  };
  let speed = env.DEMO_AGENT_SPEED;
  for (let i = 0; i < argv.length; i += 1) {
    let arg = argv[i];
    let inline;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => inline ?? argv[++i];
    switch (arg) {
      case '--script':
        opts.script = value() ?? '';
        break;
      case '--exit-after-script':
        opts.exitAfterScript = true;
        break;
      case '--fail-start': {
        const code = inline ?? (/^\d+$/.test(argv[i + 1] ?? '') ? argv[++i] : undefined);
        opts.failStart = parseExitCode(code, 1);
        break;
      }
      case '--speed':
        speed = value();
        break;
      case '--no-banner':
        opts.banner = false;
        break;
      case '--no-box':
        opts.box = false;
        break;
      case '--resume':
        opts.resume = value() ?? null;
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '-v':
      case '--version':
        opts.version = true;
        break;
      default:
        opts.warnings.push(`Unknown option ${arg} (ignored)`);
    }
  }
  if (speed !== undefined) {
    const factor = Number(speed);
    if (Number.isFinite(factor) && factor > 0) opts.speed = factor;
    else opts.warnings.push(`--speed must be a number above 0, got "${speed}" (using 1)`);
  }
  return opts;
}

async function main() {
  const { stdin, stdout, stderr } = process;
  const opts = parseArgs(process.argv.slice(2), process.env);
  const term = createTerminal({ stdout, env: process.env });
  let exiting = false;
  let exitCode = 0;

  function exit(code) {
    if (!exiting) {
      exiting = true;
      exitCode = code;
      process.exitCode = code;
      term.clearView();
      if (stdin.isTTY) {
        try {
          stdin.setRawMode(false);
        } catch {
          // the terminal is already gone; nothing to restore
        }
      }
      stdin.pause();
      let pending = 2;
      const done = () => {
        pending -= 1;
        if (pending === 0) process.exit(code);
      };
      stdout.write(term.restoreSeq(), done);
      stderr.write('', done);
      setTimeout(() => process.exit(code), EXIT_FLUSH_TIMEOUT_MS);
    }
    return new Promise(() => {});
  }

  // The terminal or pipe went away (EIO/EPIPE): nobody is left to talk to.
  stdout.on('error', () => process.exit(exiting ? exitCode : 0));
  stderr.on('error', () => {}); // same cause; stdout's handler does the exiting

  if (opts.help || opts.version) {
    stdout.write(opts.help ? USAGE : `${VERSION}\n`);
    return exit(0);
  }
  if (opts.failStart !== null) {
    stderr.write(
      `✗ Demo Agent failed to start: could not reach the model API (simulated by --fail-start ${opts.failStart})${term.EOL}`,
    );
    return exit(opts.failStart);
  }

  const keys = createKeyQueue();
  const decoder = createKeyDecoder((key) => keys.push(key));
  const ctx = {
    term,
    keys,
    opts,
    speed: opts.speed,
    lineMode: !stdin.isTTY, // piped input: prompts take whole lines
    stdout,
    stderr,
    session: { turns: 0, alwaysAllow: new Set() },
    deaf: false, // set by `hang hard`: even SIGTERM is ignored
    exit,
  };

  function shutdown() {
    if (ctx.deaf || exiting) return;
    term.clearView();
    term.print(term.style.dim('Shutting down…'));
    exit(0);
  }
  process.on('SIGTERM', shutdown);
  if (stdin.isTTY) {
    // In raw mode Ctrl-C arrives as a byte; a SIGINT from elsewhere means the same thing.
    process.on('SIGINT', () => keys.push({ name: 'ctrl-c' }));
  } else {
    process.on('SIGINT', shutdown);
    process.on('SIGHUP', shutdown);
  }

  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.on('data', (text) => decoder.feed(text));
  stdin.on('end', () => {
    decoder.end();
    keys.push({ name: 'eof' });
  });
  stdin.on('error', () => keys.push({ name: 'eof' })); // a closed pty or pipe ends the input
  stdout.on('resize', () => term.onResize());

  if (term.fancy) term.write('\x1b]0;✻ Demo Agent\x07');
  await delay(STARTUP_MS * opts.speed);
  if (opts.banner) term.print(`${bannerLines(ctx).join('\n')}\n`);
  for (const warning of opts.warnings) term.print(term.style.warn(`⚠ ${warning}`));

  const script = opts.script
    .split(';')
    .map((command) => command.trim())
    .filter(Boolean);
  for (const command of script) {
    const commit = showTyped(ctx, command);
    await delay(SCRIPT_STEP_MS * opts.speed);
    commit();
    await runCommand(ctx, command);
  }
  if (opts.exitAfterScript) return exit(0);

  for (;;) {
    const line = await readPrompt(ctx);
    if (line === null) return exit(0);
    await runCommand(ctx, line);
  }
}

main().catch((err) => {
  // A bug in the demo agent itself: put the terminal back before reporting it.
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdout.write('\x1b[0m\x1b[?25h');
  } catch {
    // best effort only; the report below matters more
  }
  process.stderr.write(`demo-agent: internal error: ${err?.stack ?? err}\n`);
  process.exit(70);
});
