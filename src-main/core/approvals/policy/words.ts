import type { Dialect, Word } from './shell-lexer';
import type { PolicyPlatform } from './types';

/**
 * Turns lexed words into the text the shell would pass, as far as that can be
 * known without running anything: quotes removed, ~ / $HOME / %USERPROFILE%
 * expanded, brace alternatives split into separate words (as bash does).
 * Everything else that depends on the running shell (other variables,
 * command output) stays marked as dynamic, and unquoted glob characters are
 * marked, so path checks can reason about the static part only.
 */

export interface Substitution {
  readonly body: string;
  readonly dialect: Dialect;
}

export interface ResolvedWord {
  /** As typed (quotes included). */
  readonly raw: string;
  /** Quotes removed, known variables expanded; unknown ones kept as ${NAME} / $(…). */
  readonly text: string;
  /** Index in text where the first unknown (variable, command output) starts, or null. */
  readonly dynamicAt: number | null;
  /** Index in text of the first unquoted glob character (* ? [), or null. */
  readonly globAt: number | null;
  /** ~otheruser and the like: a path no one can place without the file system. */
  readonly unresolvable: boolean;
  /** Command substitutions inside this word ($(…), `…`, <(…)): they run too. */
  readonly substitutions: readonly Substitution[];
  /** True when some part of the word was quoted or escaped. */
  readonly quoted: boolean;
}

export interface ExpandEnv {
  readonly platform: PolicyPlatform;
  readonly homeDir: string;
  /** $PWD when the working folder is known for sure; null otherwise. */
  readonly pwd: string | null;
}

/** Beyond this many brace alternatives a word is treated as unknown (bash would happily make millions). */
const MAX_BRACE_WORDS = 64;

/** Character kinds: quoted text (no globbing), unquoted text (globs, braces), unknown at check time. */
const K = { Quoted: 0, Unquoted: 1, Dynamic: 2 } as const;
type K = (typeof K)[keyof typeof K];

interface Chars {
  text: string;
  kinds: K[];
}

/** Expands one lexed word into the words the shell would produce (usually one). */
export function resolveWord(word: Word, dialect: Dialect, env: ExpandEnv): ResolvedWord[] {
  const acc: Chars = { text: '', kinds: [] };
  const substitutions: Substitution[] = [];
  let unresolvable = false;
  let quoted = false;
  const push = (text: string, kind: K): void => {
    acc.text += text;
    for (let n = 0; n < text.length; n++) acc.kinds.push(kind);
  };
  for (const part of word.parts) {
    if (part.kind === 'text') {
      quoted ||= part.quoted;
      push(part.text, part.quoted ? K.Quoted : K.Unquoted);
    } else if (part.kind === 'var') {
      const value = knownVariable(part.name, dialect, env);
      if (value === null) push(dialect === 'windows' ? `$${part.name}` : `\${${part.name}}`, K.Dynamic);
      else push(value, K.Quoted);
    } else if (part.kind === 'subst') {
      substitutions.push({ body: part.body, dialect: part.dialect });
      push(`$(${part.body})`, K.Dynamic);
    } else {
      const home = part.user === '' && isAbsoluteAny(env.homeDir) ? env.homeDir : null;
      if (home !== null) push(home, K.Quoted);
      else if (part.user === '+' && env.pwd !== null) push(env.pwd, K.Quoted);
      else {
        unresolvable = true;
        push(`~${part.user}`, K.Quoted);
      }
    }
  }
  // PowerShell resolves ~ in the file-system provider, so even a quoted "~\x" means home.
  if (dialect === 'windows' && /^~(?=[\\/]|$)/.test(acc.text) && isAbsoluteAny(env.homeDir)) {
    acc.text = env.homeDir + acc.text.slice(1);
    acc.kinds = [...Array<K>(env.homeDir.length).fill(K.Quoted), ...acc.kinds.slice(1)];
  }
  const expanded = dialect === 'posix' ? expandBraces(acc) : [acc];
  return expanded.map((c) => ({
    raw: word.raw,
    text: c.text,
    dynamicAt: firstIndex(c, (k) => k === K.Dynamic),
    globAt: firstGlob(c),
    unresolvable,
    substitutions,
    quoted,
  }));
}

