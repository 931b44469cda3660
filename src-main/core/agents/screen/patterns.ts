/**
 * Regexes as rule files write them. Every pattern is compiled once, at load, with the `u`
 * flag (so `.` and classes see whole code points: ❯, ●, CJK). A leading `(?i)` asks for a
 * case-insensitive match, the one inline flag people expect from other regex dialects.
 */

export type PatternResult = { ok: true; re: RegExp } | { ok: false; reason: string };

const CASE_INSENSITIVE_PREFIX = '(?i)';

// A group that ends in a quantifier and is itself quantified — (a+)+, (\s*)*, (.+){2,} —
// can backtrack exponentially on a line that almost matches. The classifier runs on every
// screen change of every session, so such a pattern is refused at load instead.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*]\??\)[+*{]/;

const GROUP_NAME = /\(\?<([A-Za-z_$][\w$]*)>/g;

/**
 * Compiles one pattern. `withIndices` adds the `d` flag (group positions), used for option
 * lines to tell a wrapped label's continuation from the next line.
 */
export function compilePattern(source: string, withIndices = false): PatternResult {
  let body = source;
  let flags = withIndices ? 'du' : 'u';
  if (body.startsWith(CASE_INSENSITIVE_PREFIX)) {
    body = body.slice(CASE_INSENSITIVE_PREFIX.length);
    flags += 'i';
  }
  if (NESTED_QUANTIFIER.test(body)) {
    return { ok: false, reason: `nested quantifier in /${source}/ can take exponential time; rewrite it without a quantified group that ends in + or *` };
  }
  try {
    return { ok: true, re: new RegExp(body, flags) };
  } catch (e) {
    return { ok: false, reason: `bad regex /${source}/: ${(e as Error).message}` };
  }
}

/** The named groups a pattern declares. */
export function groupNames(re: RegExp): Set<string> {
  return new Set([...re.source.matchAll(GROUP_NAME)].map((m) => m[1]!));
}
