#!/usr/bin/env node
// npm run dist -- [electron-builder flags, e.g. --win --x64]: installers in dist/.
// electron-builder (npmRebuild: true) rebuilds native modules for Electron
// inside node_modules; afterwards the Node build of better-sqlite3 is checked
// and restored, so tests and browser mode keep working after a packaging run.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './lib/build.mjs';
import { run } from './lib/run.mjs';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(appRoot, 'package.json'));

let code = 1;
if (await build(appRoot)) {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const r = await run(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: appRoot });
  code = r.code ?? 1;
}
const restored = await run(process.execPath, [join(appRoot, 'scripts', 'native.mjs'), 'node'], { cwd: appRoot });
process.exitCode = code !== 0 ? code : (restored.code ?? 1);
