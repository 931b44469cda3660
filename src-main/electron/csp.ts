/**
 * The Content Security Policy the desktop host enforces as a response header
 * (the renderer's index.html carries a meta tag too; the browser enforces
 * both, so the stricter wins). Pure so it is tested and documented in one
 * place (docs/electron-security.md, item 7).
 *
 * - scripts only from our own origin: no inline script, no eval;
 * - inline styles are allowed because xterm.js and React set element styles;
 * - connect-src 'self' only: the desktop renderer reaches the core over IPC,
 *   never over the network;
 * - no plugins, frames, forms or <base> rewriting.
 */
export function contentSecurityPolicy(opts: { devServerOrigin?: string } = {}): string {
  const dev = opts.devServerOrigin;
  // Vite's dev server injects an inline React-refresh preamble and talks HMR
  // over a WebSocket to itself; neither exists in a built app.
  const devWs = dev ? dev.replace(/^http/, 'ws') : '';
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', dev ? ["'self'", devWs] : ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['media-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
