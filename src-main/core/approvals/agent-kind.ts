import type { SessionRecord } from '../ports/store';

const KNOWN = ['claude', 'codex', 'gemini', 'aider'] as const;

/**
 * Which CLI a session runs, for screen rules, hooks and the policy: the
 * profile says so for Claude Code and the demo agent; a custom command is
 * recognised by its program name (codex, gemini, aider…), else 'custom'.
 */
export function agentKind(rec: Pick<SessionRecord, 'profileId' | 'command'>): string {
  if (rec.profileId === 'claude' || rec.profileId === 'demo' || rec.profileId === 'shell') return rec.profileId;
  const base = rec.command.split(/[\\/]/).pop()?.toLowerCase().replace(/\.(exe|cmd|bat|ps1)$/, '') ?? '';
  return KNOWN.find((k) => base === k || base.startsWith(`${k}-`)) ?? 'custom';
}
