#!/usr/bin/env node
// After npm install / npm ci: do the native modules load under this Node?
// One line each. Downloads nothing. Fails the install only when a module the
// app cannot run without is broken (and says how to fix it).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNodePty, checkNodeSqlite } from './lib/native-sqlite.mjs';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const where = `Node ${process.versions.node}, ${process.platform}-${process.arch}`;

const [pty, sqlite] = await Promise.all([checkNodePty(appRoot), checkNodeSqlite(appRoot)]);
console.log(
  pty.ok
    ? `node-pty (${where}): ok`
    : `node-pty (${where}): does not load — ${pty.detail}. Fix: install the C++ build tools (Windows: "Desktop development with C++"; macOS: xcode-select --install) and run "npm rebuild node-pty".`,
);
console.log(
  sqlite.ok
    ? `better-sqlite3 (${where}): ok — ${sqlite.detail}; the Electron build is prepared on the first "npm start" (or "npm run native:electron")`
    : `better-sqlite3 (${where}): does not load — ${sqlite.detail}. Fix: "npm run native:node" (rebuilds it for this Node).`,
);
if (!pty.ok || !sqlite.ok) process.exitCode = 1;
