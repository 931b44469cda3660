import type { PromptOption } from './types';

/**
 * A prompt's identity for the approvals path: the same prompt gives the same fingerprint
 * however often it is redrawn (spinner frames, timers, the ❯ marker moving, the cursor),
 * and a different command, path, question or option list gives a different one. Not a
 * security hash — it tells prompts apart on one screen, and 106 bits make an accidental
 * collision between two prompts negligible.
 */
export function promptFingerprint(parts: {
  agent: string;
  question: string;
  tool: string | null;
  detail: string | null;
  options: readonly PromptOption[];
}): string {
  const text = [
    parts.agent,
    parts.question,
    parts.tool ?? '',
    parts.detail ?? '',
    ...parts.options.map((o) => `${o.key}\u0000${o.label}\u0000${o.meaning}`),
  ].join('\u0001');
  return hash53(text, 0x9e3779b9).toString(16).padStart(14, '0') + hash53(text, 0x85ebca6b).toString(16).padStart(14, '0');
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
