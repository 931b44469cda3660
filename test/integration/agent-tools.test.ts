/**
 * Issue 7 end to end: the agent-tools channel of the real core (composeCore on
 * a free port). Sessions get DUAL_ORCH_AGENT_URL/TOKEN; the dorch CLI runs in
 * child processes as an agent would; the MCP server is driven by the SDK's
 * own client over stdio.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { AGENT_TOKEN_ENV, AGENT_URL_ENV } from '../../src-main/core/agent-tools/agent-launch';
import { AGENT_TOKEN_HEADER } from '../../src-main/core/agent-tools/agent-tokens';
import { REPO_ROOT } from '../fixtures/app-process';
import { prepareClaudeEnv } from '../fixtures/claude-env';
import { createModelServer } from '../fixtures/model-server';
import { waitFor } from '../fixtures/core-harness';
import { startTestCore, waitForScreen } from '../fixtures/test-core';

// A developer's real key must never reach the CLI under test (it would leave loopback).
delete process.env.ANTHROPIC_API_KEY;
delete process.env.CLAUDE_CONFIG_DIR;

const DORCH = join(REPO_ROOT, 'resources', 'cli', 'dorch.mjs');
const MCP_SERVER = join(REPO_ROOT, 'resources', 'mcp', 'orchestrator-mcp.mjs');

const cores: Core[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Agents first (a Claude session writes into its temp home until it is stopped), then the rest.
  for (const core of cores.splice(0)) await core.shutdown();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startCore(): Promise<Core> {
  const core = await startTestCore('dorch-agent-tools-');
  cores.push(core);
  return core;
}

interface Agent {
  id: string;
  env: Record<string, string>;
}

/** A live demo session and the channel env it was started with. */
async function demoSession(core: Core): Promise<Agent> {
  const created = core.sessions.create({ profileId: 'demo', role: 'worker', args: [], env: {}, cols: 80, rows: 24, approvalMode: 'manual' });
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.id;
  const token = core.agentTokens.tokenFor(id);
  if (!token) throw new Error('no agent token issued');
  return { id, env: { [AGENT_URL_ENV]: `http://127.0.0.1:${core.web.port}`, [AGENT_TOKEN_ENV]: token } };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function dorch(agent: Agent | Record<string, string>, ...args: string[]): Promise<Run> {
  const env = 'env' in agent ? (agent.env as Record<string, string>) : agent;
  return new Promise((resolve) => {
    execFile(process.execPath, [DORCH, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (e, stdout, stderr) => {
      const code = e ? (typeof e.code === 'number' ? e.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const post = (core: Core, tool: string, body: string, headers: Record<string, string>): Promise<Response> =>
  fetch(`http://127.0.0.1:${core.web.port}/agent/tools/${tool}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const holder = (core: Core, resource: string): { owner: string; token: number } | null => {
  const q = core.locks.query({ resource });
  if (!q.ok) throw new Error(q.error.message);
  return q.value[0]?.lease ?? null;
};

describe('agent tools channel', () => {
  it('sessions get the URL and a per-session token in their environment', async () => {
    const core = await startCore();
    const a = await demoSession(core);
    const b = await demoSession(core);
    expect(a.env[AGENT_TOKEN_ENV]).not.toBe(b.env[AGENT_TOKEN_ENV]);
    // The token is not inherited from the app's env nor shared: it resolves to its own session only.
    expect(core.agentTokens.resolve(a.env[AGENT_TOKEN_ENV])).toBe(a.id);
    expect(core.agentTokens.resolve(b.env[AGENT_TOKEN_ENV])).toBe(b.id);
  });

  it('the CLI acquires, a second session times out, release hands the lease on with a higher token', async () => {
    const core = await startCore();
    const a = await demoSession(core);
    const b = await demoSession(core);

    const got = await dorch(a, 'lock', 'acquire', 'port:5173', '--ttl', '60000', '--json');
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    const lease = JSON.parse(got.stdout).value as { token: number; owner: string };
    expect(lease.owner).toBe(a.id);
    expect(holder(core, 'port:5173')).toMatchObject({ owner: a.id, token: lease.token });

    const waited = await dorch(b, 'lock', 'acquire', 'port:5173', '--wait', '200');
    expect(waited.code).toBe(1);
    expect(waited.stderr).toMatch(/conflict: Waited 200 ms for port:5173 without being served/);
    expect(holder(core, 'port:5173')?.owner).toBe(a.id);

    // b queues for up to 10 s; a releases meanwhile; b's acquire is served.
    const pending = dorch(b, 'lock', 'acquire', 'port:5173', '--wait', '10000', '--json');
    await waitFor('b queued', () => {
      const q = core.locks.query({ resource: 'port:5173' });
      return q.ok && q.value[0]?.waiters.some((w) => w.owner === b.id);
    });
    const released = await dorch(a, 'lock', 'release', 'port:5173', String(lease.token));
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(/released port:5173/);
    const served = await pending;
    expect(served.code).toBe(0);
    const second = JSON.parse(served.stdout).value as { token: number; owner: string };
    expect(second.owner).toBe(b.id);
    expect(second.token).toBeGreaterThan(lease.token);
    expect(holder(core, 'port:5173')).toMatchObject({ owner: b.id, token: second.token });

    // a's stale token no longer renews anything; query shows b.
    const stale = await dorch(a, 'lock', 'renew', 'port:5173', String(lease.token));
    expect(stale.code).toBe(1);
    const q = await dorch(a, 'lock', 'query');
    expect(q.stdout).toContain(`port:5173: held by ${b.id} (token ${second.token})`);

    core.store.events.flush();
    const calls = core.store.events.query({ limit: 500, types: ['agent_tool.called'] });
    expect(calls.length).toBeGreaterThanOrEqual(6);
    expect(calls.find((e) => e.sessionId === b.id && (e.data as { outcome: string }).outcome === 'conflict')?.data).toMatchObject({
      tool: 'lock_acquire',
      reason: 'wait_timeout',
    });
    expect(calls.every((e) => typeof e.correlationId === 'string')).toBe(true);
  });

  it('refuses bad tokens (401) and malformed calls (400, exit 2 in the CLI) without changing anything', async () => {
    const core = await startCore();
    const a = await demoSession(core);

    const noToken = await post(core, 'lock_acquire', JSON.stringify({ resource: 'r' }), {});
    expect(noToken.status).toBe(401);
    const wrong = await post(core, 'lock_acquire', JSON.stringify({ resource: 'r' }), { [AGENT_TOKEN_HEADER]: `${a.id}.nope` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const auth = { [AGENT_TOKEN_HEADER]: a.env[AGENT_TOKEN_ENV] as string };
    const badJson = await post(core, 'lock_acquire', '{"resource":', auth);
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const notObject = await post(core, 'lock_acquire', '[1,2]', auth);
    expect(notObject.status).toBe(400);

    // Schema failures are tool errors: 200 with a message the agent can act on.
    const badInput = await post(core, 'lock_acquire', JSON.stringify({ resource: '', ttlMs: 5 }), auth);
    expect(badInput.status).toBe(200);
    const body = (await badInput.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(body.error.message).toMatch(/ttlMs/);
    // Agents act only for themselves.
    const spoof = await post(core, 'lock_acquire', JSON.stringify({ resource: 'r', owner: 'someone-else' }), auth);
    expect(await spoof.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const unknown = await post(core, 'no_such_tool', '{}', auth);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const usage = await dorch(a, 'lock', 'acquire');
    expect(usage.code).toBe(2);
    const noEnv = await dorch({}, 'lock', 'query');
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toMatch(/DUAL_ORCH_AGENT_URL/);
    const badTokenCli = await dorch({ ...a.env, [AGENT_TOKEN_ENV]: 'x.y' }, 'lock', 'query');
    expect(badTokenCli.code).toBe(1);
    expect(badTokenCli.stderr).toMatch(/unauthorized/);

    const q = core.locks.query({});
    expect(q.ok && q.value).toEqual([]);
  });

  it('a restart issues a fresh token and the old one stops working', async () => {
    const core = await startCore();
    const a = await demoSession(core);
    const restarted = core.sessions.restart(a.id);
    expect(restarted.ok).toBe(true);
    await waitFor('the restarted process', () => {
      const rt = core.sessions.get(a.id);
      return rt.ok && rt.value.isLive && rt.value.record.restartCount === 1;
    });
    // Let the old process's exit handlers (and their microtasks) run.
    await new Promise((r) => setTimeout(r, 50));
    const fresh = core.agentTokens.tokenFor(a.id);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(a.env[AGENT_TOKEN_ENV]);
    expect((await dorch(a, 'lock', 'query')).stderr).toMatch(/unauthorized/);
    const now = await dorch({ ...a.env, [AGENT_TOKEN_ENV]: fresh as string }, 'lock', 'query');
    expect(now.code).toBe(0);
  });

  it('a session that ended loses its token', async () => {
    const core = await startCore();
    const a = await demoSession(core);
    expect((await dorch(a, 'lock', 'query')).code).toBe(0);
    core.sessions.kill(a.id);
    await waitFor('session ended', () => {
      const rt = core.sessions.get(a.id);
      return rt.ok && !rt.value.isLive && core.agentTokens.tokenFor(a.id) === null;
    });
    const after = await dorch(a, 'lock', 'query');
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/unauthorized/);
  });

  it('the MCP server lists the tools and lock_acquire returns the lease', async () => {
    const core = await startCore();
    const a = await demoSession(core);
    const transport = new StdioClientTransport({ command: process.execPath, args: [MCP_SERVER], env: { PATH: process.env.PATH ?? '', ...a.env }, stderr: 'pipe' });
    const client = new Client({ name: 'agent-tools-test', version: '0.0.0' });
    await client.connect(transport);
    cleanups.push(() => client.close());

    const { tools } = await client.listTools();
    // Every role has the lock tools; a worker also has its orchestration tools (issue 4).
    expect(tools.map((t) => t.name).filter((n) => n.startsWith('lock_')).sort()).toEqual(['lock_acquire', 'lock_query', 'lock_release', 'lock_renew']);
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['complete_task', 'fail_task', 'report_progress']));
    expect(tools.map((t) => t.name)).not.toContain('analysis_complete');
    const acquire = tools.find((t) => t.name === 'lock_acquire');
    expect(acquire?.inputSchema).toMatchObject({ type: 'object', required: ['resource'] });
    expect(Object.keys(acquire?.inputSchema.properties ?? {}).sort()).toEqual(['priority', 'resource', 'ttlMs', 'waitMs']);

    const r = await client.callTool({ name: 'lock_acquire', arguments: { resource: 'npm-cache', ttlMs: 5_000 } });
    expect(r.isError).toBeFalsy();
    const lease = JSON.parse((r.content as { type: string; text: string }[])[0]!.text) as { owner: string; token: number };
    expect(lease).toMatchObject({ owner: a.id, token: 1 });
    expect(holder(core, 'npm-cache')).toMatchObject({ owner: a.id, token: 1 });

    const again = await client.callTool({ name: 'lock_acquire', arguments: { resource: 'npm-cache', ttlMs: 1 } });
    expect(again.isError).toBe(true);
    expect((again.content as { text: string }[])[0]!.text).toMatch(/bad_input: Invalid input for lock_acquire/);
  });
});

describe('agent tools with the real Claude Code CLI', () => {
  it('Claude calls mcp__orch__lock_acquire; once approved, the lease is the Claude session\'s', async () => {
    const core = await startCore();
    const server = await createModelServer({
      script: [
        { toolUse: { id: 'toolu_lock', name: 'mcp__orch__lock_acquire', input: { resource: 'repo:claude-test', ttlMs: 60_000 } } },
        { text: 'Locked.' },
      ],
    });
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-agent-claude-')));
    const env = prepareClaudeEnv({ modelServerUrl: server.url, cwd });
    cleanups.push(async () => {
      await server.close();
      env.cleanup();
      rmSync(cwd, { recursive: true, force: true });
    });
    const created = core.sessions.create({ profileId: 'claude', role: 'worker', cwd, args: [], env: env.env, cols: 120, rows: 40, approvalMode: 'manual' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const mcpConfig = JSON.parse(readFileSync(join(core.info.dataDir, 'sessions', id, 'mcp-config.json'), 'utf8'));
    expect(mcpConfig.mcpServers.orch).toMatchObject({ type: 'stdio', alwaysLoad: true, args: [MCP_SERVER] });

    const events = (type: string) => core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === type);
    // MCP servers connect in the background: a prompt sent before tools/list goes out without our tools.
    await waitFor('the MCP server listing its tools', () => events('agent_tool.listed').length > 0, 30_000);
    const waitScreen = (what: string, re: RegExp): Promise<void> => waitForScreen(core, id, re, what);
    await waitScreen('the input prompt', /manual mode on|\? for shortcuts/);
    // Text and Enter in one write read as a paste: type, wait for the echo, then Enter.
    core.sessions.input(id, 'take the lock');
    await waitScreen('the typed text', /take the lock/);
    core.sessions.input(id, '\r');

    const main = await server.waitForRequest((r) => r.kind === 'main', 30_000);
    const toolNames = ((main.body as { tools?: { name: string }[] }).tools ?? []).map((t) => t.name);
    expect(toolNames).toEqual(expect.arrayContaining(['mcp__orch__lock_acquire', 'mcp__orch__lock_release', 'mcp__orch__lock_renew', 'mcp__orch__lock_query']));

    const pending = await waitFor('the MCP call to ask for approval', () => core.approvals.list().find((a) => a.sessionId === id), 30_000);
    expect(pending.tool).toBe('mcp__orch__lock_acquire');
    expect((await core.approvals.decide(pending.id, 'approve')).ok).toBe(true);

    const after = await server.waitForRequest((r) => JSON.stringify(r.body ?? {}).includes('toolu_lock') && JSON.stringify(r.body).includes('tool_result'), 30_000);
    expect(JSON.stringify(after.body)).toContain(id);
    expect(holder(core, 'repo:claude-test')).toMatchObject({ owner: id, token: 1 });
    const called = events('agent_tool.called');
    expect(called.map((e) => e.data)).toEqual([expect.objectContaining({ tool: 'lock_acquire', outcome: 'ok' })]);
    expect(server.turnErrors).toEqual([]);
  }, 120_000);
});
