// Flat config. The import arrows of DESIGN.md §1 are enforced here: each
// folder may import only what sits below it, and each native dependency has
// exactly one adapter folder that may import it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NATIVE_AND_HOST = ['electron', 'node-pty', 'better-sqlite3', 'fastify', '@fastify/*', 'ws'];

/** Build a no-restricted-imports rule from package names and path patterns. */
function restrict(paths, patterns, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...paths.map((p) => ({ group: [p, `${p}/**`], message })),
          ...patterns.map((p) => ({ group: [p], message })),
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly',
        __dirname: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', AbortController: 'readonly', fetch: 'readonly', structuredClone: 'readonly',
        window: 'readonly', document: 'readonly', navigator: 'readonly', WebSocket: 'readonly',
        requestAnimationFrame: 'readonly', cancelAnimationFrame: 'readonly', sessionStorage: 'readonly',
        localStorage: 'readonly', location: 'readonly', history: 'readonly', Notification: 'readonly',
        ResizeObserver: 'readonly', HTMLElement: 'readonly', HTMLDivElement: 'readonly', KeyboardEvent: 'readonly',
        setImmediate: 'readonly', clearImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-preload/contract/**'],
    rules: restrict(
      [...NATIVE_AND_HOST, 'react', 'zustand', '@xterm/*'],
      ['node:*', '**/src-main/**', '**/src-renderer/**', '../*', '!./*'],
      'The contract is pure TS + zod: no host, node or UI imports.',
    ),
  },
  {
    files: ['src-preload/index.ts'],
    rules: restrict(['node-pty', 'better-sqlite3', 'fastify', 'zod', 'react'], ['**/src-main/**', '**/src-renderer/**', './contract/channels', './contract/index'],
      'The preload is a thin bridge: electron + channel names only.'),
  },
  // Generic src-main arrows first; the per-folder rules below replace them
  // (flat config: a later rule of the same name wins for matching files).
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**', 'src-main/index.ts', 'src-main/pty/**', 'src-main/store/**'],
    rules: restrict(['electron', 'node-pty', 'better-sqlite3'], [],
      'electron: only src-main/electron and the Electron entry; node-pty: only src-main/pty; better-sqlite3: only src-main/store.'),
  },
  {
    files: ['src-main/electron/**', 'src-main/index.ts'],
    rules: restrict(['node-pty', 'better-sqlite3'], ['**/src-renderer/**'],
      'The Electron host composes adapters through the composition root, it does not open native modules itself.'),
  },
  {
    files: ['src-main/lib/**'],
    rules: restrict(NATIVE_AND_HOST, ['**/core/**', '**/server/**', '**/store/**', '**/pty/**', '**/electron/**', '**/src-renderer/**'],
      'lib/ holds nothing app-specific and depends on nothing above it.'),
  },
  {
    files: ['src-main/core/**'],
    rules: restrict(NATIVE_AND_HOST, ['**/server/**', '**/store/**', '**/pty/**', '**/electron/**', '**/src-renderer/**', 'react'],
      'core/ talks to native modules and hosts only through ports/ (DESIGN.md §1).'),
  },
  {
    files: ['src-main/pty/**'],
    rules: restrict(['electron', 'better-sqlite3', 'fastify', '@fastify/*'], ['**/server/**', '**/store/**', '**/electron/**', '**/src-renderer/**'],
      'pty/ is the node-pty adapter only.'),
  },
  {
    files: ['src-main/store/**'],
    rules: restrict(['electron', 'node-pty', 'fastify', '@fastify/*'], ['**/server/**', '**/pty/**', '**/electron/**', '**/src-renderer/**'],
      'store/ is the better-sqlite3 adapter only.'),
  },
  {
    files: ['src-main/server/**'],
    rules: restrict(['electron', 'node-pty', 'better-sqlite3'], ['**/pty/**', '**/store/**', '**/electron/**', '**/src-renderer/**'],
      'server/ is the web host: it reaches the core, never native adapters or Electron.'),
  },
  {
    files: ['src-renderer/**'],
    rules: restrict([...NATIVE_AND_HOST], ['node:*', '**/src-main/**', '**/src-preload/index*'],
      'The renderer reaches the core only through src/ipc and the contract.'),
  },
  {
    files: ['src-renderer/src/components/**'],
    rules: restrict([...NATIVE_AND_HOST], ['node:*', '**/stores/**', '**/ipc/**', '**/src-main/**'],
      'Components are presentational: no store or ipc imports.'),
  },
  {
    files: ['src-renderer/**'],
    ignores: ['src-renderer/src/ipc/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='window'][property.name='api']",
        message: 'Only src-renderer/src/ipc touches window.api.',
      }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'resources/**/*.mjs', 'test/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
