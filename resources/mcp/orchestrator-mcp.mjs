#!/usr/bin/env node
// The orchestrator's MCP server for agents (stdio). The tools are the core's agent-tools
// registry: listed from GET /agent/tools (names, descriptions, JSON Schemas for this session's
// role) and called through POST /agent/tools/:tool, so a tool added to the core needs no change
// here. Runs under Node or Electron-as-Node; reads DUAL_ORCH_AGENT_URL / DUAL_ORCH_AGENT_TOKEN.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { agentEnv, callTool, listTools } from '../cli/agent-client.mjs';

const conn = agentEnv();
if (conn.error) {
  // stdout is the protocol: say it on stderr (Claude shows it in /mcp) and stop.
  process.stderr.write(`orchestrator-mcp: ${conn.error}\n`);
  process.exit(2);
}

const server = new Server({ name: 'dual-orchestrator', version: '1.0.0' }, { capabilities: { tools: { listChanged: false } } });

const text = (t) => [{ type: 'text', text: t }];

server.setRequestHandler(ListToolsRequestSchema, async () => {
  const r = await listTools(conn);
  // A listing failure is a protocol error: the client shows it instead of an empty tool list.
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return { tools: r.value.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })) };
});

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const r = await callTool(conn, req.params.name, req.params.arguments ?? {});
  if (r.ok) return { content: text(JSON.stringify(r.value, null, 2)) };
  const reason = r.error.details && typeof r.error.details === 'object' && typeof r.error.details.reason === 'string' ? ` (${r.error.details.reason})` : '';
  return { isError: true, content: text(`${r.error.code}${reason}: ${r.error.message}`) };
});

await server.connect(new StdioServerTransport());
