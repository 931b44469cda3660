import { promptFingerprint } from './fingerprint';
import { extractPrompt, tailBody, type Extracted } from './prompt-extract';
import type { Condition, Rule, RuleSet } from './rule-types';
import { screenView, type ScreenView } from './screen-view';
import type { Classification, DetectedPrompt, ScreenSnapshot } from './types';

/**
 * Classifies one screen with one agent's rules (DESIGN.md §4.2). Rules run in file order
 * and the first whose conditions hold decides. It runs on every screen change of every
 * session, so it is a plain loop over precompiled regexes and the rows each rule's region
 * names: O(rules × rows), no allocation beyond the answer.
 *
 * Safety: an approval rule whose prompt cannot be read completely (no question, fewer
 * than two options, no approve or no deny option, an option without a key) is answered as
 * `awaiting_input` with a `text` prompt and no options, so nothing can approve it by key.
 */
export function classifyScreen(rules: RuleSet, screen: ScreenSnapshot): Classification {
  const view = screenView(screen);
  for (const rule of rules.rules) {
    const matched = matchConditions(rule, view);
    if (matched) return decide(rules, rule, view, matched);
  }
  return { state: 'unknown', ruleId: null, rulesVersion: rules.version, agent: rules.agent, prompt: null, matchedLines: [] };
}

/** The rows that satisfied the rule's `all` and `any` conditions, or null when it does not match. */
function matchConditions(rule: Rule, view: ScreenView): number[] | null {
  const rows: number[] = [];
  for (const c of rule.all) {
    const row = lowestMatch(c, rule, view);
    if (row < 0) return null;
    rows.push(row);
  }
  if (rule.any.length > 0) {
    let found = -1;
    for (const c of rule.any) {
      found = lowestMatch(c, rule, view);
      if (found >= 0) break;
    }
    if (found < 0) return null;
    rows.push(found);
  }
  for (const c of rule.none) if (lowestMatch(c, rule, view) >= 0) return null;
  return rows;
}

function lowestMatch(c: Condition, rule: Rule, view: ScreenView): number {
  const rows = view.rows(c.region ?? rule.region);
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (c.re.test(view.text[row]!)) return row;
  }
  return -1;
}

function decide(rules: RuleSet, rule: Rule, view: ScreenView, matched: number[]): Classification {
  const base = { ruleId: rule.id, rulesVersion: rule.version, agent: rules.agent };
  if (rule.state === 'busy' || rule.state === 'idle') {
    return { ...base, state: rule.state, prompt: null, matchedLines: sorted(matched) };
  }
  const regionRows = view.rows(rule.region);
  if (!rule.prompt) {
    const last = regionRows[regionRows.length - 1] ?? view.cursorRow;
    const body = tailBody(view, { from: regionRows[0] ?? 0, to: last });
    return {
      ...base,
      state: 'awaiting_input',
      prompt: textPrompt(rules.agent, { question: lastLine(view, regionRows), options: [], tool: null, detail: null, body, rows: [last] }),
      matchedLines: sorted([...matched, last]),
    };
  }
  const extraction = extractPrompt(rule.prompt, view, regionRows);
  if (rule.state === 'awaiting_input') {
    // A question for a person: whatever could be read is shown, nothing is offered as a key.
    const x = extraction.ok ? extraction.value : extraction.partial;
    const question = x.question || lastLine(view, regionRows);
    return { ...base, state: 'awaiting_input', prompt: textPrompt(rules.agent, { ...x, question }), matchedLines: sorted([...matched, ...x.rows]) };
  }
  if (!extraction.ok) {
    const partial = extraction.partial;
    const question = partial.question || lastLine(view, regionRows);
    return {
      ...base,
      state: 'awaiting_input',
      prompt: textPrompt(rules.agent, { ...partial, question }),
      matchedLines: sorted([...matched, ...partial.rows]),
      reason: `${rule.id}: ${extraction.reason}; not approvable, shown as a question`,
    };
  }
  const x = extraction.value;
  const prompt: DetectedPrompt = {
    kind: rule.prompt.kind,
    question: x.question,
    options: x.options,
    tool: x.tool,
    detail: x.detail,
    body: x.body,
    fingerprint: promptFingerprint({ agent: rules.agent, ...x }),
  };
  return { ...base, state: 'awaiting_approval', prompt, matchedLines: sorted([...matched, ...x.rows]) };
}

/** A question nobody may answer by key: no options, whatever the screen offered. */
function textPrompt(agent: string, x: Extracted): DetectedPrompt {
  const prompt = { question: x.question, options: [], tool: x.tool, detail: x.detail };
  return { kind: 'text', ...prompt, body: x.body, fingerprint: promptFingerprint({ agent, ...prompt }) };
}

function lastLine(view: ScreenView, rows: readonly number[]): string {
  return view.text[rows[rows.length - 1] ?? view.cursorRow]?.trim() ?? '';
}

function sorted(rows: number[]): number[] {
  return [...new Set(rows)].sort((a, b) => a - b);
}
