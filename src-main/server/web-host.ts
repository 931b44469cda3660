import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ClientHub } from '../core/api/client-hub';
import type { Logger } from '../lib/logger';
import { tokenMatches } from './token';
import { WsSendQueue } from './ws-send-queue';

/** Largest WebSocket frame accepted: a big paste (contract max 1 M chars) with room for JSON escaping. */
const WS_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** WebSocket close code for a bad or missing token (4000–4999 are for applications). */
export const WS_CLOSE_UNAUTHORIZED = 4401;

export interface WebHostOptions {
  hub: ClientHub;
  logger: Logger;
  token: string;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  host: string;
  port: number;
  /** Further routes (hooks, later the control API) registered before listening. */
  routes?(app: FastifyInstance): void;
}

export interface WebHost {
  readonly app: FastifyInstance;
  readonly port: number;
  readonly host: string;
  /** The URL a person opens, token included. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Browser mode's transport (DESIGN.md §2): the renderer files over HTTP and
 * the contract over a token-authenticated WebSocket. The desktop host runs
 * it too, on loopback, for hooks and supervising from another screen.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });

  app.get('/healthz', async () => ({ ok: true }));
  opts.routes?.(app);

  if (existsSync(join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.rendererDir, index: ['index.html'], cacheControl: false });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The user interface is not built (${opts.rendererDir} is missing). Run "npm run build" and start again.`),
    );
  }

  app.get('/ws', { websocket: true }, (socket, req) => {
    const token = (req.query as Record<string, unknown>).token;
    if (!tokenMatches(opts.token, token)) {
      opts.logger.warn('websocket refused: bad or missing token', { remote: req.ip });
      socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized: open the URL printed at start-up (it carries the token)');
      return;
    }
    const out = new WsSendQueue((text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    });
    const conn = opts.hub.connect((channel, payload) => out.push(channel, payload), 'w');
    opts.logger.info('browser client connected', { clientId: conn.clientId, remote: req.ip });
    socket.on('message', (raw: Buffer) => {
      let frame: { kind?: unknown; id?: unknown; channel?: unknown; input?: unknown; total?: unknown };
      try {
        frame = JSON.parse(raw.toString('utf8')) as typeof frame;
      } catch {
        opts.logger.warn('websocket frame is not JSON', { clientId: conn.clientId });
        return; // no id to answer to; the client's own timeout reports it
      }
      if (frame.kind === 'rcv') {
        const problem = out.received(frame.total);
        if (problem) opts.logger.warn('websocket receipt refused', { clientId: conn.clientId, problem });
        return;
      }
      if (frame.kind !== 'req' || typeof frame.id !== 'number') {
        opts.logger.warn('websocket frame is not a request', { clientId: conn.clientId });
        return;
      }
      const id = frame.id;
      void conn.request(frame.channel, frame.input).then((result) => out.respond({ kind: 'res', id, result: result as never }));
    });
    socket.on('close', () => {
      conn.close();
      opts.logger.info('browser client disconnected', { clientId: conn.clientId });
    });
  });

  const address = await app.listen({ host: opts.host, port: opts.port });
  const port = Number(new URL(address).port);
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
  return {
    app,
    port,
    host: opts.host,
    url: `http://${urlHost}:${port}/?token=${encodeURIComponent(opts.token)}`,
    close: () => app.close(),
  };
}
