import { analyseCommand, type CommandAnalysis, type SimpleCommand } from './command-analysis';
import { commandEffects, type CommandEffects } from './command-effects';
import { isAbsolutePath, resolvePlainPath, toAbsolute, type CwdSet, type PathTarget, type Workspace } from './paths';
import type { ApprovalRequest } from './types';

/**
 * Everything the builtin list and the policy rules look at, computed once per
 * request: the workspace, the analysed command with each simple command's
 * effects, and the tool's own paths.
 */

/** What kind of tool asks. Unknown tools are treated like writers: safer when they touch credentials. */
export type ToolKind = 'shell' | 'read' | 'write' | 'network' | 'other';

export interface CommandFacts {
  readonly cmd: SimpleCommand;
  readonly effects: CommandEffects;
}

export interface RequestFacts {
  readonly request: ApprovalRequest;
  readonly ws: Workspace;
  readonly cwds: CwdSet;
  readonly toolKind: ToolKind;
  /** Null when the request carries no command. */
  readonly analysis: CommandAnalysis | null;
  readonly commands: readonly CommandFacts[];
  /** request.paths, placed relative to the workspace. */
  readonly toolPaths: readonly PathTarget[];
}

const SHELL_TOOLS = new Set(['bash', 'shell', 'powershell', 'run_shell_command', 'exec_command', 'local_shell', 'terminal', 'command', 'cmd']);
const READ_TOOLS = new Set(['read', 'glob', 'grep', 'ls', 'notebookread', 'read_file', 'read_many_files', 'list_directory', 'search_file_content', 'view', 'todowrite', 'todoread']);
const WRITE_TOOLS = new Set(['edit', 'write', 'multiedit', 'notebookedit', 'write_file', 'replace', 'apply_patch', 'edit_file', 'create_file', 'str_replace_editor', 'str_replace_based_edit_tool']);
const NETWORK_TOOLS = new Set(['webfetch', 'websearch', 'web_fetch', 'google_web_search', 'fetch']);

export function toolKind(tool: string | null, hasCommand: boolean): ToolKind {
  const t = (tool ?? '').toLowerCase();
  if (SHELL_TOOLS.has(t) || (t === '' && hasCommand)) return 'shell';
  if (READ_TOOLS.has(t)) return 'read';
  if (WRITE_TOOLS.has(t)) return 'write';
  if (NETWORK_TOOLS.has(t)) return 'network';
  return 'other';
}

export function workspaceOf(request: Pick<ApprovalRequest, 'platform' | 'workspaceRoot' | 'homeDir'>): Workspace {
  const abs = (p: string): string | null => (p !== '' && isAbsolutePath(request.platform, p) ? toAbsolute(request.platform, null, p) : null);
  return { platform: request.platform, root: abs(request.workspaceRoot), home: abs(request.homeDir) };
}

export function requestFacts(request: ApprovalRequest): RequestFacts {
  const ws = workspaceOf(request);
  // A relative cwd is read against the workspace root; none at all means the root.
  const cwd =
    request.cwd === ''
      ? ws.root
      : toAbsolute(request.platform, isAbsolutePath(request.platform, request.cwd) ? null : ws.root, request.cwd);
  const cwds: CwdSet = cwd === null ? { paths: [], unknown: true } : { paths: [cwd], unknown: false };
  const analysis = request.command === null ? null : analyseCommand(request.command, cwd, ws);
  const commands = (analysis?.commands ?? []).map((cmd) => ({ cmd, effects: commandEffects(cmd, ws) }));
  const toolPaths = request.paths.flatMap((p) => resolvePlainPath(p, cwds, ws));
  return { request, ws, cwds, toolKind: toolKind(request.tool, request.command !== null), analysis, commands, toolPaths };
}
