import { describe, expect, it } from 'vitest';
import { componentIsCatchAll, componentMayMatchDotDot, globProblem, globToRegExp } from './glob';

describe('globToRegExp', () => {
  it.each([
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcx/a', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['*.{js,ts}', 'a.ts', true],
    ['*.{js,ts}', 'a.py', false],
    ['file?.txt', 'file1.txt', true],
    ['[ab].txt', 'b.txt', true],
    ['[!ab].txt', 'b.txt', false],
    ['a.b', 'axb', false],
    ['release/*', 'release/1.2', true],
    ['release/*', 'release/1/2', false],
    ['(x)', '(x)', true],
  ])('%s ~ %s → %s', (glob, path, expected) => {
    expect(globToRegExp(glob, false).test(path)).toBe(expected);
  });

  it('can ignore case', () => {
    expect(globToRegExp('C:/Users/**', true).test('c:/users/dev/x')).toBe(true);
  });

  it.each([
    ['', 'empty glob'],
    ['a{b', "unbalanced '{' in glob"],
    ['a}b', "unbalanced '}' in glob"],
    ['[ab', "unterminated '[' in glob"],
  ])('globProblem(%j)', (glob, problem) => {
    expect(globProblem(glob)).toBe(problem);
  });
});

describe('shell glob components', () => {
  it.each(['*', '?*', '*?', '**'])('%s matches everything', (c) => expect(componentIsCatchAll(c)).toBe(true));
  it.each(['*.log', 'a*', '.*'])('%s does not', (c) => expect(componentIsCatchAll(c)).toBe(false));
  it.each(['.*', '.?', '..*', '.[.]'])('%s may match ..', (c) => expect(componentMayMatchDotDot(c)).toBe(true));
  it.each(['*', '.a*', 'x.*'])('%s may not', (c) => expect(componentMayMatchDotDot(c)).toBe(false));
});
