import type { DetailSpec, KeySource, MeaningRule, PromptSpec } from './rule-types';
import type { ScreenView } from './screen-view';
import type { OptionMeaning, PromptOption } from './types';

/**
 * Reads a prompt off the screen the way a rule describes it: the question (the lowest line
 * matching, so a stale copy higher up never wins), the options below it, the tool and its
 * detail (command or path), and the block of lines shown. Every loop is bounded by the
 * rule's region, so the work is O(rows).
 */

export interface Extracted {
  question: string;
  options: PromptOption[];
  tool: string | null;
  detail: string | null;
  body: string[];
  /** Rows used (question, options, anchors), for the debug view. */
  rows: number[];
}

export type Extraction = { ok: true; value: Extracted } | { ok: false; reason: string; partial: Extracted };

/** Longest body kept: a prompt with a huge diff still fits an approval card. */
export const MAX_BODY_LINES = 60;

/** Key names CLIs print as option hints, as the bytes a terminal sends for them. */
const NAMED_KEYS: Readonly<Record<string, string>> = { esc: '\x1b', escape: '\x1b', enter: '\r', return: '\r', tab: '\t', space: ' ' };

interface Span {
  from: number;
  to: number;
}

export function extractPrompt(spec: PromptSpec, view: ScreenView, regionRows: readonly number[]): Extraction {
  const span: Span = { from: regionRows[0] ?? 0, to: regionRows[regionRows.length - 1] ?? -1 };
  const empty: Extracted = { question: '', options: [], tool: null, detail: null, body: [], rows: [] };
  const q = spec.question ? lastMatch(spec.question, view, span) : null;
  if (!q) return { ok: false, reason: 'no line matches the question pattern', partial: { ...empty, body: tailBody(view, span) } };

  const questionText = (q.match.groups?.question ?? q.match[0]).trim();
  const blockStart = spec.start ? (lastMatch(spec.start, view, { from: span.from, to: q.row })?.row ?? span.from) : span.from;
  const rows = [q.row];

  let options: PromptOption[] = [];
  let blockEnd = q.row;
  const dropped: string[] = [];
  if (spec.kind === 'menu' && spec.option) {
    const menu = readMenu(spec, view, q.row + 1, span.to);
    options = menu.options;
    dropped.push(...menu.dropped);
    rows.push(...menu.rows);
    blockEnd = Math.max(blockEnd, ...menu.rows);
  } else if (spec.kind === 'yes_no') {
    const line = view.text[q.row]!;
    options = spec.fixed
      .filter((o) => o.when === null || o.when.test(line))
      .map((o) => ({ key: o.key, label: o.label, meaning: o.meaning }));
  }

  let tool: string | null = null;
  let detail: string | null = null;
  const block = { from: blockStart, to: blockEnd };
  for (const x of spec.extract) {
    const anchor = firstMatch(x.anchor, view, block);
    if (!anchor) continue;
    rows.push(anchor.row);
    tool ??= x.tool ?? (anchor.match.groups?.tool?.trim() || null);
    const inline = anchor.match.groups?.detail?.trim();
    if (inline) {
      // A command that starts on the anchor line may go on below it, up to `until`.
      const more = x.detail?.until ? readDetail({ ...x.detail, skipTo: null }, view, anchor.row, q.row, block, true) : null;
      detail = more ? `${inline}\n${more}` : inline;
    } else if (x.detail) {
      detail = readDetail(x.detail, view, anchor.row, q.row, block);
    }
    // An anchor whose detail is not where the rule expects it lets a later extractor try.
    if (detail !== null || !x.detail) break;
  }
  tool ??= q.match.groups?.tool?.trim() || null;
  detail ??= q.match.groups?.detail?.trim() || null;

  const value: Extracted = {
    question: questionText,
    options,
    tool,
    detail: detail || null,
    body: body(view, blockStart, blockEnd),
    rows,
  };
  if (spec.kind === 'text') return { ok: true, value };
  if (options.length < 2) {
    const why = dropped.length > 0 ? ` (no key for: ${dropped.join('; ')})` : '';
    return { ok: false, reason: `found ${options.length} option(s) under the question${why}`, partial: value };
  }
  if (!options.some((o) => o.meaning === 'approve' || o.meaning === 'approve_always')) {
    return { ok: false, reason: 'no option means approve', partial: value };
  }
  if (!options.some((o) => o.meaning === 'deny')) return { ok: false, reason: 'no option means deny', partial: value };
  if (spec.requireDetail && value.detail === null) {
    return { ok: false, reason: 'the command or path could not be read, so a policy could not judge it', partial: value };
  }
  return { ok: true, value };
}

