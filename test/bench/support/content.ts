import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The terminal benchmarks' payload, shared so the diagnostics measure the very bytes the benchmark does. */

/** Deterministic mixed content: SGR colours, cursor moves, erase, UTF-8 (accents, CJK, emoji), long and short lines. */
export function makeContent(bytes: number): string {
  let seed = 0x2545f491;
  const rnd = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const words = ['const', 'return', 'function', 'résumé', 'naïve', '日本語', '中文', '🚀', '✓', 'error:', 'warning', 'src/main.ts', '=>', '{', '}', '42'];
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    let line = '';
    const kind = rnd(10);
    if (kind === 0) line += `\x1b[${1 + rnd(40)};${1 + rnd(100)}H`; // cursor addressing
    if (kind === 1) line += '\x1b[2K'; // erase line
    const n = 3 + rnd(kind === 2 ? 60 : 14);
    for (let i = 0; i < n; i++) {
      const w = words[rnd(words.length)]!;
      line += rnd(4) === 0 ? `\x1b[${30 + rnd(8)}m${w}\x1b[0m ` : `${w} `;
    }
    line += '\n';
    parts.push(line);
    size += Buffer.byteLength(line, 'utf8');
  }
  return parts.join('');
}

/** The payload written to a fresh temp file for a session to `cat`, and what the page will parse of it. */
export interface ContentFile {
  content: string;
  /** UTF-8 bytes in the file. */
  bytes: number;
  file: string;
  /** Chars the browser's xterm parses: the pty turns each "\n" into "\r\n". */
  expectedChars: number;
}

export function writeContentFile(bytes: number, prefix: string): ContentFile {
  const content = makeContent(bytes);
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'mixed.txt');
  writeFileSync(file, content, 'utf8');
  return { content, bytes: Buffer.byteLength(content, 'utf8'), file, expectedChars: content.length + (content.split('\n').length - 1) };
}
