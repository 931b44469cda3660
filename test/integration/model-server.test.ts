/**
 * The scripted model server on its own (no CLI): wire format, script order, side calls.
 * The real CLI against it is test/integration/claude-cli.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createModelServer, EXHAUSTED_TEXT, SIDE_TITLE, type ModelServer } from '../fixtures/model-server';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOOLS = [{ name: 'Bash', input_schema: { type: 'object' } }];

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

interface SseEvent {
  event: string;
  data: { type: string; [k: string]: unknown };
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((f) => f.trim())
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}') as SseEvent['data'];
      return { event, data };
    });
}

describe('scripted model server', () => {
  it('streams a text turn with the exact Messages API event sequence', async () => {
    server = await createModelServer({ script: [{ text: 'Hello there, this reply is long enough to arrive in pieces.' }], chunkChars: 10 });
    const res = await post('/v1/messages?beta=true', { model: 'claude-x', stream: true, tools: TOOLS, messages: [{ role: 'user', content: 'hi' }] });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    for (const e of events) expect(e.event).toBe(e.data.type);
    const types = events.map((e) => e.event).filter((t) => t !== 'content_block_delta');
    expect(types).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop']);
    const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => (e.data.delta as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Hello there, this reply is long enough to arrive in pieces.');
    expect((events[0]?.data.message as { model: string }).model).toBe('claude-x');
    expect((events.at(-2)?.data.delta as { stop_reason: string }).stop_reason).toBe('end_turn');
    expect(server.requests[0]).toMatchObject({ kind: 'main', turnIndex: 0, path: '/v1/messages', query: 'beta=true' });
  });

  it('streams tool_use input as input_json_delta pieces that join to the input', async () => {
    const input = { command: 'echo hi > out.txt', description: 'Write hi to out.txt' };
    server = await createModelServer({ script: [{ content: [{ type: 'text', text: 'Running it.' }, { type: 'tool_use', id: 'toolu_x', name: 'Bash', input }] }] });
    const events = parseSse(await (await post('/v1/messages', { model: 'm', stream: true, tools: TOOLS, messages: [] })).text());
    const start = events.find((e) => e.event === 'content_block_start' && (e.data.content_block as { type: string }).type === 'tool_use');
    expect(start?.data).toMatchObject({ index: 1, content_block: { type: 'tool_use', id: 'toolu_x', name: 'Bash', input: {} } });
    const json = events
      .filter((e) => e.event === 'content_block_delta' && e.data.index === 1)
      .map((e) => (e.data.delta as { type: string; partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual(input);
    expect((events.at(-2)?.data.delta as { stop_reason: string }).stop_reason).toBe('tool_use');
  });

  it('answers non-streaming requests with one JSON message', async () => {
    server = await createModelServer({ script: [{ toolUse: { name: 'Write', input: { file_path: '/x', content: 'y' } } }] });
    const msg = (await (await post('/v1/messages', { model: 'm', tools: TOOLS, messages: [] })).json()) as Record<string, unknown>;
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'Write', input: { file_path: '/x', content: 'y' } }] });
    expect(String((msg.content as { id: string }[])[0]?.id)).toMatch(/^toolu_/);
  });

  it('plays turns in order to main requests only; side calls and the end of the script answer on their own', async () => {
    const seen: string[] = [];
    server = await createModelServer({
      script: [
        { text: 'one' },
        (req) => {
          seen.push(JSON.stringify(req.body?.messages));
          return { text: 'two' };
        },
      ],
    });
    const text = async (body: object): Promise<string> =>
      ((await (await post('/v1/messages', { model: 'm', ...body })).json()) as { content: { text: string }[] }).content[0]!.text;
    expect(await text({ tools: TOOLS, messages: [] })).toBe('one');
    // The CLI's title call: no tools, structured output.
    const title = await text({
      tools: [],
      messages: [{ role: 'user', content: '<session>hi</session>' }],
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } } },
    });
    expect(JSON.parse(title)).toEqual({ title: SIDE_TITLE });
    expect(await text({ tools: TOOLS, messages: [{ role: 'user', content: 'second' }] })).toBe('two');
    expect(await text({ tools: TOOLS, messages: [] })).toBe(EXHAUSTED_TEXT);
    expect(seen).toEqual([JSON.stringify([{ role: 'user', content: 'second' }])]);
    expect(server.requests.map((r) => r.kind)).toEqual(['main', 'side', 'main', 'main']);
    expect(server.mainRequests().map((r) => r.turnIndex)).toEqual([0, 1, 2]);
    expect(server.turnsPlayed).toBe(2);
  });

  it('holds a turn until its promise settles, and waitForRequest sees requests as they come', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server = await createModelServer({
      script: [
        async () => {
          await gate;
          return { text: 'released' };
        },
      ],
    });
    const pending = post('/v1/messages', { model: 'm', tools: TOOLS, messages: [] });
    const req = await server.waitForRequest((r) => r.kind === 'main', 5_000);
    expect(req.turnIndex).toBe(0);
    release();
    expect(((await (await pending).json()) as { content: { text: string }[] }).content[0]?.text).toBe('released');
    await expect(server.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(/no matching request/);
  });

  it('keeps errors thrown by function turns and answers them as API errors', async () => {
    server = await createModelServer({
      script: [
        () => {
          throw new Error('tool_result missing');
        },
        { error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } },
      ],
    });
    const first = await post('/v1/messages', { model: 'm', tools: TOOLS, messages: [] });
    expect(first.status).toBe(500);
    expect(((await first.json()) as { error: { message: string } }).error.message).toMatch(/tool_result missing/);
    expect(server.turnErrors).toHaveLength(1);
    const second = await post('/v1/messages', { model: 'm', tools: TOOLS, messages: [] });
    expect(second.status).toBe(529);
    expect(await second.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('answers the other endpoints harmlessly and records them', async () => {
    server = await createModelServer();
    expect(((await (await post('/v1/messages/count_tokens', { messages: [] })).json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/api/hello`, { method: 'HEAD' })).status).toBe(200);
    expect(((await (await fetch(`${server.url}/v1/models`)).json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    const unknown = await fetch(`${server.url}/api/claude_cli_feedback`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { type: string }).type).toBe('error');
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.kind}`)).toEqual([
      'POST /v1/messages/count_tokens other',
      'HEAD /api/hello other',
      'GET /v1/models other',
      'GET /api/claude_cli_feedback other',
    ]);
  });

  it('setScript restarts the script; appendScript extends it', async () => {
    server = await createModelServer({ script: [{ text: 'a' }] });
    const text = async (): Promise<string> =>
      ((await (await post('/v1/messages', { model: 'm', tools: TOOLS, messages: [] })).json()) as { content: { text: string }[] }).content[0]!.text;
    expect(await text()).toBe('a');
    server.appendScript({ text: 'b' });
    expect(await text()).toBe('b');
    server.setScript([{ text: 'c' }]);
    expect(await text()).toBe('c');
    expect(await text()).toBe(EXHAUSTED_TEXT);
  });
});
