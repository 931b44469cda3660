import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StreamClientInfo } from '../../../src-preload/contract/ops';
import { ok } from '../../../src-preload/contract/result';
import { SessionId } from '../../../src-preload/contract/session';
import { principalName } from '../../core/ops/roles';
import { CLIENT_ID_RE, HEARTBEAT_INTERVAL_MS, type StreamFrame, type StreamSink } from '../../core/ops/stream-hub';
import { sendError } from './api';
import type { ControlModule } from './deps';

/** A client whose socket holds more unsent bytes than this is too slow: it is closed and may resume by Last-Event-ID. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Browsers reconnect an EventSource after this many ms (the SSE `retry:` field). */
const SSE_RETRY_MS = 1_000;

const StreamQuery = z.object({
  clientId: z.string().regex(CLIENT_ID_RE).optional(),
  /** Same as the Last-Event-ID header (for clients that cannot set it). */
  lastEventId: z.coerce.number().int().min(0).optional(),
  type: z.string().regex(/^[\w.,-]+$/).max(2_000).optional(),
  sessionId: SessionId.optional(),
  access_token: z.string().optional(),
});

function parseStreamQuery(req: FastifyRequest): z.ZodSafeParseResult<z.output<typeof StreamQuery>> {
  return StreamQuery.safeParse(req.query ?? {});
}

function lastEventIdOf(req: FastifyRequest, q: z.output<typeof StreamQuery>): number | undefined {
  const h = req.headers['last-event-id'];
  if (typeof h === 'string' && /^\d+$/.test(h.trim())) return Number(h.trim());
  return q.lastEventId;
}

function sseFrame(f: StreamFrame): string {
  switch (f.kind) {
    case 'event':
      return `id: ${f.event.seq}\nevent: event\ndata: ${JSON.stringify(f.event)}\n\n`;
    case 'heartbeat':
      return `event: heartbeat\ndata: ${JSON.stringify({ clientId: f.clientId, serverTime: f.serverTime })}\n\n`;
    case 'hello':
      return `retry: ${SSE_RETRY_MS}\nevent: hello\ndata: ${JSON.stringify(f)}\n\n`;
  }
}

/**
 * The live event stream: SSE at /api/v1/stream and the same frames as JSON
 * over a WebSocket at /api/v1/stream/ws. Event frames carry the store's seq
 * as their id; heartbeats (every second) carry the server time.
 */
export const streamRoutes: ControlModule = (api, d) => {
  const tag = 'stream';
  api.describe({
    method: 'GET', url: '/api/v1/stream', access: 'viewer', tag, query: StreamQuery, produces: 'text/event-stream',
    summary: 'Server-sent events: hello, then every new event (id = seq), heartbeat {serverTime} each second. Resume with Last-Event-ID.',
  });
  api.app.get('/api/v1/stream', async (req: FastifyRequest, reply: FastifyReply) => {
    const principal = await api.authorize(req, reply, 'viewer', true);
    if (!principal) return reply;
    const q = parseStreamQuery(req);
    if (!q.success) return sendError(reply, 400, 'bad_input', z.prettifyError(q.error));
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.socket?.setNoDelay(true);
    let open = true;
    const sink: StreamSink = {
      send(frame) {
        if (!open) return false;
        if (raw.writableLength > MAX_BUFFERED_BYTES) return false;
        raw.write(sseFrame(frame));
        return true;
      },
      close() {
        if (!open) return;
        open = false;
        raw.end();
      },
    };
    const lastEventId = lastEventIdOf(req, q.data);
    const types = q.data.type?.split(',').filter(Boolean);
    const conn = d.stream.connect(
      {
        transport: 'sse', principal: principalName(principal),
        ...(q.data.clientId ? { clientId: q.data.clientId } : {}),
        ...(lastEventId !== undefined ? { lastEventId } : {}),
        filter: { ...(q.data.sessionId ? { sessionId: q.data.sessionId } : {}), ...(types?.length ? { types } : {}) },
      },
      sink,
    );
    if (!conn.ok) {
      open = false;
      raw.end(`event: error\ndata: ${JSON.stringify(conn.error)}\n\n`);
      return;
    }
    raw.on('close', () => {
      open = false;
      conn.value.close();
    });
  });

  api.describe({
    method: 'GET', url: '/api/v1/stream/ws', access: 'viewer', tag, query: StreamQuery, produces: 'application/json',
    summary: 'The same stream over a WebSocket: JSON frames {kind: hello|event|heartbeat}. Resume with ?lastEventId=&clientId=.',
  });
  api.app.get('/api/v1/stream/ws', { websocket: true }, (socket, req) => {
    // Frames that arrive before authorization finishes are ignored: this stream is one-way.
    void (async () => {
      const principal = await api.authorize(req, null, 'viewer', true);
      if (!principal) {
        socket.close(4401, 'unauthorized');
        return;
      }
      const q = parseStreamQuery(req);
      if (!q.success) {
        socket.close(4400, 'bad query');
        return;
      }
      const sink: StreamSink = {
        send(frame) {
          if (socket.readyState !== socket.OPEN) return false;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return false;
          socket.send(JSON.stringify(frame));
          return true;
        },
        close(reason) {
          if (socket.readyState === socket.OPEN) socket.close(4408, reason.slice(0, 120));
        },
      };
      const lastEventId = lastEventIdOf(req, q.data);
      const types = q.data.type?.split(',').filter(Boolean);
      const conn = d.stream.connect(
        {
          transport: 'websocket', principal: principalName(principal),
          ...(q.data.clientId ? { clientId: q.data.clientId } : {}),
          ...(lastEventId !== undefined ? { lastEventId } : {}),
          filter: { ...(q.data.sessionId ? { sessionId: q.data.sessionId } : {}), ...(types?.length ? { types } : {}) },
        },
        sink,
      );
      if (!conn.ok) {
        socket.close(4400, conn.error.message.slice(0, 120));
        return;
      }
      socket.on('close', () => conn.value.close());
    })();
  });

  api.route(
    { method: 'GET', url: '/api/v1/stream/clients', access: 'admin', tag, summary: `Stream clients: id, reconnects, last heartbeat (sent every ${HEARTBEAT_INTERVAL_MS} ms)`, response: z.array(StreamClientInfo) },
    () => ok(d.stream.list()),
  );
};
