#!/usr/bin/env node
// better-sqlite3 is compiled per runtime (Node ABI ≠ Electron ABI).
//   node scripts/native.mjs node       check the Node build in node_modules loads; `npm rebuild better-sqlite3` if not
//   node scripts/native.mjs electron   prepare the Electron build in .native/ (prebuilt download, else node-gyp),
//                                      never touching node_modules. Flags: --force, --arch <a>, --platform <p>,
//                                      --nodedir <dir> (Electron headers unpacked there: compile offline)
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPresent, electronPackage, resolveElectronBinary } from './lib/electron.mjs';
import { checkNodeSqlite, ensureElectronSqlite, npmCli } from './lib/native-sqlite.mjs';
import { run } from './lib/run.mjs';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [mode, ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};

async function nodeBuild() {
  const first = await checkNodeSqlite(appRoot);
  if (first.ok) {
    console.log(`better-sqlite3 (Node ${process.versions.node}, ABI ${process.versions.modules}): ok — ${first.detail}`);
    return 0;
  }
  console.log(`better-sqlite3 does not load under Node (${first.detail}); rebuilding it for Node: npm rebuild better-sqlite3…`);
  const cli = npmCli();
  if (!cli) {
    console.error('Cannot find npm next to this Node. Run "npm rebuild better-sqlite3" yourself.');
    return 1;
  }
  const rebuilt = await run(process.execPath, [cli, 'rebuild', 'better-sqlite3'], { cwd: appRoot });
  const second = rebuilt.code === 0 ? await checkNodeSqlite(appRoot) : { ok: false, detail: `npm rebuild exited with ${rebuilt.code}` };
  console.log(second.ok ? `better-sqlite3 for Node: ok after rebuild — ${second.detail}` : `better-sqlite3 for Node is still broken: ${second.detail}`);
  return second.ok ? 0 : 1;
}

async function electronBuild() {
  const pkg = electronPackage(appRoot);
  if (!pkg) {
    console.error('The electron package is not installed (npm install).');
    return 1;
  }
  const platform = option('--platform') ?? process.platform;
  const arch = option('--arch') ?? process.arch;
  // Verify by loading it in Electron when that Electron can run here.
  let electronPath;
  if (platform === process.platform && arch === process.arch && electronBinaryPresent(pkg)) {
    const binary = await resolveElectronBinary(pkg);
    if (binary.ok) electronPath = binary.path;
  }
  const nodedir = option('--nodedir');
  const r = await ensureElectronSqlite(appRoot, { electronVersion: pkg.version, electronPath, nodedir, platform, arch, force: rest.includes('--force') });
  if (!r.ok) {
    console.error(r.reason);
    return 1;
  }
  if (!r.built) console.log(`better-sqlite3 for Electron ${pkg.version} (${platform}-${arch}): already prepared — ${r.path}`);
  return 0;
}

if (mode === 'node') process.exitCode = await nodeBuild();
else if (mode === 'electron') process.exitCode = await electronBuild();
else {
  console.error('Usage: node scripts/native.mjs node|electron [--force] [--arch <arch>] [--platform <platform>]');
  process.exitCode = 2;
}
