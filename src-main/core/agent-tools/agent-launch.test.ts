import { describe, expect, it } from 'vitest';
import { ok } from '../../../src-preload/contract/result';
import type { SessionRecord } from '../ports/store';
import { AGENT_CLI_ENV, AGENT_TOKEN_ENV, AGENT_URL_ENV, decorateForAgentTools, type AgentLaunchDeps } from './agent-launch';
import { AgentTokens } from './agent-tokens';

function setup(url: string | null = 'http://127.0.0.1:4000') {
  const files = new Map<string, string>();
  const tokens = new AgentTokens();
  const deps: AgentLaunchDeps = {
    platform: { joinPath: (...p) => p.join('/'), writePrivateFile: (path, text) => (files.set(path, text), ok(path)) },
    tokens,
    sessionsDir: '/data/sessions',
    agentBaseUrl: () => url,
    mcpServerPath: '/app/resources/mcp/orchestrator-mcp.mjs',
    cliPath: '/app/resources/cli/dorch.mjs',
    nodeRuntime: { command: '/opt/app/electron', env: { ELECTRON_RUN_AS_NODE: '1' } },
  };
  return { deps, files, tokens };
}

const rec = (profileId: SessionRecord['profileId']): SessionRecord => ({ id: 's_abcdef', profileId }) as SessionRecord;
const spec = { command: 'x', args: ['--settings', 'f', 'prompt'], env: { PATH: '/bin' } };

describe('agent-tools launch decoration', () => {
  it('gives every profile the URL and a fresh token after the built env', () => {
    const { deps, tokens, files } = setup();
    const r = decorateForAgentTools(deps, rec('demo'), spec);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.env).toEqual({ PATH: '/bin', [AGENT_URL_ENV]: 'http://127.0.0.1:4000', [AGENT_TOKEN_ENV]: tokens.tokenFor('s_abcdef'), [AGENT_CLI_ENV]: '/app/resources/cli/dorch.mjs' });
    expect(r.value.args).toEqual(spec.args);
    expect(files.size).toBe(0);
  });

  it('writes Claude an MCP config (runtime env, alwaysLoad) and passes --mcp-config first', () => {
    const { deps, tokens, files } = setup();
    const r = decorateForAgentTools(deps, rec('claude'), spec);
    if (!r.ok) throw new Error(r.error.message);
    const file = '/data/sessions/s_abcdef/mcp-config.json';
    expect(r.value.args).toEqual(['--mcp-config', file, ...spec.args]);
    expect(JSON.parse(files.get(file) ?? '{}')).toEqual({
      mcpServers: {
        orch: {
          type: 'stdio',
          command: '/opt/app/electron',
          args: ['/app/resources/mcp/orchestrator-mcp.mjs'],
          env: { ELECTRON_RUN_AS_NODE: '1', [AGENT_URL_ENV]: 'http://127.0.0.1:4000', [AGENT_TOKEN_ENV]: tokens.tokenFor('s_abcdef') },
          alwaysLoad: true,
        },
      },
    });
  });

  it('refuses to start before the server listens', () => {
    const { deps } = setup(null);
    expect(decorateForAgentTools(deps, rec('demo'), spec)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
