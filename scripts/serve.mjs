#!/usr/bin/env node
// npm run serve -- [options]: browser mode (the same core and UI as the
// desktop app, over HTTP + WebSocket). Builds first when out/ is stale;
// --no-build skips that (tests that built once). Options: --help.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build.mjs';
import { runBrowserMode } from './lib/browser-mode.mjs';
import { splitLaunchArgs } from './lib/launch-args.mjs';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { flags, appArgs } = splitLaunchArgs(process.argv.slice(2));
if (await ensureBuilt(appRoot, { skip: flags.noBuild })) runBrowserMode(appRoot, appArgs);
else process.exitCode = 1;
