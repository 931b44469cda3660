import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeCore } from './compose';
import type { LogLevel } from './lib/logger';
import { createRotatingLogger } from './lib/pino-logger';
import { parseHostOptions, USAGE } from './options';
import { openInBrowser } from './platform/open-url';
import { runTokenCommand } from './token-cli';

/**
 * Browser mode: the same core as the desktop app under plain Node, the same
 * renderer served over HTTP, the contract over a WebSocket (DESIGN.md §2).
 * Human-readable lines go to stdout; structured logs to <data>/logs/main.log.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'token') {
    process.exitCode = await runTokenCommand(argv.slice(1), (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`));
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`Usage: npm run serve -- [options]\n${USAGE}\n`);
    return;
  }
  const parsed = parseHostOptions(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const options = parsed.value;
  // out/main/serve.js → the app root is two levels up.
  const appRoot = resolve(__dirname, '..', '..');
  const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
  // Structured JSON (pino) to <data>/logs/main.N.log, rotated by size (src-main/lib/pino-logger.ts).
  const log = await createRotatingLogger({
    file: join(options.dataDir, 'logs', 'main.log'),
    level: (process.env.DUAL_ORCH_LOG_LEVEL as LogLevel | undefined) ?? 'info',
    base: { host: 'browser', pid: process.pid },
  });
  const logger = log.logger;

  const composed = await composeCore({
    host: 'browser',
    version,
    options,
    logger,
    appRoot,
    rendererDir: join(appRoot, 'out', 'renderer'),
    nodeRuntime: { command: process.execPath, env: {} },
    screenWorkerPath: join(__dirname, 'screen-worker.js'),
  });
  if (!composed.ok) {
    process.stderr.write(`Dual Orchestrator could not start: ${composed.error.message}\n`);
    await log.close();
    process.exitCode = composed.error.code === 'conflict' ? 3 : 2;
    return;
  }
  const core = composed.value;
  process.stdout.write(`Dual Orchestrator ${version} (browser mode) — data: ${options.dataDir}\n`);
  process.stdout.write(`Open: ${core.web.url}\n`);
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    process.stdout.write(`WARNING: listening on ${options.host}: anyone who can reach this address and has the token can type into your terminals.\n`);
    // The app terminates no TLS: tokens (UI and control API) would cross the network in clear text.
    process.stdout.write('WARNING: this server speaks plain HTTP. Put a TLS reverse proxy or an SSH tunnel in front of it before using it from another machine.\n');
    logger.warn('listening beyond loopback without TLS', { host: options.host });
  }
  if (options.openBrowser) openInBrowser(core.web.url);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.stdout.write('Forced exit.\n');
      process.exit(130);
    }
    stopping = true;
    process.stdout.write(`${signal}: stopping agents (Ctrl-C again to force)…\n`);
    void core
      .shutdown()
      .then(() => log.close())
      .then(() => {
        process.stdout.write('Stopped.\n');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (process.platform === 'win32') process.on('SIGBREAK', () => stop('SIGBREAK'));
}

void main();
