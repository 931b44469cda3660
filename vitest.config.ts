import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (node-pty and SQLite are real). Two workers:
 * the build machines have two cores, and pty-heavy tests compete for them.
 */
export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'src-renderer/**/*.test.ts', 'resources/**/*.test.ts', 'test/integration/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // The memory-bound test measures the heap after forced collections (global.gc).
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
