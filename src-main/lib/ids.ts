import { randomBytes } from 'node:crypto';

/** URL-safe random id with a readable prefix ("s_…" for sessions, "c_…" for clients…). */
export function newId(prefix: string, bytes = 9): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** Secret tokens: 32 bytes is beyond brute force for a loopback service. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
