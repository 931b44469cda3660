import type { Terminal } from '@xterm/xterm';

/** Plain text of the live screen (whatever the scroll position), lines right-trimmed. */
export function screenText(term: Terminal): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.baseY + y)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/** Plain text of scrollback + screen, lines right-trimmed. */
export function bufferText(term: Terminal): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buf.length; y++) lines.push(buf.getLine(y)?.translateToString(true) ?? '');
  return lines.join('\n');
}
