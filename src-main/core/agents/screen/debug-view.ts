import type { RuleSet } from './rule-types';
import type { Classification, ScreenSnapshot } from './types';

/**
 * The classifier's answer as text for people: which rule decided (file, line, version),
 * the prompt it read, and the screen with the rows the rule used marked `▶`. For logs,
 * the session's debug panel and bug reports when a CLI changes its wording.
 */
export function explainClassification(rules: RuleSet, screen: ScreenSnapshot, c: Classification): string[] {
  const rule = c.ruleId ? rules.rules.find((r) => r.id === c.ruleId) : undefined;
  const out = [
    rule
      ? `${c.state} ← ${rule.id} (${rule.file}:${rule.line}, v${rule.version}): ${rule.description}`
      : `${c.state} ← no rule matched (${rules.files.join(', ')}, v${rules.version})`,
  ];
  if (c.reason) out.push(`  note: ${c.reason}`);
  if (c.prompt) {
    const p = c.prompt;
    out.push(`  ${p.kind}: ${p.question}`, `  tool: ${p.tool ?? '-'}  detail: ${p.detail === null ? '-' : JSON.stringify(p.detail)}`);
    for (const o of p.options) out.push(`  ${o.selected ? '❯' : ' '} ${JSON.stringify(o.key).padEnd(8)} ${o.meaning.padEnd(14)} ${o.label}`);
    out.push(`  fingerprint: ${p.fingerprint}`);
  }
  const marked = new Set(c.matchedLines);
  const width = String(screen.lines.length).length;
  screen.lines.forEach((line, row) => {
    if (line === '' && !marked.has(row)) return;
    const cursor = row === screen.cursor.y ? '_' : ' ';
    out.push(`${String(row).padStart(width)} ${marked.has(row) ? '▶' : ' '}${cursor}${line}`);
  });
  return out;
}
