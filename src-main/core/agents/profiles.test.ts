import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../src-preload/contract/result';
import type { Platform } from '../ports/platform';
import { buildSessionEnv, customProfile, demoProfile, describeProfiles, shellProfile, type ProfileContext } from './profiles';

function ctx(overrides: Partial<Platform> = {}, onPath: Record<string, string> = {}): ProfileContext {
  const platform: Platform = {
    os: 'linux',
    checkWorkingDir: (p) => ok(p),
    ensureDir: (p) => ok(p),
    which: (c) => onPath[c] ?? null,
    defaultShell: () => ({ command: '/bin/zsh', args: ['-l'] }),
    writePrivateFile: (p) => ok(p),
    joinPath: (...p) => p.join('/'),
    resolvePath: (...p) => p.join('/'),
    ...overrides,
  };
  return {
    platform,
    env: { PATH: '/usr/bin' },
    appRoot: '/app',
    nodeRuntime: { command: '/usr/bin/node', env: {} },
    demoAgentPath: '/app/resources/demo-agent/demo-agent.mjs',
  };
}

describe('agent profiles', () => {
  it('reports Claude Code as unavailable with an install hint when it is not on PATH', () => {
    const claude = describeProfiles(ctx()).find((p) => p.id === 'claude')!;
    expect(claude.available).toBe(false);
    expect(claude.detail).toMatch(/npm install -g @anthropic-ai\/claude-code/);
  });

  it('finds Claude Code in the project dependencies when not on PATH', () => {
    const claude = describeProfiles(ctx({}, { '/app/node_modules/.bin/claude': '/app/node_modules/.bin/claude' })).find((p) => p.id === 'claude')!;
    expect(claude.available).toBe(true);
    expect(claude.detail).toBe('/app/node_modules/.bin/claude');
  });

  it('runs the demo agent with the node runtime', () => {
    const c = ctx();
    c.nodeRuntime = { command: '/opt/Electron', env: { ELECTRON_RUN_AS_NODE: '1' } };
    const r = demoProfile.launch(c, { args: ['--speed', '2'] });
    expect(r).toEqual(ok({ command: '/opt/Electron', args: [c.demoAgentPath, '--speed', '2'], env: { ELECTRON_RUN_AS_NODE: '1' } }));
  });

  it('uses the default shell and its login arguments', () => {
    expect(shellProfile.launch(ctx(), { args: [] })).toEqual(ok({ command: '/bin/zsh', args: ['-l'], env: {} }));
  });

  it('refuses a custom command that does not exist', () => {
    const r = customProfile.launch(ctx(), { command: 'no-such-tool', args: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('command_not_found');
    expect(customProfile.launch(ctx({}, { aider: '/usr/bin/aider' }), { command: 'aider', args: ['--yes'] })).toEqual(
      ok({ command: '/usr/bin/aider', args: ['--yes'], env: {} }),
    );
    expect(customProfile.launch(ctx(), { args: [] })).toEqual(err('bad_input', 'A custom session needs a command.'));
  });

  it('builds a UTF-8 environment without the app’s secrets, the person’s variables winning', () => {
    const env = buildSessionEnv('linux', { PATH: '/bin', DUAL_ORCH_TOKEN: 'secret', LANG: 'C' }, { A: 'profile' }, { A: 'user', B: 'x' });
    expect(env.DUAL_ORCH_TOKEN).toBeUndefined();
    expect(env.LANG).toBe('en_US.UTF-8');
    expect(env.TERM).toBe('xterm-256color');
    expect(env.A).toBe('user');
    expect(env.B).toBe('x');
    expect(buildSessionEnv('linux', { LANG: 'de_DE.UTF-8' }, {}, {}).LANG).toBe('de_DE.UTF-8');
  });
});
