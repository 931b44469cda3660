import { z } from 'zod';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { Role } from '../../../src-preload/contract/session';
import type { Clock } from '../ports/clock';

/** Who is calling: resolved by the transport from the session's agent token, never from the input. */
export interface AgentToolContext {
  readonly sessionId: string;
  readonly role: Role;
  readonly correlationId: string;
  /** Aborted when the caller went away (HTTP connection closed) before the answer. */
  readonly signal?: AbortSignal;
}

/**
 * One tool offered to agents. The input schema is the single source of the
 * tool's shape: the registry validates with it and the MCP server lists its
 * JSON Schema, so a new tool needs no change in the transports or clients.
 */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** Shown to the model (MCP) and in `dorch help`: say what it does and when to call it. */
  readonly description: string;
  readonly input: S;
  readonly roles: readonly Role[];
  handler(ctx: AgentToolContext, input: z.output<S>): Promise<Result<unknown>>;
}

/** Erases the schema type so tools with different inputs share one list. */
export const defineTool = <S extends z.ZodType>(tool: AgentTool<S>): AgentTool => tool as unknown as AgentTool;

export interface AgentToolDescriptor {
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12) of the input as the caller writes it (defaults optional). */
  inputSchema: Record<string, unknown>;
}

/** Where calls are recorded: SessionService.event in the app. */
export interface AgentToolEvents {
  event(type: string, sessionId: string | null, data: unknown, correlationId: string | null): void;
}

export interface AgentToolRegistry {
  /** The tools this role may call. */
  list(role: Role): AgentToolDescriptor[];
  has(name: string): boolean;
  /** Validates, checks the role, runs the handler and records `agent_tool.called`. */
  call(ctx: AgentToolContext, name: string, input: unknown): Promise<Result<unknown>>;
}

export interface AgentToolRegistryDeps {
  tools: readonly AgentTool[];
  events: AgentToolEvents;
  clock: Clock;
}

/** Tool names travel in URLs and as `mcp__orch__<name>`: keep them plain. */
const TOOL_NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;
/** Inputs larger than this are recorded by size only: the event log is not a payload store. */
const MAX_RECORDED_INPUT_CHARS = 1_000;

export const AGENT_TOOL_CALLED_EVENT = 'agent_tool.called';

const recordedInput = (input: unknown): unknown => {
  const text = JSON.stringify(input) ?? 'null';
  return text.length <= MAX_RECORDED_INPUT_CHARS ? input : { omitted: true, chars: text.length };
};

/** The failure tag a tool put in its details (locks: `reason`), for the event log. */
const reasonOf = (details: unknown): string | null => {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return null;
  const r = (details as { reason: unknown }).reason;
  return typeof r === 'string' ? r : null;
};

export function createAgentToolRegistry(deps: AgentToolRegistryDeps): AgentToolRegistry {
  const tools = new Map<string, AgentTool>();
  for (const t of deps.tools) {
    // Tool lists are code, not user input: a bad one is a bug.
    if (!TOOL_NAME_RE.test(t.name)) throw new Error(`bug: agent tool name ${JSON.stringify(t.name)} is not plain snake_case`);
    if (tools.has(t.name)) throw new Error(`bug: agent tool ${t.name} registered twice`);
    tools.set(t.name, t);
  }
  const schemas = new Map<string, Record<string, unknown>>();
  const schemaOf = (t: AgentTool): Record<string, unknown> => {
    let s = schemas.get(t.name);
    if (!s) {
      s = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      delete s.$schema; // MCP clients want a plain object schema
      schemas.set(t.name, s);
    }
    return s;
  };

  const record = (ctx: AgentToolContext, tool: string, started: number, outcome: string, extra: Record<string, unknown>): void =>
    deps.events.event(AGENT_TOOL_CALLED_EVENT, ctx.sessionId, { tool, role: ctx.role, outcome, durationMs: deps.clock.now() - started, ...extra }, ctx.correlationId);

  const fail = (ctx: AgentToolContext, tool: string, started: number, r: Result<never>, extra: Record<string, unknown> = {}): Result<never> => {
    if (!r.ok) record(ctx, tool, started, r.error.code, { ...extra, message: r.error.message, reason: reasonOf(r.error.details) });
    return r;
  };

  return {
    list: (role) => [...tools.values()].filter((t) => t.roles.includes(role)).map((t) => ({ name: t.name, description: t.description, inputSchema: schemaOf(t) })),
    has: (name) => tools.has(name),
    async call(ctx, name, input) {
      const started = deps.clock.now();
      const tool = tools.get(name);
      if (!tool) return fail(ctx, name.slice(0, 64), started, err('not_found', `No agent tool named ${JSON.stringify(name.slice(0, 64))}. Known: ${[...tools.keys()].join(', ')}.`));
      if (!tool.roles.includes(ctx.role)) {
        return fail(ctx, name, started, err('forbidden', `Sessions with role "${ctx.role}" may not call ${name} (allowed: ${tool.roles.join(', ')}).`));
      }
      const parsed = tool.input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail(ctx, name, started, err('bad_input', `Invalid input for ${name}: ${z.prettifyError(parsed.error)}`, parsed.error.issues), { input: recordedInput(input) });
      }
      let r: Result<unknown>;
      try {
        r = await tool.handler(ctx, parsed.data);
      } catch (e) {
        // A handler bug: record that the call happened and failed, then let it surface as a bug.
        record(ctx, name, started, 'internal', { input: recordedInput(parsed.data), message: (e as Error).message });
        throw e;
      }
      if (!r.ok) return fail(ctx, name, started, r, { input: recordedInput(parsed.data) });
      record(ctx, name, started, 'ok', { input: recordedInput(parsed.data) });
      return ok(r.value);
    },
  };
}
