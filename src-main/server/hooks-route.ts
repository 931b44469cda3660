import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HOOK_SECRET_HEADER, HookBody, type ClaudeHooks } from '../core/agents/claude-hooks';
import type { ApprovalService } from '../core/approvals/approval-service';
import type { Clock } from '../core/ports/clock';
import type { SessionService } from '../core/sessions/session-service';
import type { Logger } from '../lib/logger';
import { tokenMatches } from './token';

/** Largest hook body accepted: an Edit/Write tool_input carries file contents. */
export const HOOK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const Params = z.object({ sessionId: z.string().regex(/^s_[A-Za-z0-9_-]{6,40}$/) });

export interface HooksRouteDeps {
  claude: ClaudeHooks;
  sessions: SessionService;
  approvals: ApprovalService;
  clock: Clock;
  logger: Logger;
  /** Every accepted hook body (the health monitor's heartbeat and error-pattern source). */
  onHook?(sessionId: string, body: Record<string, unknown>): void;
}

/**
 * Claude Code's http hooks land here (loopback only, per-session secret).
 * Malformed or unauthenticated posts are rejected and logged and change
 * nothing; a valid PermissionRequest is held open until someone decides.
 */
export function registerHookRoutes(app: FastifyInstance, deps: HooksRouteDeps): void {
  app.post('/hooks/claude/:sessionId', { bodyLimit: HOOK_BODY_LIMIT_BYTES }, async (req, reply) => {
    const params = Params.safeParse(req.params);
    if (!params.success) {
      deps.logger.warn('hook rejected: bad session id', { remote: req.ip });
      return reply.code(404).send({ error: 'unknown session' });
    }
    const { sessionId } = params.data;
    const secret = deps.claude.secretFor(sessionId);
    if (!secret || !tokenMatches(secret, req.headers[HOOK_SECRET_HEADER])) {
      deps.logger.warn('hook rejected: missing or wrong secret', { sessionId, remote: req.ip });
      return reply.code(401).send({ error: 'unauthorized' });
    }
    const body = HookBody.safeParse(req.body);
    if (!body.success) {
      deps.logger.warn('hook rejected: malformed body', { sessionId, issues: body.error.issues.slice(0, 5) });
      return reply.code(400).send({ error: 'malformed hook body', details: z.prettifyError(body.error) });
    }
    const runtime = deps.sessions.get(sessionId);
    if (!runtime.ok || !runtime.value.isLive) return reply.code(404).send({ error: 'session is not running' });
    deps.sessions.event('hook.received', sessionId, { event: body.data.hook_event_name, tool: body.data.tool_name ?? null });
    deps.onHook?.(sessionId, body.data);
    const answer = await deps.claude.handle(runtime.value, body.data, deps.approvals, deps.clock.now());
    return reply.code(200).send(answer);
  });
}
