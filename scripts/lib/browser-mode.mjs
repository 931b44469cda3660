import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Runs browser mode in this very process (out/main/serve.js is CommonJS):
 * no wrapper child, so Ctrl-C, SIGTERM and the exit code are exactly those
 * of the server, on Windows too — nothing to forward, nothing orphaned.
 */
export function runBrowserMode(appRoot, appArgs) {
  const entry = join(appRoot, 'out', 'main', 'serve.js');
  if (!existsSync(entry)) {
    process.stderr.write(`Browser mode is not built (${entry} is missing). Run "npm run build".\n`);
    process.exitCode = 1;
    return;
  }
  // serve.js reads its options from process.argv.slice(2).
  process.argv = [process.argv[0], entry, ...appArgs];
  createRequire(import.meta.url)(entry);
}
