import { z } from 'zod';
import type { ServiceRole } from '../../../src-preload/contract/ops';

/** One documented operation; every route of the control API adds itself here when it is registered. */
export interface OperationDoc {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify syntax (`/api/v1/sessions/:id`); written as OpenAPI `{id}` in the document. */
  url: string;
  access: ServiceRole | 'public' | 'webhook-signature';
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Non-JSON answers (SSE, Prometheus text). */
  produces?: string;
  successStatus?: number;
}

const ERROR_BODY = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

function schemaOf(t: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(t, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parametersOf(obj: z.ZodObject | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!obj) return [];
  const json = schemaOf(obj, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema,
  }));
}

/**
 * Builds the OpenAPI 3.1 document from the zod schemas the routes validate
 * with, so the document and the validation cannot drift apart.
 */
export class OpenApiBuilder {
  private readonly ops: OperationDoc[] = [];

  add(op: OperationDoc): void {
    this.ops.push(op);
  }

  get operations(): readonly OperationDoc[] {
    return this.ops;
  }

  document(info: { version: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.ops) {
      const path = op.url.replace(/:(\w+)/g, '{$1}');
      const status = String(op.successStatus ?? 200);
      const ok: Record<string, unknown> = { description: 'Success' };
      if (op.produces) ok.content = { [op.produces]: { schema: { type: 'string' } } };
      else if (op.response) ok.content = { 'application/json': { schema: schemaOf(op.response, 'output') } };
      const errorResponse = { description: 'Error', content: { 'application/json': { schema: schemaOf(ERROR_BODY, 'output') } } };
      const operation: Record<string, unknown> = {
        summary: op.summary,
        tags: [op.tag],
        operationId: `${op.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
        'x-required-role': op.access,
        parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')],
        responses: { [status]: ok, '400': errorResponse, ...(op.access === 'public' ? {} : { '401': errorResponse, '403': errorResponse }) },
      };
      if (op.access !== 'public' && op.access !== 'webhook-signature') operation.security = [{ bearer: [] }];
      if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } };
      (paths[path] ??= {})[op.method.toLowerCase()] = operation;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Dual Orchestrator control API',
        version: info.version,
        description:
          'Loopback control API. Authenticate with `Authorization: Bearer <token>` (a service-account JWT, or the browser UI token). ' +
          'Roles: viewer (read) < operator (input, approvals, recovery) < admin (accounts, webhooks, settings).',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      paths,
    };
  }
}
