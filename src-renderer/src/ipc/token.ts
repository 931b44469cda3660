/** sessionStorage key: per tab, survives reloads, gone when the tab closes. */
export const TOKEN_STORAGE_KEY = 'dualOrch.token';

/**
 * Takes the access token out of a page URL. The token moves to
 * sessionStorage so a reload still works while the address bar (and any
 * screenshot or screen share of it) no longer shows the secret.
 */
export function extractToken(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  return { token: token && token.length > 0 ? token : null, cleanUrl: url.pathname + url.search + url.hash };
}

/** The WebSocket endpoint of the page's own server. */
export function wsUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}
