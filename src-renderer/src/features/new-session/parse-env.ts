import type { ParseResult } from './parse-args';

/** Same rule as the contract's EnvMap (Windows forbids '=' in names; shells want identifiers). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The contract's limits, checked here so the person sees the line at fault. */
const MAX_NAME_CHARS = 200;
const MAX_VALUE_CHARS = 32_768;

/**
 * Parses "KEY=VALUE" lines (one per line) into an environment map. Blank
 * lines and lines starting with # are ignored; the value is everything after
 * the first '=' and one pair of surrounding quotes is removed, as .env files do.
 */
export function parseEnv(text: string): ParseResult<Record<string, string>> {
  const env: Record<string, string> = {};
  const seenAt = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) return { ok: false, error: `Line ${n}: expected KEY=VALUE.` };
    const name = line.slice(0, eq).trim();
    if (!ENV_NAME.test(name)) {
      return { ok: false, error: `Line ${n}: "${name}" is not a valid variable name (letters, digits and _, not starting with a digit).` };
    }
    if (name.length > MAX_NAME_CHARS) return { ok: false, error: `Line ${n}: the name is longer than ${MAX_NAME_CHARS} characters.` };
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    if (value.length > MAX_VALUE_CHARS) return { ok: false, error: `Line ${n}: the value is longer than ${MAX_VALUE_CHARS} characters.` };
    const prev = seenAt.get(name);
    if (prev !== undefined) return { ok: false, error: `Line ${n}: ${name} is already set on line ${prev}.` };
    seenAt.set(name, n);
    env[name] = value;
  }
  return { ok: true, value: env };
}
