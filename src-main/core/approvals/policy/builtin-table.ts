import { BUILTIN_ENTRIES, type BuiltinExample } from './builtin-deny';

/**
 * The builtin list as a Markdown table, for docs/safety-policy.md (between
 * the builtin-list markers). A test fails when the doc and the code differ.
 */

export const BUILTIN_TABLE_START = '<!-- builtin-list:start (generated from builtin-deny.ts; the test prints it) -->';
export const BUILTIN_TABLE_END = '<!-- builtin-list:end -->';

export function builtinMarkdownTable(): string {
  const rows = BUILTIN_ENTRIES.map((e) => `| \`${e.id}\` | ${e.severity} | ${cell(e.reason)} | ${e.examples.map(exampleCell).join('<br>')} |`);
  return ['| id | in policy/judge mode | reason | examples |', '|---|---|---|---|', ...rows].join('\n');
}

function exampleCell(ex: BuiltinExample): string {
  const what = ex.command ?? `${ex.tool ?? 'tool'} ${(ex.paths ?? []).join(' ')}`;
  const where = ex.platform === 'win32' ? ' (Windows)' : '';
  return `\`${cell(what)}\`${where}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
