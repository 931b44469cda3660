import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { LaunchSpec, ProfileContext } from '../agents/profiles';
import type { Platform } from '../ports/platform';
import type { SessionRecord } from '../ports/store';
import type { AgentTokens } from './agent-tokens';

/** Where an agent's tools reach the core (loopback base URL, no path). */
export const AGENT_URL_ENV = 'DUAL_ORCH_AGENT_URL';
/** The session's agent token; sent back in the x-dual-orch-agent header. */
export const AGENT_TOKEN_ENV = 'DUAL_ORCH_AGENT_TOKEN';
/** Absolute path of the dorch CLI, for agents without MCP: `node "$DUAL_ORCH_CLI" lock acquire …`. */
export const AGENT_CLI_ENV = 'DUAL_ORCH_CLI';
/** Name of our MCP server in Claude's config: its tools appear as `mcp__orch__<tool>`. */
export const MCP_SERVER_NAME = 'orch';
export const MCP_CONFIG_FILE = 'mcp-config.json';

export interface AgentLaunchDeps {
  platform: Pick<Platform, 'joinPath' | 'writePrivateFile'>;
  tokens: AgentTokens;
  /** <data>/sessions: one folder per session. */
  sessionsDir: string;
  /** Loopback base URL of the server, known once it listens. */
  agentBaseUrl(): string | null;
  /** Absolute path of resources/mcp/orchestrator-mcp.mjs. */
  mcpServerPath: string;
  /** Absolute path of resources/cli/dorch.mjs. */
  cliPath: string;
  /** How to run Node scripts (Electron-as-Node under Electron). */
  nodeRuntime: ProfileContext['nodeRuntime'];
}

/** Claude's --mcp-config for our server; alwaysLoad keeps the tools out of ToolSearch (model-server README §5). */
export function claudeMcpConfig(d: Pick<AgentLaunchDeps, 'mcpServerPath' | 'nodeRuntime'>, url: string, token: string): object {
  return {
    mcpServers: {
      [MCP_SERVER_NAME]: {
        type: 'stdio',
        command: d.nodeRuntime.command,
        args: [d.mcpServerPath],
        env: { ...d.nodeRuntime.env, [AGENT_URL_ENV]: url, [AGENT_TOKEN_ENV]: token },
        alwaysLoad: true,
      },
    },
  };
}

/**
 * Gives every session the agent-tools channel: a fresh token and the URL in
 * its environment (added after buildSessionEnv, which strips the app's own
 * secrets from what sessions inherit), and for Claude an MCP config file.
 */
export function decorateForAgentTools(d: AgentLaunchDeps, rec: SessionRecord, spec: LaunchSpec): Result<LaunchSpec> {
  const url = d.agentBaseUrl();
  if (!url) return err('unavailable', 'The agent-tools server is not listening yet.');
  const token = d.tokens.issue(rec.id);
  const env = { ...spec.env, [AGENT_URL_ENV]: url, [AGENT_TOKEN_ENV]: token, [AGENT_CLI_ENV]: d.cliPath };
  if (rec.profileId !== 'claude') return ok({ ...spec, env });
  const file = d.platform.joinPath(d.sessionsDir, rec.id, MCP_CONFIG_FILE);
  // The file holds the token: private, like the hook settings.
  const written = d.platform.writePrivateFile(file, JSON.stringify(claudeMcpConfig(d, url, token), null, 2));
  if (!written.ok) {
    d.tokens.revoke(rec.id);
    return written;
  }
  // First, before other options: --mcp-config takes several values and stops at the next option.
  // A person's own --mcp-config further on still adds its servers.
  return ok({ ...spec, env, args: ['--mcp-config', file, ...spec.args] });
}
