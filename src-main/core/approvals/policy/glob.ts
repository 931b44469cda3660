/**
 * Glob patterns for policy files and for reasoning about shell globs:
 * `**` crosses folder separators, `*` and `?` do not, `[…]` is a class,
 * `{a,b}` alternatives. Matching is on '/'-separated text; callers convert
 * Windows paths first.
 */

/** Refuses patterns that could never have been meant (and keeps regexes small). */
export const MAX_GLOB_CHARS = 1_000;

export function globProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'empty glob';
  if (pattern.length > MAX_GLOB_CHARS) return `glob longer than ${MAX_GLOB_CHARS} characters`;
  let braces = 0;
  let inClass = false;
  for (const ch of pattern) {
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '{') braces++;
    else if (ch === '}' && --braces < 0) return "unbalanced '}' in glob";
  }
  if (inClass) return "unterminated '[' in glob";
  if (braces !== 0) return "unbalanced '{' in glob";
  if (tryGlobToRegExp(pattern, false) === null) return 'invalid character class in glob';
  return null;
}

/**
 * Never throws: a pattern that cannot be compiled (only possible for shell
 * words; policy globs are checked at load) matches itself literally.
 */
export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  return tryGlobToRegExp(pattern, caseInsensitive) ?? new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, caseInsensitive ? 'i' : '');
}

function tryGlobToRegExp(pattern: string, caseInsensitive: boolean): RegExp | null {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        // "**/" also matches zero folders: a/**/b matches a/b.
        if (pattern[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === '{' && hasClosingBrace(pattern, i)) {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else re += ch.replace(/[.+^$()|\\\]{}]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, caseInsensitive ? 'i' : '');
  } catch {
    return null; // e.g. a class like [z-a]: the caller decides what that means
  }
}

function hasClosingBrace(pattern: string, open: number): boolean {
  let depth = 0;
  for (let j = open; j < pattern.length; j++) {
    if (pattern[j] === '{') depth++;
    else if (pattern[j] === '}' && --depth === 0) return true;
  }
  return false;
}

/** Shell-glob semantics for one path component: could it match `..` (older bash: yes for `.*`)? Unreadable: assume yes. */
export function componentMayMatchDotDot(component: string): boolean {
  if (!component.startsWith('.')) return false;
  return tryGlobToRegExp(component, false)?.test('..') ?? true;
}

/** Does a glob component match (nearly) every name in its folder? `*` yes, `*.log` no. Unreadable: assume yes. */
export function componentIsCatchAll(component: string): boolean {
  const re = tryGlobToRegExp(component, true);
  return re === null || ['a', 'zz9', 'README', 'x.y'].every((name) => re.test(name));
}
