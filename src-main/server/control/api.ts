import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceRole } from '../../../src-preload/contract/ops';
import type { ErrorCode, Result } from '../../../src-preload/contract/result';
import type { AccountService, DenyReason } from '../../core/ops/accounts';
import type { OpsMetrics } from '../../core/ops/metrics';
import { principalName, roleAllows, type Principal } from '../../core/ops/roles';
import type { Logger } from '../../lib/logger';
import { tokenMatches } from '../token';
import type { OpenApiBuilder, OperationDoc } from './openapi';

/** HTTP status for each contract error code. */
const STATUS: Record<ErrorCode, number> = {
  bad_input: 400, not_found: 404, invalid_state: 409, command_not_found: 422, bad_cwd: 422, spawn_failed: 500,
  unauthorized: 401, forbidden: 403, conflict: 409, unavailable: 503, internal: 500,
};
/** A caller-supplied correlation id is kept only if it is short and plain (it goes into logs and events). */
const CORRELATION_RE = /^[A-Za-z0-9_.:-]{6,80}$/;

export interface CallContext {
  principal: Principal;
  correlationId: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler<P, Q, B, R> = (input: { params: P; query: Q; body: B }, ctx: CallContext) => Result<R> | Promise<Result<R>>;

export interface AuthDeps {
  accounts: AccountService;
  uiToken: string;
  logger: Logger;
  metrics: OpsMetrics;
  newId(prefix: string): string;
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: details === undefined ? { code, message } : { code, message, details } });
}

export function correlationIdOf(req: FastifyRequest, newId: (p: string) => string): string {
  const given = req.headers['x-correlation-id'];
  return typeof given === 'string' && CORRELATION_RE.test(given) ? given : newId('corr');
}

/**
 * The control API's registration surface: each area module calls route()
 * (JSON in, Result out) or raw() (streams, metrics) and the route documents
 * itself in the OpenAPI builder with the same schemas it validates with.
 */
export class ControlApi {
  constructor(
    readonly app: FastifyInstance,
    private readonly docs: OpenApiBuilder,
    private readonly auth: AuthDeps,
  ) {}

  route<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
    doc: OperationDoc & { params?: P; query?: Q; body?: B; response: R; access: ServiceRole | 'public' },
    handler: RouteHandler<z.output<P>, z.output<Q>, z.output<B>, z.output<R>>,
  ): void {
    this.docs.add(doc);
    this.app.route({
      method: doc.method,
      url: doc.url,
      handler: async (req, reply) => {
        const correlationId = correlationIdOf(req, this.auth.newId);
        void reply.header('x-correlation-id', correlationId);
        const principal = await this.authorize(req, reply, doc.access, false, correlationId);
        if (!principal) return reply;
        const parsed = parseAll(doc, req);
        if (!parsed.ok) return sendError(reply, 400, 'bad_input', parsed.message, parsed.details);
        const r = await handler(parsed.value as never, { principal, correlationId, request: req, reply });
        if (reply.sent) return reply;
        if (!r.ok) return sendError(reply, STATUS[r.error.code] ?? 400, r.error.code, r.error.message, r.error.details);
        return reply.code(doc.successStatus ?? 200).send(r.value);
      },
    });
  }

  /** Documents a route the caller registers itself (SSE, WebSocket, Prometheus text, webhooks). */
  describe(doc: OperationDoc): void {
    this.docs.add(doc);
  }

  /**
   * Checks the caller's token and role; on refusal answers 401/403, logs the
   * reason and counts it. `allowQueryToken` lets EventSource and WebSocket
   * clients, which cannot set headers, pass `?access_token=`.
   */
  async authorize(req: FastifyRequest, reply: FastifyReply | null, needed: ServiceRole | 'public', allowQueryToken: boolean, correlationId?: string): Promise<Principal | null> {
    if (needed === 'public') return { kind: 'ui', role: 'admin' };
    const denied = (status: 401 | 403, reason: DenyReason, message: string, who?: string): null => {
      this.auth.metrics.apiDenied.inc({ reason });
      this.auth.logger.warn('api call denied', { reason, method: req.method, route: req.routeOptions.url ?? req.url.split('?')[0], remote: req.ip, principal: who ?? null, needed, correlationId: correlationId ?? null });
      if (reply) sendError(reply, status, status === 401 ? 'unauthorized' : 'forbidden', message, { reason });
      return null;
    };
    const header = req.headers.authorization;
    let token: string | undefined;
    if (typeof header === 'string' && /^Bearer\s+/i.test(header)) token = header.replace(/^Bearer\s+/i, '').trim();
    else if (allowQueryToken) {
      const q = (req.query as Record<string, unknown> | undefined)?.access_token;
      if (typeof q === 'string') token = q;
    }
    if (!token) return denied(401, 'missing_token', 'Send Authorization: Bearer <token> (a service-account token or the UI token).');
    let principal: Principal;
    if (tokenMatches(this.auth.uiToken, token)) principal = { kind: 'ui', role: 'admin' };
    else {
      const v = await this.auth.accounts.verify(token);
      if (!v.ok) return denied(401, v.error.code, v.error.message);
      principal = v.value;
    }
    if (!roleAllows(principal.role, needed)) {
      return denied(403, 'forbidden_role', `This call needs the ${needed} role; ${principalName(principal)} is ${principal.role}.`, principalName(principal));
    }
    return principal;
  }
}

function parseAll(doc: OperationDoc, req: FastifyRequest): { ok: true; value: { params: unknown; query: unknown; body: unknown } } | { ok: false; message: string; details: unknown } {
  const out: Record<string, unknown> = {};
  for (const [key, schema, raw] of [
    ['params', doc.params, req.params],
    ['query', doc.query, req.query],
    ['body', doc.body, req.body ?? {}],
  ] as const) {
    if (!schema) {
      out[key] = {};
      continue;
    }
    const r = schema.safeParse(raw ?? {});
    if (!r.success) return { ok: false, message: `Invalid ${key}: ${z.prettifyError(r.error)}`, details: r.error.issues };
    out[key] = r.data;
  }
  return { ok: true, value: out as { params: unknown; query: unknown; body: unknown } };
}
