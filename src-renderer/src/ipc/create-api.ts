import type { PreloadBridge } from '../../../src-preload/contract/api';
import { createElectronApi } from './electron-api';
import type { RendererApi } from './renderer-api';
import { extractToken, TOKEN_STORAGE_KEY, wsUrl } from './token';
import { WsClient } from './ws-client';

declare global {
  interface Window {
    /** Set by the preload script in the desktop app; absent in browser mode. */
    readonly api?: PreloadBridge;
  }
}

/** What the page needs before it can talk to the core. */
export type ApiStart = { readonly kind: 'ready'; readonly api: RendererApi } | { readonly kind: 'no-token' };

/** Reads the token from the URL (then hides it) or from this tab's earlier visit. */
function takeToken(): string | null {
  const { token, cleanUrl } = extractToken(window.location.href);
  if (token) {
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage disabled (private mode policies): the token still works for this page load.
    }
    window.history.replaceState(window.history.state, '', cleanUrl);
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Picks the transport: the preload bridge inside Electron, otherwise the
 * WebSocket of the server that served this page.
 */
export function createApi(): ApiStart {
  const bridge = window.api;
  if (bridge) return { kind: 'ready', api: createElectronApi(bridge) };
  const token = takeToken();
  if (!token) return { kind: 'no-token' };
  const client = new WsClient({
    url: wsUrl(window.location, token),
    createSocket: (url) => new WebSocket(url),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    now: () => Date.now(),
    random: () => Math.random(),
  });
  client.start();
  return { kind: 'ready', api: client };
}
