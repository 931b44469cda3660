import type { Dialect, WordPart } from './shell-syntax';

/**
 * Scanners for the expansion syntax inside shell words: $NAME, ${…}, $(…),
 * `…`, $'…', %NAME%, $env:NAME. Each reads from index i of s and says what
 * it found and where reading continues; the lexer stitches the results into
 * words. Unterminated forms are reported as problems, never thrown.
 */

export type Scan =
  | { readonly kind: 'part'; readonly part: WordPart; readonly next: number; readonly problem?: string }
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean; readonly next: number; readonly problem?: string }
  /** $"…": the lexer reads a double-quoted string starting at next. */
  | { readonly kind: 'double-quote'; readonly next: number; readonly problem?: string };

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
/** PowerShell names may carry a scope or drive: $env:HOME, $script:x. */
const PS_VAR_CHAR = /[A-Za-z0-9_:]/;
const POSIX_SPECIAL_VARS = '0123456789@*#?$!-';
const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b', '?': '?' };

/** s[i] is '$'. */
export function scanDollar(s: string, i: number, dialect: Dialect, inQuotes: boolean): Scan {
  const next = s[i + 1] ?? '';
  const escape = dialect === 'posix' ? '\\' : '`';
  if (next === '(') {
    const end = findClosing(s, i + 2, '(', ')', escape);
    return {
      kind: 'part',
      part: { kind: 'subst', body: s.slice(i + 2, end < 0 ? s.length : end), dialect },
      next: end < 0 ? s.length : end + 1,
      ...(end < 0 ? { problem: 'unterminated command substitution' } : {}),
    };
  }
  if (next === '{') {
    const end = findClosing(s, i + 2, '{', '}', escape);
    return {
      kind: 'part',
      part: { kind: 'var', name: s.slice(i + 2, end < 0 ? s.length : end) },
      next: end < 0 ? s.length : end + 1,
      ...(end < 0 ? { problem: 'unterminated ${' } : {}),
    };
  }
  if (dialect === 'posix' && !inQuotes && next === "'") return scanAnsiC(s, i + 1);
  if (dialect === 'posix' && !inQuotes && next === '"') return { kind: 'double-quote', next: i + 1 };
  const identChar = dialect === 'windows' ? PS_VAR_CHAR : IDENT_CHAR;
  if (IDENT_START.test(next)) {
    let j = i + 1;
    while (j < s.length && identChar.test(s[j]!)) j++;
    return { kind: 'part', part: { kind: 'var', name: s.slice(i + 1, j) }, next: j };
  }
  if (next !== '' && POSIX_SPECIAL_VARS.includes(next)) return { kind: 'part', part: { kind: 'var', name: next }, next: i + 2 };
  return { kind: 'text', text: '$', quoted: inQuotes, next: i + 1 };
}

/** s[i] is a backtick (POSIX command substitution). */
export function scanBacktick(s: string, i: number): Scan {
  let j = i + 1;
  let body = '';
  while (j < s.length && s[j] !== '`') {
    if (s[j] === '\\' && j + 1 < s.length) {
      body += s[j + 1];
      j += 2;
    } else body += s[j++];
  }
  return {
    kind: 'part',
    part: { kind: 'subst', body, dialect: 'posix' },
    next: Math.min(j + 1, s.length),
    ...(j >= s.length ? { problem: 'unterminated backtick' } : {}),
  };
}

/** s[i] is the quote of $'…': the escapes that matter for reading paths and commands. */
export function scanAnsiC(s: string, i: number): Scan {
  let j = i + 1;
  let text = '';
  while (j < s.length && s[j] !== "'") {
    if (s[j] === '\\' && j + 1 < s.length) {
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(j + 1, j + 4));
      const oct = /^([0-7]{1,3})/.exec(s.slice(j + 1, j + 4));
      if (hex) {
        text += String.fromCharCode(parseInt(hex[1]!, 16));
        j += 1 + hex[0].length;
      } else if (oct) {
        text += String.fromCharCode(parseInt(oct[1]!, 8));
        j += 1 + oct[0].length;
      } else {
        const e = s[j + 1]!;
        text += ANSI_C_ESCAPES[e] ?? `\\${e}`;
        j += 2;
      }
    } else text += s[j++];
  }
  return { kind: 'text', text, quoted: true, next: Math.min(j + 1, s.length), ...(j >= s.length ? { problem: "unterminated $'" } : {}) };
}

/** cmd's %NAME% at s[i], or null when the % is just a character. */
export function scanPercentVar(s: string, i: number): Scan | null {
  const m = /^%([A-Za-z_][A-Za-z0-9_()]*)%/.exec(s.slice(i, i + 80));
  return m === null ? null : { kind: 'part', part: { kind: 'var', name: m[1]! }, next: i + m[0].length };
}

/** The body of a here-document starting at line i, up to its delimiter line (or the end). */
export function scanHeredoc(s: string, i: number, delimiter: string, stripTabs: boolean): { body: string; next: number } {
  const lines: string[] = [];
  while (i < s.length) {
    const nl = s.indexOf('\n', i);
    const line = s.slice(i, nl < 0 ? s.length : nl).replace(/\r$/, '');
    i = nl < 0 ? s.length : nl + 1;
    const cmp = stripTabs ? line.replace(/^\t+/, '') : line;
    if (cmp === delimiter) break;
    lines.push(cmp);
  }
  return { body: lines.join('\n'), next: i };
}

/**
 * Index of the bracket closing the one just before `from`, skipping quoted
 * text, nested pairs and here-document bodies (`$(cat <<'EOF' … EOF)` is how
 * agents write commit messages, and those contain stray quotes and
 * parentheses); -1 when it never closes.
 */
export function findClosing(s: string, from: number, open: string, close: string, escape: string): number {
  let depth = 1;
  let j = from;
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  while (j < s.length) {
    const c = s[j]!;
    if (c === escape) j += 2;
    else if (c === "'") {
      const end = s.indexOf("'", j + 1);
      if (end < 0) return -1;
      j = end + 1;
    } else if (c === '"') {
      j++;
      while (j < s.length && s[j] !== '"') j += s[j] === escape ? 2 : 1;
      j++;
    } else if (c === '<' && s[j + 1] === '<' && s[j + 2] !== '<' && escape === '\\') {
      const m = /^<<(-?)[ \t]*(['"]?)([A-Za-z0-9_.-]+)\2/.exec(s.slice(j, j + 200));
      if (m !== null) heredocs.push({ delimiter: m[3]!, stripTabs: m[1] === '-' });
      j += m === null ? 2 : m[0].length;
    } else if (c === '\n' && heredocs.length > 0) {
      j++;
      for (const h of heredocs.splice(0)) j = scanHeredoc(s, j, h.delimiter, h.stripTabs).next;
    } else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return j;
      j++;
    }
  }
  return -1;
}
