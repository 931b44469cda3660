import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args';

const ok = (line: string) => {
  const r = parseArgs(line);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('parseArgs', () => {
  it('splits on any whitespace', () => {
    expect(ok('  --model  opus\t-p  ')).toEqual(['--model', 'opus', '-p']);
    expect(ok('')).toEqual([]);
  });

  it('keeps quoted spaces and empty quoted arguments', () => {
    expect(ok(`--msg "hello world" 'single quoted' ""`)).toEqual(['--msg', 'hello world', 'single quoted', '']);
  });

  it('joins adjacent quoted and bare parts into one argument', () => {
    expect(ok(`--name="a b"c`)).toEqual(['--name=a bc']);
  });

  it('handles escapes inside double quotes and literal single quotes', () => {
    expect(ok(`"say \\"hi\\"" 'no \\escapes'`)).toEqual(['say "hi"', 'no \\escapes']);
  });

  it('keeps Windows paths intact', () => {
    expect(ok(`C:\\Users\\me\\app "C:\\Program Files\\x"`)).toEqual(['C:\\Users\\me\\app', 'C:\\Program Files\\x']);
  });

  it('backslash escapes a space outside quotes', () => {
    expect(ok('my\\ file.txt')).toEqual(['my file.txt']);
  });

  it('reports an unclosed quote with its column', () => {
    expect(parseArgs(`a "b c`)).toEqual({ ok: false, error: 'Unclosed " quote (column 3).' });
    expect(parseArgs(`'x`)).toEqual({ ok: false, error: "Unclosed ' quote (column 1)." });
  });
});
