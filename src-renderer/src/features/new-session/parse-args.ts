export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * Splits a command line typed by a person into arguments, shell-like:
 * whitespace separates, '…' is literal, "…" allows \" and \\ escapes.
 * A backslash outside quotes escapes only a quote, a backslash or
 * whitespace, so Windows paths such as C:\Users\me survive unchanged.
 * No variables, globs or pipes: the arguments go to the program verbatim.
 */
export function parseArgs(line: string): ParseResult<string[]> {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: `Unclosed ' quote (column ${i + 1}).` };
      cur += line.slice(i + 1, end);
      inArg = true;
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const c = line[j]!;
        if (c === '\\' && (line[j + 1] === '"' || line[j + 1] === '\\')) {
          cur += line[j + 1];
          j += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          break;
        }
        cur += c;
        j++;
      }
      if (!closed) return { ok: false, error: `Unclosed " quote (column ${i + 1}).` };
      inArg = true;
      i = j + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length && /["'\\\s]/.test(line[i + 1]!)) {
      cur += line[i + 1];
      inArg = true;
      i += 2;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
      i++;
      continue;
    }
    cur += ch;
    inArg = true;
    i++;
  }
  if (inArg) args.push(cur);
  return { ok: true, value: args };
}