export function resolveWords(words: readonly Word[], dialect: Dialect, env: ExpandEnv): ResolvedWord[] {
  return words.flatMap((w) => resolveWord(w, dialect, env));
}

/** A resolved word made from plain text (used for synthetic arguments such as find's {}). */
export function literalWord(text: string): ResolvedWord {
  return { raw: text, text, dynamicAt: null, globAt: null, unresolvable: false, substitutions: [], quoted: true };
}

export function isDynamic(w: ResolvedWord): boolean {
  return w.dynamicAt !== null;
}

function firstIndex(c: Chars, pred: (k: K) => boolean): number | null {
  const i = c.kinds.findIndex(pred);
  return i < 0 ? null : i;
}

function firstGlob(c: Chars): number | null {
  for (let i = 0; i < c.text.length; i++) {
    if (c.kinds[i] !== K.Unquoted) continue;
    const ch = c.text[i]!;
    if (ch === '*' || ch === '?' || ch === '[') return i;
    // {1..9} sequences expand to names nobody lists here: treat like a glob.
    if (ch === '{' && /^\{[^{}]*\.\.[^{}]*\}/.test(c.text.slice(i))) return i;
  }
  return null;
}

/**
 * The few variables whose value is known without a running shell. $HOME and
 * friends are the ones agents use to reach outside the workspace; PowerShell
 * and cmd names are case-insensitive.
 */
function knownVariable(name: string, dialect: Dialect, env: ExpandEnv): string | null {
  const home = isAbsoluteAny(env.homeDir) ? env.homeDir : null;
  const n = dialect === 'windows' ? name.toLowerCase().replace(/^env:/, '') : name;
  if (dialect === 'posix') {
    if (n === 'HOME') return home;
    if (n === 'PWD') return env.pwd;
    return null;
  }
  const sep = '\\';
  switch (n) {
    case 'home':
    case 'userprofile':
      return home;
    case 'pwd':
    case 'cd':
      return env.pwd;
    case 'null':
      return '$null';
    case 'systemroot':
    case 'windir':
      return 'C:\\Windows';
    case 'programfiles':
      return 'C:\\Program Files';
    case 'programfiles(x86)':
      return 'C:\\Program Files (x86)';
    case 'programdata':
    case 'allusersprofile':
      return 'C:\\ProgramData';
    case 'systemdrive':
      return 'C:';
    case 'appdata':
      return home === null ? null : `${home}${sep}AppData${sep}Roaming`;
    case 'localappdata':
      return home === null ? null : `${home}${sep}AppData${sep}Local`;
    default:
      return null;
  }
}

function isAbsoluteAny(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Bash brace expansion over unquoted {a,b} groups, keeping each character's kind. */
function expandBraces(c: Chars): Chars[] {
  const out: Chars[] = [];
  const queue: Chars[] = [c];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    const group = findBraceGroup(cur);
    if (group === null) {
      out.push(cur);
    } else {
      const { open, close, commas } = group;
      const bounds = [open, ...commas, close];
      for (let n = 0; n + 1 < bounds.length; n++) {
        const from = bounds[n]! + 1;
        const to = bounds[n + 1]!;
        queue.push({
          text: cur.text.slice(0, open) + cur.text.slice(from, to) + cur.text.slice(close + 1),
          kinds: [...cur.kinds.slice(0, open), ...cur.kinds.slice(from, to), ...cur.kinds.slice(close + 1)],
        });
      }
    }
    if (out.length + queue.length > MAX_BRACE_WORDS) {
      // Too many alternatives to list: keep the text, and mark it unknown from the first brace.
      const first = c.text.indexOf('{');
      return [{ text: c.text, kinds: c.kinds.map((k, i) => (i >= first ? K.Dynamic : k)) }];
    }
  }
  return out;
}

function findBraceGroup(c: Chars): { open: number; close: number; commas: number[] } | null {
  for (let open = 0; open < c.text.length; open++) {
    if (c.text[open] !== '{' || c.kinds[open] !== K.Unquoted) continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = open + 1; j < c.text.length; j++) {
      if (c.kinds[j] !== K.Unquoted) continue;
      const ch = c.text[j];
      if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0) {
          if (commas.length > 0) return { open, close: j, commas };
          break;
        }
        depth--;
      } else if (ch === ',' && depth === 0) commas.push(j);
    }
  }
  return null;
}
