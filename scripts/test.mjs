#!/usr/bin/env node
// `npm test`: everything a newcomer needs to trust the app, in order —
// lint, typecheck, build, unit + integration (vitest), end-to-end (Playwright
// in Debian's Chromium). Every stage runs even if an earlier one fails, so
// one run shows all problems; the exit code is non-zero if any failed.
// The last line is the plain total CI reads: "total: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const vitestJson = join(results, 'vitest.json');
const playwrightJson = join(results, 'playwright.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one stage
const stages = [
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck-web', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.web.json'] },
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`] },
  { name: 'e2e', cmd: bin('playwright'), args: ['test'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, PW_REPORTERS: 'list,json' } },
];

const failedStages = [];
for (const s of stages) {
  if (only.length > 0 && !only.includes(s.name)) continue;
  console.log(`\n=== ${s.name} ===`);
  const t0 = Date.now();
  const r = spawnSync(s.cmd, s.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...s.env }, shell: process.platform === 'win32' });
  const ok = r.status === 0;
  console.log(`=== ${s.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  if (!ok) failedStages.push(s.name);
}

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
}
// A stage that failed without test counts (lint, build…) still counts as a failure.
const stageFailures = failedStages.filter((n) => n !== 'unit' && n !== 'e2e').length;
if (failedStages.length > 0) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\ntotal: ${passed} passed, ${failed + stageFailures} failed`);
process.exit(failedStages.length > 0 ? 1 : 0);
