/**
 * A shell lexer for judging commands, never for running them. It splits a
 * command line into simple commands (with their pipeline position), words
 * (quotes removed, expansions kept as typed parts) and redirections.
 *
 * Two dialects: 'posix' (sh/bash/zsh: backslash escapes, `…` substitution)
 * and 'windows' (PowerShell and cmd mixed: backslash is a path separator,
 * backtick and ^ escape, %VAR% and $env:VAR expand). When in doubt the lexer
 * keeps more structure, not less: an unknown construct becomes a dynamic part
 * or a reported problem, which later turns into "ask the person".
 */

import { findClosing, scanBacktick, scanDollar, scanHeredoc, scanPercentVar, type Scan } from './shell-expansions';
import type { Dialect, LexedCommand, LexResult, Redirect, Separator, Word, WordPart } from './shell-syntax';

export type { Dialect, LexedCommand, LexResult, Redirect, Separator, Word, WordPart } from './shell-syntax';

interface WordBuilder {
  parts: WordPart[];
  start: number;
}

/** Splits a command line into simple commands. Never throws on any input. */
export function lexCommand(input: string, dialect: Dialect): LexResult {
  return new Lexer(input, dialect).run();
}

class Lexer {
  private i = 0;
  private readonly commands: LexedCommand[] = [];
  private words: Word[] = [];
  private redirects: Redirect[] = [];
  private word: WordBuilder | null = null;
  private pendingRedirect: { op: string; fd: string | null } | null = null;
  private readonly pendingHeredocs: { redirect: Redirect; delimiter: string; stripTabs: boolean }[] = [];
  private group = 0;
  private stage = 0;
  private depth = 0;
  private lastSep: Separator = 'end';
  private problem: string | null = null;

  constructor(
    private readonly s: string,
    private readonly dialect: Dialect,
  ) {}