function readMenu(spec: PromptSpec, view: ScreenView, from: number, to: number) {
  const options: PromptOption[] = [];
  const rows: number[] = [];
  const dropped: string[] = [];
  const hasMarker = spec.option!.source.includes('(?<marker>');
  let current: { label: string; match: RegExpExecArray; labelColumn: number } | null = null;
  const flush = () => {
    if (!current) return;
    const key = keyFor(spec.keys, current.match.groups ?? {});
    const label = current.label.trim();
    if (key === null) dropped.push(label);
    else {
      const option: PromptOption = { key, label, meaning: meaningOf(spec.meanings, label) };
      if (hasMarker) option.selected = Boolean(current.match.groups?.marker?.trim());
      options.push(option);
    }
    current = null;
  };
  for (let row = from; row <= to; row++) {
    const line = view.text[row]!;
    const m = spec.option!.exec(line);
    if (m) {
      flush();
      current = { label: m.groups?.label ?? '', match: m, labelColumn: m.indices?.groups?.label?.[0] ?? 0 };
      rows.push(row);
      continue;
    }
    if (!current && rows.length === 0) continue; // lines between the question and the first option
    if (line.trim() === '' || !current) break;
    // A long label wraps onto lines indented to where the label starts.
    if (indentOf(line) >= current.labelColumn && current.labelColumn > 0) {
      current.label += ` ${line.trim()}`;
      rows.push(row);
      continue;
    }
    break;
  }
  flush();
  return { options, rows, dropped };
}

function keyFor(sources: readonly KeySource[], groups: Record<string, string | undefined>): string | null {
  for (const source of sources) {
    const value = groups[source]?.trim();
    if (!value) continue;
    if (source === 'number') return value;
    const named = NAMED_KEYS[value.toLowerCase()];
    if (named) return named;
    if ([...value].length === 1) return value;
  }
  return null;
}

function meaningOf(meanings: readonly MeaningRule[], label: string): OptionMeaning {
  return meanings.find((m) => m.label.test(label))?.meaning ?? 'other';
}

function readDetail(spec: DetailSpec, view: ScreenView, anchorRow: number, questionRow: number, block: Span, continuation = false): string | null {
  const lines: string[] = [];
  if (spec.from === 'above') {
    let row = anchorRow - 1;
    while (row >= block.from && view.text[row]!.trim() === '') row--;
    for (; row >= block.from; row--) {
      const line = view.text[row]!;
      if (line.trim() === '' || spec.until?.test(line)) break;
      lines.unshift(line);
    }
  } else {
    // Reading down from an anchor above the question stops at the question.
    const limit = anchorRow < questionRow ? questionRow - 1 : block.to;
    let row = anchorRow + 1;
    if (spec.skipTo) {
      while (row <= limit && !spec.skipTo.test(view.text[row]!)) row++;
      if (row > limit) return null;
      row++;
    }
    if (!continuation) while (row <= limit && view.text[row]!.trim() === '') row++;
    for (; row <= limit; row++) {
      const line = view.text[row]!;
      if (spec.until ? spec.until.test(line) : lines.length > 0) break;
      lines.push(line);
    }
  }
  const values = lines
    .map((line) => {
      if (!spec.pattern) return line.trim();
      const m = spec.pattern.exec(line);
      return m ? (m.groups?.detail ?? m[0]).trim() : '';
    })
    .filter((v, i, all) => v !== '' || (i > 0 && i < all.length - 1));
  return values.length > 0 ? values.join('\n').trim() || null : null;
}

function lastMatch(re: RegExp, view: ScreenView, span: Span) {
  for (let row = span.to; row >= span.from; row--) {
    const match = re.exec(view.text[row]!);
    if (match) return { row, match };
  }
  return null;
}

function firstMatch(re: RegExp, view: ScreenView, span: Span) {
  for (let row = span.from; row <= span.to; row++) {
    const match = re.exec(view.text[row]!);
    if (match) return { row, match };
  }
  return null;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function body(view: ScreenView, from: number, to: number): string[] {
  let start = from;
  let end = to;
  while (start <= end && view.raw[start]!.trim() === '') start++;
  while (end >= start && view.raw[end]!.trim() === '') end--;
  if (end - start + 1 > MAX_BODY_LINES) start = end - MAX_BODY_LINES + 1;
  return view.raw.slice(start, end + 1);
}

/** The lines a text prompt shows when no question line could be found: the region's end. */
export const TEXT_BODY_LINES = 12;

export function tailBody(view: ScreenView, span: Span): string[] {
  return body(view, Math.max(span.from, span.to - TEXT_BODY_LINES + 1), span.to);
}
