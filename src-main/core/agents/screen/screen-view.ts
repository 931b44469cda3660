import type { Region } from './rule-types';
import type { ScreenSnapshot } from './types';

/**
 * The screen as rules read it. Box sides are taken off every row (`│ Bash command   │`
 * reads `Bash command`, keeping the indentation inside the box), so one pattern fits an
 * agent whether it draws its panel boxed or bare, at any width. Horizontal borders
 * (`╭───╮`, `────`) stay: they are useful anchors.
 */
export interface ScreenView {
  /** The rows as given (right-trimmed), for prompt bodies. */
  readonly raw: readonly string[];
  /** The rows rules match against: box sides removed, right-trimmed. */
  readonly text: readonly string[];
  readonly cursorRow: number;
  /** Row indices (top to bottom) a region covers. */
  rows(region: Region): readonly number[];
}

// A vertical box side at the start (with the one space of padding after it) or at the end.
const LEFT_SIDE = /^\s*[│┃║▌]\s?/u;
const RIGHT_SIDE = /\s*[│┃║]$/u;

export function unframe(line: string): string {
  return line.replace(LEFT_SIDE, '').replace(RIGHT_SIDE, '').trimEnd();
}

export function screenView(screen: ScreenSnapshot): ScreenView {
  const raw = screen.lines.map((l) => l.trimEnd());
  const text = raw.map(unframe);
  const cache = new Map<string, number[]>();
  const cursorRow = screen.cursor.y;
  return {
    raw,
    text,
    cursorRow,
    rows(region) {
      const key = region.kind === 'tail' ? `tail:${region.lines}` : region.kind;
      let rows = cache.get(key);
      if (!rows) {
        rows = regionRows(text, cursorRow, region);
        cache.set(key, rows);
      }
      return rows;
    },
  };
}

function regionRows(text: readonly string[], cursorRow: number, region: Region): number[] {
  switch (region.kind) {
    case 'screen':
      return text.map((_, i) => i);
    case 'cursor_line':
      return cursorRow >= 0 && cursorRow < text.length ? [cursorRow] : [];
    case 'tail': {
      const rows: number[] = [];
      for (let i = text.length - 1; i >= 0 && rows.length < region.lines; i--) {
        if (text[i]!.trim() !== '') rows.push(i);
      }
      return rows.reverse();
    }
  }
}
