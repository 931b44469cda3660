/**
 * What the shell lexer produces (shell-lexer.ts): simple commands made of
 * words and redirections, with their place in pipelines and groups.
 */

export type Dialect = 'posix' | 'windows';

export type WordPart =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  /** $NAME, ${…}, $env:NAME, %NAME%: the name as written (special forms keep their text). */
  | { readonly kind: 'var'; readonly name: string }
  /** $(…), `…`, <(…), >(…): a command whose output is spliced in. */
  | { readonly kind: 'subst'; readonly body: string; readonly dialect: Dialect }
  /** An unquoted leading ~ or ~user. */
  | { readonly kind: 'tilde'; readonly user: string };

export interface Word {
  readonly raw: string;
  readonly parts: readonly WordPart[];
}

export interface Redirect {
  /** '>', '>>', '>|', '&>', '&>>', '<', '<>', '<<', '<<<', '>&', '<&'. */
  readonly op: string;
  readonly fd: string | null;
  readonly target: Word | null;
  /** Here-document body for '<<'. */
  heredoc: string | null;
}

export type Separator = ';' | '&&' | '||' | '|' | '&' | 'newline' | 'end';

export interface LexedCommand {
  readonly words: Word[];
  readonly redirects: Redirect[];
  /** Commands joined by pipes (and grouped by parentheses) share a group. */
  readonly group: number;
  /** Position in its pipeline: stage > 0 reads the output of an earlier stage. */
  readonly stage: number;
  /** Nesting inside ( ) or { } at the moment the command started. */
  readonly depth: number;
  /** The operator that follows the command. */
  next: Separator;
}

export interface LexResult {
  readonly commands: LexedCommand[];
  /** Why the text could not be read completely (unterminated quote …), or null. */
  readonly problem: string | null;
}
