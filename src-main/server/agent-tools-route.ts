import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AGENT_TOKEN_HEADER, type AgentTokens } from '../core/agent-tools/agent-tokens';
import type { AgentToolContext, AgentToolRegistry } from '../core/agent-tools/registry';
import type { SessionService } from '../core/sessions/session-service';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { ErrorCode } from '../../src-preload/contract/result';

/** Tool inputs are small JSON objects; anything bigger is a mistake. */
export const AGENT_TOOL_BODY_LIMIT_BYTES = 256 * 1024;
/** A caller may name its own correlation id (to find its call in the event log). */
export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_RE = /^[A-Za-z0-9_.:-]{1,100}$/;
const Params = z.object({ tool: z.string().min(1).max(64) });

export interface AgentToolsRouteDeps {
  registry: AgentToolRegistry;
  tokens: AgentTokens;
  sessions: SessionService;
  logger: Logger;
  /** A session's MCP server or CLI has fetched its tool list (orchestration waits for it before prompting Claude). */
  onListed?(sessionId: string): void;
}

const fail = (reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply =>
  reply.code(status).send({ ok: false, error: { code, message } });

/**
 * The agent-tools channel over HTTP (loopback): `GET /agent/tools` lists the
 * caller's tools with JSON Schemas, `POST /agent/tools/:tool` calls one. The
 * agent token in x-dual-orch-agent names the session; tool failures are
 * answered 200 with the Result envelope so every client can show the message.
 */
export function registerAgentToolRoutes(app: FastifyInstance, deps: AgentToolsRouteDeps): void {
  /** Session and role behind the request's token; null after answering 401. */
  const authenticate = (headers: Record<string, unknown>, reply: FastifyReply, remote: string): AgentToolContext | null => {
    const sessionId = deps.tokens.resolve(headers[AGENT_TOKEN_HEADER]);
    const runtime = sessionId ? deps.sessions.get(sessionId) : null;
    if (!sessionId || !runtime?.ok || !runtime.value.isLive) {
      deps.logger.warn('agent tool call refused: missing, wrong or expired token', { remote });
      void fail(reply, 401, 'unauthorized', `Missing or invalid ${AGENT_TOKEN_HEADER} token (is this running inside a live orchestrator session?).`);
      return null;
    }
    const given = headers[CORRELATION_HEADER];
    const correlationId = typeof given === 'string' && CORRELATION_RE.test(given) ? given : newId('a', 6);
    return { sessionId, role: runtime.value.record.role, correlationId };
  };

  app.register(async (scope) => {
    // Malformed bodies (bad JSON, too large) answer in the same envelope as everything else.
    scope.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        deps.logger.error('agent tool call failed', { error: error.message });
        return fail(reply, 500, 'internal', 'The orchestrator failed to run this tool; see its log.');
      }
      return fail(reply, status, 'bad_input', error.message);
    });
    // Authenticate before the body is parsed: an unauthenticated caller learns nothing, not even parse errors.
    scope.addHook('onRequest', async (req, reply) => {
      const ctx = authenticate(req.headers, reply, req.ip);
      if (!ctx) return reply;
      (req as { agentCtx?: AgentToolContext }).agentCtx = ctx;
    });

    scope.get('/agent/tools', async (req) => {
      const ctx = (req as { agentCtx?: AgentToolContext }).agentCtx as AgentToolContext;
      const tools = deps.registry.list(ctx.role);
      // Tells the person (and tests) that the agent's MCP server or CLI has reached the core.
      deps.sessions.event('agent_tool.listed', ctx.sessionId, { count: tools.length }, ctx.correlationId);
      deps.onListed?.(ctx.sessionId);
      return { ok: true, value: tools };
    });

    scope.post('/agent/tools/:tool', { bodyLimit: AGENT_TOOL_BODY_LIMIT_BYTES }, async (req, reply) => {
      const base = (req as { agentCtx?: AgentToolContext }).agentCtx as AgentToolContext;
      const params = Params.safeParse(req.params);
      if (!params.success) return fail(reply, 400, 'bad_input', 'Tool names are 1-64 characters.');
      if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
        return fail(reply, 400, 'bad_input', 'The body must be a JSON object of tool arguments ({} for none).');
      }
      // A blocking acquire outlives a vanished caller only as long as it takes to notice.
      const aborter = new AbortController();
      const onClose = (): void => {
        if (!reply.raw.writableFinished) aborter.abort();
      };
      reply.raw.on('close', onClose);
      try {
        const r = await deps.registry.call({ ...base, signal: aborter.signal }, params.data.tool, req.body);
        reply.header(CORRELATION_HEADER, base.correlationId);
        return reply.code(200).send(r.ok ? { ok: true, value: r.value } : { ok: false, error: { code: r.error.code, message: r.error.message, details: r.error.details } });
      } finally {
        reply.raw.off('close', onClose);
      }
    });
  });
}
