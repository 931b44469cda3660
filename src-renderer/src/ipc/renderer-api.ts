import type { Api } from '../../../src-preload/contract/api';

/**
 * connecting: first connection not yet open · open · reconnecting: lost, retrying with backoff ·
 * unauthorized: the server refused our token (no retry: a new token needs the printed link).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionInfo {
  readonly state: ConnectionState;
  /** Reconnect attempts since the connection was last open. */
  readonly attempt: number;
  /** When the next attempt starts (ms since epoch), while reconnecting. */
  readonly retryAt: number | null;
}

/** The contract's Api plus what a transport knows about itself. */
export interface RendererApi extends Api {
  readonly host: 'desktop' | 'browser';
  connection(): ConnectionInfo;
  onConnection(listener: (info: ConnectionInfo) => void): () => void;
  /** Fires after a lost connection is open again: every attachment must be made anew. */
  onReconnect(listener: () => void): () => void;
  /** Skip the backoff wait and try to reconnect now. */
  retryNow(): void;
  dispose(): void;
}
