import type { IssueKind, Severity } from '../../../src-preload/contract/health';

/**
 * Error patterns the monitor looks for on a session's screen and in its hook
 * payloads (MISSION.md: "error patterns"). Data, not code: one row per
 * pattern, so a new CLI's wording is one line here. Matched against the
 * rendered screen text (ANSI already gone), never raw bytes.
 */
export interface ErrorPattern {
  readonly id: string;
  readonly kind: IssueKind;
  readonly severity: Severity;
  readonly re: RegExp;
  /** What the person reads. */
  readonly label: string;
}

export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  { id: 'http-429', kind: 'rate_limited', severity: 'medium', re: /API Error:?\s*429\b|rate_limit_error/i, label: 'rate limit (HTTP 429)' },
  { id: 'usage-limit', kind: 'rate_limited', severity: 'medium', re: /usage limit reached|limit will reset at/i, label: 'usage limit reached' },
  { id: 'invalid-key', kind: 'auth_failed', severity: 'high', re: /Invalid API key|Please run \/login|authentication_error|OAuth token (has )?expired/i, label: 'authentication failed' },
  { id: 'http-401', kind: 'auth_failed', severity: 'high', re: /API Error:?\s*401\b/i, label: 'authentication failed (HTTP 401)' },
  { id: 'http-5xx', kind: 'api_error', severity: 'low', re: /API Error:?\s*5\d\d\b|api_error|overloaded_error/i, label: 'API error (5xx)' },
  { id: 'connection', kind: 'api_error', severity: 'low', re: /API Error \(Connection error\.?\)/i, label: 'connection error' },
  // A Node/JS stack trace: an error line followed by "at …(file:line:col)" frames.
  { id: 'stack-trace', kind: 'crash_trace', severity: 'medium', re: /^\s*(?:\w*Error|Uncaught \w+):.*\n\s+at .+[:(]\d+:\d+\)?$/m, label: 'crash trace' },
  { id: 'python-trace', kind: 'crash_trace', severity: 'medium', re: /^Traceback \(most recent call last\):$/m, label: 'Python traceback' },
];

export interface PatternHit {
  readonly pattern: ErrorPattern;
  /** The line that matched, trimmed, for the reason. */
  readonly line: string;
}

/** Every pattern kind found in the text (first hit per kind; table order decides within a kind). */
export function matchPatterns(text: string, patterns: readonly ErrorPattern[] = ERROR_PATTERNS): PatternHit[] {
  const hits: PatternHit[] = [];
  const seen = new Set<IssueKind>();
  for (const p of patterns) {
    if (seen.has(p.kind)) continue;
    const m = p.re.exec(text);
    if (!m) continue;
    seen.add(p.kind);
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = text.indexOf('\n', m.index);
    hits.push({ pattern: p, line: text.slice(start, end === -1 ? undefined : end).trim().slice(0, 200) });
  }
  return hits;
}
