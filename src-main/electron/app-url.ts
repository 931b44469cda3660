import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where the desktop renderer lives and which URLs count as "ours". Pure (no
 * electron import) so the rules that every security check leans on are unit
 * tested: the navigation guard, the IPC sender check, the permission
 * handlers and the custom protocol all ask these functions.
 *
 * The packaged renderer is served from a custom standard scheme instead of
 * file:// (Electron security checklist item 18): it gets a real origin, a
 * CSP response header, and no file:// extra privileges.
 */
export const APP_SCHEME = 'app';
/** The single host of the app scheme; any other host is not ours. */
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface RendererLocation {
  /** What the window loads. */
  readonly entryUrl: string;
  /** scheme://host[:port] every trusted URL must share. */
  readonly origin: string;
  /** True under `electron-vite dev` (Vite dev server with hot reload). */
  readonly devServer: boolean;
}

/**
 * The packaged renderer on app://renderer, or the Vite dev server when
 * electron-vite dev passes ELECTRON_RENDERER_URL (never in a packaged app:
 * the caller passes undefined there).
 */
export function rendererLocation(devServerUrl: string | undefined): RendererLocation {
  if (devServerUrl) {
    const u = parseUrl(devServerUrl);
    if (u && (u.protocol === 'http:' || u.protocol === 'https:')) {
      return { entryUrl: u.href, origin: originOf(u), devServer: true };
    }
  }
  return { entryUrl: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN, devServer: false };
}

/** scheme://host[:port]; Node's URL says "null" for custom schemes' origin, so it is built by hand. */
function originOf(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null; // not a URL at all: callers treat it as untrusted
  }
}

/** Is this URL part of our renderer (same scheme, host and port)? */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  const u = parseUrl(url);
  return u !== null && originOf(u) === location.origin;
}

/** Is this an origin string (as Chromium reports it to permission checks) of our renderer? */
export function isAppOrigin(origin: string, location: RendererLocation): boolean {
  return origin.replace(/\/$/, '') === location.origin;
}

/**
 * May this link be handed to the OS browser? Only plain http(s) URLs with a
 * host and no embedded credentials: never file:, javascript:, custom
 * protocol handlers (ms-msdt:, smb:, …) — shell.openExternal would run them.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.hostname === '' || u.username !== '' || u.password !== '') return false;
  return true;
}

/**
 * The file under rendererDir an app:// request maps to, or null when the
 * request is not ours or would escape the folder (traversal, encoded
 * separators, absolute paths). '/' serves index.html.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  const u = parseUrl(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path.replace(/\\/g, '/')}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

/** Content types for what Vite emits; anything else is served as bytes. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