  run(): LexResult {
    const { s } = this;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
        this.i++;
      } else if (c === '\n') {
        this.endCommand('newline');
        this.i++;
        this.readHeredocBodies();
      } else if (c === '#' && this.word === null && this.atCommentStart()) {
        this.skipComment();
      } else if (c === '<' && this.dialect === 'windows' && this.s[this.i + 1] === '#') {
        this.skipBlockComment();
      } else if (this.isEscape(c)) {
        this.readEscape();
      } else if (c === "'") {
        this.readSingleQuoted();
      } else if (c === '"') {
        this.readDoubleQuoted();
      } else if (c === '$') {
        this.readDollar(false);
      } else if (c === '`' && this.dialect === 'posix') {
        this.readBacktick();
      } else if (c === '%' && this.dialect === 'windows' && this.readPercentVar()) {
        // consumed a %NAME% variable
      } else if (c === '~' && (this.word === null || this.afterAssignment())) {
        this.readTilde();
      } else if (c === '<' || c === '>') {
        this.readRedirect();
      } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        this.readOperator(c);
      } else if ((c === '{' || c === '}') && this.isGroupBrace()) {
        this.endCommand(';', true);
        this.depth += c === '{' ? 1 : -1;
        this.checkDepth();
        this.i++;
      } else {
        this.addText(c, false);
        this.i++;
      }
    }
    this.endCommand('end');
    if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
    if (this.depth !== 0 && this.problem === null) this.problem = 'unbalanced parentheses or braces';
    return { commands: this.commands, problem: this.problem };
  }

  // ── words ────────────────────────────────────────────────────────────

  private begin(): WordBuilder {
    if (this.word === null) this.word = { parts: [], start: this.i };
    return this.word;
  }

  private addText(text: string, quoted: boolean): void {
    const w = this.begin();
    const last = w.parts[w.parts.length - 1];
    if (last !== undefined && last.kind === 'text' && last.quoted === quoted) {
      w.parts[w.parts.length - 1] = { kind: 'text', text: last.text + text, quoted };
    } else {
      w.parts.push({ kind: 'text', text, quoted });
    }
  }

  private addPart(part: WordPart): void {
    this.begin().parts.push(part);
  }

  private endWord(): void {
    const w = this.word;
    if (w === null) return;
    this.word = null;
    const word: Word = { raw: this.s.slice(w.start, this.i), parts: w.parts };
    if (this.pendingRedirect !== null) {
      const redirect: Redirect = { ...this.pendingRedirect, target: word, heredoc: null };
      this.pendingRedirect = null;
      this.redirects.push(redirect);
      if (redirect.op === '<<' || redirect.op === '<<-') {
        const delimiter = word.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
        this.pendingHeredocs.push({ redirect, delimiter, stripTabs: redirect.op === '<<-' });
      }
      return;
    }
    this.words.push(word);
  }

  /** Ends the current simple command; `grouping` for ( ) { }, which neither start a pipeline stage nor a new group. */
  private endCommand(sep: Separator, grouping = false): void {
    this.endWord();
    if (this.pendingRedirect !== null) {
      this.problem ??= `redirection '${this.pendingRedirect.op}' has no target`;
      this.pendingRedirect = null;
    }
    const empty = this.words.length === 0 && this.redirects.length === 0;
    // "a |\n b" and "a &&\n b" continue on the next line.
    if (empty && sep === 'newline' && (this.lastSep === '|' || this.lastSep === '&&' || this.lastSep === '||')) return;
    if (!empty) {
      this.commands.push({ words: this.words, redirects: this.redirects, group: this.group, stage: this.stage, depth: this.depth, next: sep });
      this.words = [];
      this.redirects = [];
    }
    if (grouping) return;
    this.lastSep = sep;
    if (sep === '|') this.stage++;
    else if (this.depth === 0 && sep !== 'end') {
      this.group++;
      this.stage = 0;
    }
  }

  private checkDepth(): void {
    if (this.depth < 0) {
      this.problem ??= 'unbalanced parentheses or braces';
      this.depth = 0;
    }
  }

  // ── quoting and escapes ──────────────────────────────────────────────

  private isEscape(c: string): boolean {
    if (this.dialect === 'posix') return c === '\\';
    return c === '`' || c === '^';
  }

  private readEscape(): void {
    const next = this.s[this.i + 1];
    if (next === undefined) {
      this.addText(this.s[this.i]!, false);
      this.i++;
      return;
    }
    this.i += 2;
    if (next === '\n') return; // line continuation
    if (next === '\r' && this.s[this.i] === '\n') {
      this.i++;
      return;
    }
    this.addText(next, true);
  }

  private readSingleQuoted(): void {
    this.begin();
    const end = this.s.indexOf("'", this.i + 1);
    if (end < 0) {
      this.problem ??= 'unterminated single quote';
      this.addText(this.s.slice(this.i + 1), true);
      this.i = this.s.length;
      return;
    }
    this.addText(this.s.slice(this.i + 1, end), true);
    this.i = end + 1;
  }

  private readDoubleQuoted(): void {
    this.begin();
    const { s } = this;
    this.i++;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"') {
        // PowerShell: "" inside a double-quoted string is one quote.
        if (this.dialect === 'windows' && s[this.i + 1] === '"') {
          this.addText('"', true);
          this.i += 2;
          continue;
        }
        this.i++;
        return;
      }
      const after = s[this.i + 1];
      if (this.dialect === 'posix' && c === '\\' && after !== undefined && '$`"\\\n'.includes(after)) {
        if (s[this.i + 1] !== '\n') this.addText(s[this.i + 1]!, true);
        this.i += 2;
      } else if (this.dialect === 'windows' && c === '`' && this.i + 1 < s.length) {
        this.addText(s[this.i + 1]!, true);
        this.i += 2;
      } else if (c === '$') {
        this.readDollar(true);
      } else if (c === '`' && this.dialect === 'posix') {
        this.readBacktick();
      } else if (c === '%' && this.dialect === 'windows' && this.readPercentVar()) {
        // consumed
      } else {
        this.addText(c, true);
        this.i++;
      }
    }
    this.problem ??= 'unterminated double quote';
  }

  // ── expansions (scanners in shell-expansions.ts) ────────────────────

  private readDollar(inQuotes: boolean): void {
    const r = scanDollar(this.s, this.i, this.dialect, inQuotes);
    this.take(r);
    if (r.kind === 'double-quote') {
      this.i = r.next;
      this.readDoubleQuoted();
    }
  }

  private readBacktick(): void {
    this.take(scanBacktick(this.s, this.i));
  }

  private readPercentVar(): boolean {
    const r = scanPercentVar(this.s, this.i);
    if (r === null) return false;
    this.take(r);
    return true;
  }

  private take(r: Scan): void {
    if (r.problem !== undefined) this.problem ??= r.problem;
    if (r.kind === 'part') this.addPart(r.part);
    else if (r.kind === 'text') this.addText(r.text, r.quoted);
    else return;
    this.i = r.next;
  }

  /** bash expands ~ right after the = of a word shaped like an assignment (of=~/x, --prefix=~/y is not). */
  private afterAssignment(): boolean {
    const w = this.word;
    if (w === null || w.parts.length !== 1) return false;
    const p = w.parts[0]!;
    return p.kind === 'text' && !p.quoted && /^[A-Za-z_][A-Za-z0-9_]*=$/.test(p.text);
  }

  private readTilde(): void {
    const { s } = this;
    let j = this.i + 1;
    while (j < s.length && !/[\s/;&|()<>'"]/.test(s[j]!) && !(this.dialect === 'windows' && s[j] === '\\')) j++;
    this.addPart({ kind: 'tilde', user: s.slice(this.i + 1, j) });
    this.i = j;
  }

  // ── operators, redirections, comments, here-documents ────────────────

  private readOperator(c: string): void {
    const { s } = this;
    const two = s.slice(this.i, this.i + 2);
    if (two === '&>' && this.dialect === 'posix') {
      this.readRedirect(true);
      return;
    }
    if (c === '(' || c === ')') {
      this.endCommand(';', true);
      this.depth += c === '(' ? 1 : -1;
      this.checkDepth();
      this.i++;
      return;
    }
    if (two === '&&' || two === '||') {
      this.endCommand(two);
      this.i += 2;
    } else if (two === '|&') {
      this.endCommand('|');
      this.i += 2;
    } else if (two === ';;' || two === ';&') {
      this.endCommand(';');
      this.i += 2;
    } else {
      this.endCommand(c as Separator);
      this.i++;
    }
  }

  /** A redirection at this.i; `ampersand` when it is bash's &> / &>> (stdout and stderr). */
  private readRedirect(ampersand = false): void {
    const { s } = this;
    if (ampersand) {
      this.endWord();
      this.i++;
    }
    const c = s[this.i]!;
    if (!ampersand && s[this.i + 1] === '(' && this.dialect === 'posix') {
      // <(…) / >(…) process substitution: a word part, not a redirection.
      const end = findClosing(s, this.i + 2, '(', ')', '\\');
      this.take({
        kind: 'part',
        part: { kind: 'subst', body: s.slice(this.i + 2, end < 0 ? s.length : end), dialect: 'posix' },
        next: end < 0 ? s.length : end + 1,
        ...(end < 0 ? { problem: 'unterminated command substitution' } : {}),
      });
      return;
    }
    let fd: string | null = null;
    const w = this.word;
    const only = w !== null && w.parts.length === 1 && w.parts[0]!.kind === 'text' && !w.parts[0]!.quoted ? w.parts[0]!.text : null;
    if (!ampersand && only !== null && (/^\d+$/.test(only) || (this.dialect === 'windows' && only === '*'))) {
      fd = only;
      this.word = null;
    } else this.endWord();
    const ops = c === '>' ? ['>>', '>|', '>&', '>'] : ['<<<', '<<-', '<<', '<>', '<&', '<'];
    const op = ops.find((o) => s.startsWith(o, this.i))!;
    this.i += op.length;
    this.pendingRedirect = { op: ampersand ? `&${op}` : op, fd };
  }

  private isGroupBrace(): boolean {
    if (this.dialect === 'windows') return true;
    // POSIX: { and } are reserved words only as whole words at command start.
    if (this.word !== null || this.words.length > 0) return false;
    const next = this.s[this.i + 1];
    return next === undefined || /[\s;&|)]/.test(next);
  }

  private atCommentStart(): boolean {
    const prev = this.s[this.i - 1];
    return prev === undefined || /[\s;&|()]/.test(prev);
  }

  private skipBlockComment(): void {
    const end = this.s.indexOf('#>', this.i + 2);
    this.i = end < 0 ? this.s.length : end + 2;
  }

  private skipComment(): void {
    const nl = this.s.indexOf('\n', this.i);
    this.i = nl < 0 ? this.s.length : nl;
  }

  private readHeredocBodies(): void {
    const { s } = this;
    while (this.pendingHeredocs.length > 0) {
      const h = this.pendingHeredocs.shift()!;
      const r = scanHeredoc(s, this.i, h.delimiter, h.stripTabs);
      if (h.delimiter === '') this.problem ??= 'here-document without delimiter';
      h.redirect.heredoc = r.body;
      this.i = r.next;
    }
  }
}
