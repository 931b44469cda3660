import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../src-preload/contract/result';
import type { SecretSealer } from '../core/ops/ports';
import type { Platform } from '../core/ports/platform';

export type SecretSource = 'environment' | 'keychain' | 'file';

export interface SecretRequest {
  /** File name stem under <data>/secrets/. */
  name: string;
  /** Value given by the environment, which wins over anything stored. */
  envValue: string | undefined;
  envName: string;
  minLength: number;
  dataDir: string;
  platform: Platform;
  /** The desktop's OS keychain (Electron safeStorage); absent in browser mode. */
  sealer?: SecretSealer;
  generate(): string;
}

/**
 * A signing secret, never in the repository: from the environment; else
 * sealed by the OS keychain (desktop); else a private file (owner-only
 * permissions) in the data folder, generated on first use.
 */
export function loadSecret(r: SecretRequest): Result<{ value: string; source: SecretSource }> {
  if (r.envValue !== undefined && r.envValue !== '') {
    if (r.envValue.length < r.minLength) return err('bad_input', `${r.envName} must be at least ${r.minLength} characters.`);
    return ok({ value: r.envValue, source: 'environment' });
  }
  const dir = join(r.dataDir, 'secrets');
  try {
    if (r.sealer?.isAvailable()) {
      const file = join(dir, `${r.name}.sealed`);
      if (existsSync(file)) return ok({ value: r.sealer.unseal(Buffer.from(readFileSync(file, 'utf8'), 'base64')), source: 'keychain' });
      const value = r.generate();
      const w = r.platform.writePrivateFile(file, r.sealer.seal(value).toString('base64'));
      return w.ok ? ok({ value, source: 'keychain' }) : w;
    }
    const file = join(dir, `${r.name}.key`);
    if (existsSync(file)) {
      const value = readFileSync(file, 'utf8').trim();
      if (value.length >= r.minLength) return ok({ value, source: 'file' });
    }
    const value = r.generate();
    const w = r.platform.writePrivateFile(file, value);
    return w.ok ? ok({ value, source: 'file' }) : w;
  } catch (e) {
    return err('unavailable', `Cannot read or create the ${r.name} secret in ${dir}: ${(e as Error).message}`);
  }
}
