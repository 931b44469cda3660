import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../../../src-preload/contract/result';
import type { Role } from '../../../src-preload/contract/session';
import { createFakeClock } from '../ports/fake-clock';
import { AGENT_TOOL_CALLED_EVENT, createAgentToolRegistry, defineTool, type AgentTool, type AgentToolContext } from './registry';

interface Recorded {
  type: string;
  sessionId: string | null;
  data: Record<string, unknown>;
  correlationId: string | null;
}

function setup(tools: AgentTool[]) {
  const events: Recorded[] = [];
  const clock = createFakeClock();
  const registry = createAgentToolRegistry({
    tools,
    clock,
    events: { event: (type, sessionId, data, correlationId) => void events.push({ type, sessionId, data: data as Record<string, unknown>, correlationId }) },
  });
  return { registry, events, clock };
}

const ctx = (role: Role = 'worker'): AgentToolContext => ({ sessionId: 's_caller', role, correlationId: 'a_corr' });

const calls: unknown[] = [];
const echo = defineTool({
  name: 'echo',
  description: 'Answers its input.',
  input: z.object({ text: z.string().min(1), times: z.number().int().positive().default(1) }).strict(),
  roles: ['main', 'worker'],
  handler: async (c, input) => {
    calls.push(input);
    return ok({ from: c.sessionId, said: input.text.repeat(input.times) });
  },
});
const refuses = defineTool({
  name: 'refuses',
  description: 'Always a conflict.',
  input: z.object({}),
  roles: ['worker'],
  handler: async () => err('conflict', 'Someone else has it.', { reason: 'busy' }),
});

describe('agent tool registry', () => {
  it('validates, calls the handler with the parsed input and records the call', async () => {
    const { registry, events } = setup([echo]);
    const r = await registry.call(ctx(), 'echo', { text: 'hi', times: 2 });
    expect(r).toEqual({ ok: true, value: { from: 's_caller', said: 'hihi' } });
    expect(events).toEqual([
      {
        type: AGENT_TOOL_CALLED_EVENT,
        sessionId: 's_caller',
        correlationId: 'a_corr',
        data: { tool: 'echo', role: 'worker', outcome: 'ok', durationMs: 0, input: { text: 'hi', times: 2 } },
      },
    ]);
  });

  it('answers invalid input with a clear bad_input and never runs the handler', async () => {
    const { registry, events } = setup([echo]);
    calls.length = 0;
    const r = await registry.call(ctx(), 'echo', { text: '', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_input');
    expect(r.error.message).toMatch(/^Invalid input for echo: /);
    expect(r.error.message).toMatch(/text/);
    expect(r.error.message).toMatch(/extra/);
    expect(calls).toEqual([]);
    expect(events[0]?.data).toMatchObject({ tool: 'echo', outcome: 'bad_input' });
  });

  it('refuses roles the tool does not allow, and unknown tools, and records both', async () => {
    const { registry, events } = setup([echo]);
    const r = await registry.call(ctx('monitor'), 'echo', { text: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const u = await registry.call(ctx(), 'nope', {});
    expect(u).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!u.ok) expect(u.error.message).toContain('echo');
    expect(events.map((e) => e.data.outcome)).toEqual(['forbidden', 'not_found']);
  });

  it('records a tool failure with its reason tag', async () => {
    const { registry, events } = setup([refuses]);
    const r = await registry.call(ctx(), 'refuses', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Someone else has it.' } });
    expect(events[0]?.data).toMatchObject({ tool: 'refuses', outcome: 'conflict', reason: 'busy', message: 'Someone else has it.' });
  });

  it('records a handler bug and lets it throw', async () => {
    const broken = defineTool({ name: 'broken', description: 'x', input: z.object({}), roles: ['worker'], handler: async () => Promise.reject(new Error('boom')) });
    const { registry, events } = setup([broken]);
    await expect(registry.call(ctx(), 'broken', {})).rejects.toThrow('boom');
    expect(events[0]?.data).toMatchObject({ outcome: 'internal', message: 'boom' });
  });

  it('records large inputs by size only', async () => {
    const { registry, events } = setup([echo]);
    await registry.call(ctx(), 'echo', { text: 'x'.repeat(5_000) });
    expect(events[0]?.data.input).toEqual({ omitted: true, chars: expect.any(Number) });
  });

  it('lists the tools a role may call with input JSON Schemas (defaults optional)', () => {
    const { registry } = setup([echo, refuses]);
    expect(registry.list('main').map((t) => t.name)).toEqual(['echo']);
    const [e] = registry.list('worker');
    expect(e?.inputSchema).toMatchObject({ type: 'object', required: ['text'], additionalProperties: false });
    expect(e?.inputSchema).not.toHaveProperty('$schema');
  });

  it('refuses duplicate and non-snake_case names at construction (a bug)', () => {
    expect(() => setup([echo, echo])).toThrow(/twice/);
    expect(() => setup([{ ...echo, name: 'Bad-Name' }])).toThrow(/snake_case/);
  });
});
