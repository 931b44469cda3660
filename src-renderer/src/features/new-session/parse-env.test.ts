import { describe, expect, it } from 'vitest';
import { parseEnv } from './parse-env';

describe('parseEnv', () => {
  it('parses KEY=VALUE lines, skipping blanks and comments', () => {
    expect(parseEnv('A=1\n\n# comment\r\nB_2 = two words \n')).toEqual({ ok: true, value: { A: '1', B_2: 'two words' } });
  });

  it('keeps = inside the value and strips one pair of quotes', () => {
    expect(parseEnv(`URL=http://x/?a=b\nQ="quoted value"\nS='x'`)).toEqual({
      ok: true,
      value: { URL: 'http://x/?a=b', Q: 'quoted value', S: 'x' },
    });
  });

  it('allows empty values', () => {
    expect(parseEnv('EMPTY=')).toEqual({ ok: true, value: { EMPTY: '' } });
  });

  it('rejects a line without =', () => {
    expect(parseEnv('A=1\nnonsense')).toEqual({ ok: false, error: 'Line 2: expected KEY=VALUE.' });
  });

  it('rejects invalid names', () => {
    const r = parseEnv('1ABC=x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('Line 1: "1ABC" is not a valid variable name');
    expect(parseEnv('MY-VAR=x').ok).toBe(false);
  });

  it('rejects duplicates, naming both lines', () => {
    expect(parseEnv('A=1\nB=2\nA=3')).toEqual({ ok: false, error: 'Line 3: A is already set on line 1.' });
  });

  it('empty text is an empty map', () => {
    expect(parseEnv('  \n')).toEqual({ ok: true, value: {} });
  });
});
