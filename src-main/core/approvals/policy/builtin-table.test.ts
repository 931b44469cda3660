import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TABLE_END, BUILTIN_TABLE_START, builtinMarkdownTable } from './builtin-table';
import { BUILTIN_ENTRIES } from './builtin-deny';

const DOC = fileURLToPath(new URL('../../../../docs/safety-policy.md', import.meta.url));

describe('docs/safety-policy.md', () => {
  it('lists exactly the builtin entries of builtin-deny.ts (paste the printed table if this fails)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BUILTIN_TABLE_START);
    const end = doc.indexOf(BUILTIN_TABLE_END);
    expect(start, 'start marker').toBeGreaterThan(0);
    expect(end, 'end marker').toBeGreaterThan(start);
    const inDoc = doc.slice(start + BUILTIN_TABLE_START.length, end).trim();
    const expected = builtinMarkdownTable();
    if (inDoc !== expected) console.log(`Expected builtin table:\n${expected}`);
    expect(inDoc).toBe(expected);
  });

  it('mentions every builtin id', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const e of BUILTIN_ENTRIES) expect(doc).toContain(e.id);
  });
});
