import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * Maps a path into the parsed data (['rules', 2, 'decision']) back to the
 * line and column in the YAML text, so a person can go straight to the
 * mistake. When the path does not exist (a missing field) the closest
 * existing parent is named.
 */

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export function positionOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[], unknownKey?: string): Position {
  let node: unknown = doc.contents;
  let best: Node | null = isNode(node) ? node : null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
      if (pair === undefined) break;
      node = pair.value;
      best = isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : best;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      if (isNode(item)) best = item;
    } else break;
  }
  if (unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === unknownKey);
    if (pair !== undefined && isNode(pair.key)) best = pair.key;
  }
  return at(lc, best?.range?.[0] ?? 0);
}

export function at(lc: LineCounter, offset: number): Position {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

/** The 1-based line of each item of a top-level sequence (e.g. each rule). */
export function itemLines(doc: Document, lc: LineCounter, key: string): number[] {
  const seq = isMap(doc.contents) ? doc.contents.get(key, true) : null;
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => (isNode(item) && item.range ? at(lc, item.range[0]).line : 1));
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'range' in x;
}
