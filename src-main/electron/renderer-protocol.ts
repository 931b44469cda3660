import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../lib/logger';
import { APP_SCHEME, mimeTypeFor, rendererFileFor } from './app-url';

/**
 * The renderer is served from app://renderer/ rather than file:// (Electron
 * security checklist item 18). Privileges are the minimum a Vite bundle with
 * ES modules needs: a standard, secure scheme reachable by fetch. No
 * bypassCSP, no service workers, no streaming.
 *
 * Must run before app 'ready' (Electron's rule for privileged schemes).
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Answers app:// requests from the built renderer folder (inside app.asar
 * when packaged: Electron's fs reads it transparently). Every response
 * carries the CSP header; anything outside the folder is a 404.
 */
export function serveRendererFiles(deps: { rendererDir: string; csp: string; logger: Logger }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = rendererFileFor(deps.rendererDir, request.url);
    if (!file) {
      deps.logger.warn('app:// request outside the renderer refused', { url: request.url });
      return new Response('Not found', { status: 404 });
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (e) {
      deps.logger.warn('app:// file not found', { url: request.url, code: (e as NodeJS.ErrnoException).code });
      return new Response('Not found', { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': mimeTypeFor(file),
        'content-security-policy': deps.csp,
        'x-content-type-options': 'nosniff',
        // The files change with every build; a stale cached bundle after an update is worse than a re-read.
        'cache-control': 'no-cache',
      },
    });
  });
}
