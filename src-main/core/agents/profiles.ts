import type { ProfileId, ProfileInfo } from '../../../src-preload/contract/session';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { Platform } from '../ports/platform';

/** What a profile needs to know about the machine to build a command line. */
export interface ProfileContext {
  platform: Platform;
  /** The environment sessions inherit (the app's own, minus its secrets). */
  env: Record<string, string | undefined>;
  /** Folder holding the app's package.json (node_modules/.bin lives there). */
  appRoot: string;
  /** How to run a Node script: Node itself, or Electron with ELECTRON_RUN_AS_NODE. */
  nodeRuntime: { command: string; env: Record<string, string> };
  /** Absolute path of resources/demo-agent/demo-agent.mjs. */
  demoAgentPath: string;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface AgentProfile {
  readonly id: ProfileId;
  readonly label: string;
  readonly description: string;
  readonly needsCommand: boolean;
  /** Where the executable is, or why it cannot run here. */
  locate(ctx: ProfileContext): Result<string>;
  launch(ctx: ProfileContext, custom: { command?: string; args: readonly string[] }): Result<LaunchSpec>;
}

function localBin(ctx: ProfileContext, name: string): string {
  const file = ctx.platform.os === 'win32' ? `${name}.cmd` : name;
  return ctx.platform.joinPath(ctx.appRoot, 'node_modules', '.bin', file);
}

export const claudeProfile: AgentProfile = {
  id: 'claude',
  label: 'Claude Code',
  description: 'Anthropic’s Claude Code CLI (claude)',
  needsCommand: false,
  locate(ctx) {
    // The person's own install wins (it is the version they keep updated); the project's copy is the fallback.
    const found = ctx.platform.which('claude', ctx.env) ?? ctx.platform.which(localBin(ctx, 'claude'), ctx.env);
    return found
      ? ok(found)
      : err('command_not_found', 'Claude Code (claude) was not found on PATH. Install it with: npm install -g @anthropic-ai/claude-code');
  },
  launch(ctx, custom) {
    const located = this.locate(ctx);
    if (!located.ok) return located;
    return ok({ command: located.value, args: [...custom.args], env: {} });
  },
};

export const shellProfile: AgentProfile = {
  id: 'shell',
  label: 'Shell',
  description: 'Your default shell',
  needsCommand: false,
  locate(ctx) {
    return ok(ctx.platform.defaultShell(ctx.env).command);
  },
  launch(ctx, custom) {
    const shell = ctx.platform.defaultShell(ctx.env);
    return ok({ command: shell.command, args: custom.args.length > 0 ? [...custom.args] : shell.args, env: {} });
  },
};

export const demoProfile: AgentProfile = {
  id: 'demo',
  label: 'Demo agent',
  description: 'A built-in agent that behaves like a coding agent (no account needed)',
  needsCommand: false,
  locate(ctx) {
    return ok(ctx.demoAgentPath);
  },
  launch(ctx, custom) {
    return ok({
      command: ctx.nodeRuntime.command,
      args: [ctx.demoAgentPath, ...custom.args],
      env: { ...ctx.nodeRuntime.env },
    });
  },
};

export const customProfile: AgentProfile = {
  id: 'custom',
  label: 'Custom command',
  description: 'Any command-line program (Codex, Gemini, Aider, …)',
  needsCommand: true,
  locate() {
    return ok('any command on PATH');
  },
  launch(ctx, custom) {
    if (!custom.command) return err('bad_input', 'A custom session needs a command.');
    const found = ctx.platform.which(custom.command, ctx.env);
    if (!found) return err('command_not_found', `The command "${custom.command}" was not found (checked PATH and the path as given).`);
    return ok({ command: found, args: [...custom.args], env: {} });
  },
};

export const PROFILES: readonly AgentProfile[] = [claudeProfile, shellProfile, demoProfile, customProfile];

export function findProfile(id: ProfileId): AgentProfile {
  const p = PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown profile ${id}`); // the contract's enum makes this a bug
  return p;
}

export function describeProfiles(ctx: ProfileContext): ProfileInfo[] {
  return PROFILES.map((p) => {
    const located = p.locate(ctx);
    return {
      id: p.id,
      label: p.label,
      description: p.description,
      available: located.ok,
      detail: located.ok ? located.value : located.error.message,
      needsCommand: p.needsCommand,
    };
  });
}

/** Variables the app itself uses and must never leak into an agent's environment. */
const PRIVATE_ENV = /^(DUAL_ORCH_TOKEN|DUAL_ORCH_SECRET|ELECTRON_RUN_AS_NODE)$/;

/**
 * The environment a session starts with: inherited, then terminal facts,
 * then the profile's, then the person's own (theirs wins).
 */
export function buildSessionEnv(
  os: Platform['os'],
  inherited: Record<string, string | undefined>,
  profileEnv: Record<string, string>,
  userEnv: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inherited)) if (v !== undefined && !PRIVATE_ENV.test(k)) env[k] = v;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'DualOrchestrator';
  // UTF-8 everywhere (DESIGN.md §10): GUI-launched apps on macOS often have no LANG at all.
  if (os !== 'win32' && !/UTF-?8/i.test(env.LC_ALL ?? env.LC_CTYPE ?? env.LANG ?? '')) env.LANG = 'en_US.UTF-8';
  return { ...env, ...profileEnv, ...userEnv };
}

/**
 * The command line to start an existing session again. The demo agent runs
 * on whichever runtime hosts the app now (Node in browser mode, Electron as
 * Node on the desktop), so its runtime is re-resolved; others reuse the record.
 */
export function relaunchSpec(ctx: ProfileContext, rec: { profileId: ProfileId; command: string; args: readonly string[] }): LaunchSpec {
  if (rec.profileId === 'demo') return { command: ctx.nodeRuntime.command, args: [...rec.args], env: { ...ctx.nodeRuntime.env } };
  return { command: rec.command, args: [...rec.args], env: {} };
}
