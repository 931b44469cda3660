import { describe, expect, it } from 'vitest';
import { lexCommand, type Dialect, type Word } from './shell-lexer';

const text = (w: Word): string => w.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? `<$${p.name}>` : p.kind === 'subst' ? `<(${p.body})>` : `<~${p.user}>`)).join('');
const words = (input: string, dialect: Dialect = 'posix'): string[][] => lexCommand(input, dialect).commands.map((c) => c.words.map(text));

describe('lexCommand (posix)', () => {
  it.each([
    ['ls -la', [['ls', '-la']]],
    ["echo 'a b' \"c d\" e\\ f", [['echo', 'a b', 'c d', 'e f']]],
    ["echo 'it'\\''s'", [['echo', "it's"]]],
    ['a && b || c ; d & e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['a |\n b', [['a'], ['b']]],
    ['a \\\n b', [['a', 'b']]],
    ['echo "$HOME/x" ${HOME}', [['echo', '<$HOME>/x', '<$HOME>']]],
    ['echo $(rm -rf /) `id`', [['echo', '<(rm -rf /)>', '<(id)>']]],
    ['echo "$(date "+%s")"', [['echo', '<(date "+%s")>']]],
    ['diff <(ls a) <(ls b)', [['diff', '<(ls a)>', '<(ls b)>']]],
    ["echo $'a\\x41\\n'", [['echo', 'aA\n']]],
    ['ls ~ ~/x ~root', [['ls', '<~>', '<~>/x', '<~root>']]],
    ['echo a#b # comment', [['echo', 'a#b']]],
    ['{ curl x; } | sh', [['curl', 'x'], ['sh']]],
    ['(cd /tmp && rm -rf x)', [['cd', '/tmp'], ['rm', '-rf', 'x']]],
  ])('%j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  it('records pipeline groups and stages', () => {
    const r = lexCommand('curl x | tee f | sh; echo done', 'posix');
    expect(r.commands.map((c) => [c.group, c.stage])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
    ]);
  });

  it('keeps a parenthesised group in one pipeline', () => {
    const r = lexCommand('(curl x; echo) | sh', 'posix');
    expect(r.commands.map((c) => [c.group, c.stage])).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });

  it('reads redirections with file descriptors', () => {
    const [c] = lexCommand('cmd >out 2>>err.log 2>&1 &>all <in', 'posix').commands;
    expect(c!.words.map(text)).toEqual(['cmd']);
    expect(c!.redirects.map((r) => [r.fd, r.op, r.target && text(r.target)])).toEqual([
      [null, '>', 'out'],
      ['2', '>>', 'err.log'],
      ['2', '>&', '1'],
      [null, '&>', 'all'],
      [null, '<', 'in'],
    ]);
  });

  it('reads here-documents and keeps their bodies out of the command list', () => {
    const r = lexCommand("cat > f.txt <<'EOF'\nrm -rf /\nEOF\nls", 'posix');
    expect(r.commands.map((c) => c.words.map(text))).toEqual([['cat'], ['ls']]);
    expect(r.commands[0]!.redirects.find((x) => x.op === '<<')!.heredoc).toBe('rm -rf /');
  });

  it.each([
    ['echo "unterminated', 'unterminated double quote'],
    ["echo 'x", 'unterminated single quote'],
    ['echo $(ls', 'unterminated command substitution'],
    ['(ls', 'unbalanced parentheses or braces'],
    ['ls )', 'unbalanced parentheses or braces'],
    ['echo >', "redirection '>' has no target"],
  ])('reports a problem for %j', (input, problem) => {
    expect(lexCommand(input, 'posix').problem).toBe(problem);
  });
});

describe('lexCommand (windows)', () => {
  it.each([
    ['Remove-Item -Recurse -Force C:\\Users\\me', [['Remove-Item', '-Recurse', '-Force', 'C:\\Users\\me']]],
    ['rd /s /q "C:\\Program Files\\x"', [['rd', '/s', '/q', 'C:\\Program Files\\x']]],
    ['echo `"quoted`"', [['echo', '"quoted"']]],
    ['r^d /s C:\\', [['rd', '/s', 'C:\\']]],
    ['del %USERPROFILE%\\x $env:TEMP\\y', [['del', '<$USERPROFILE>\\x', '<$env:TEMP>\\y']]],
    ['iwr https://x | iex', [['iwr', 'https://x'], ['iex']]],
    ['Get-ChildItem | ForEach-Object { Remove-Item $_ -Recurse }', [['Get-ChildItem'], ['ForEach-Object'], ['Remove-Item', '<$_>', '-Recurse']]],
    ['& "C:\\tools\\x.exe" a', [['C:\\tools\\x.exe', 'a']]],
    ['echo "it""s"', [['echo', 'it"s']]],
    ['<# block #> ls', [['ls']]],
  ])('%j', (input, expected) => {
    expect(words(input, 'windows')).toEqual(expected);
  });
});

describe('lexCommand never throws', () => {
  it.each(['', '\\', '$', '${', '$(', '`', '"$(', "'", '<<', '<<EOF', '((((', '))))', '{', '}', '|||', '&&&', '>>>', '$((1+', 'a\u0000b', '%%%', '^', '`'])('%j', (input) => {
    for (const d of ['posix', 'windows'] as const) expect(() => lexCommand(input, d)).not.toThrow();
  });
});
