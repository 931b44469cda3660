import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretSealer } from '../core/ops/ports';
import { createNodePlatform } from './node-platform';
import { loadSecret } from './secrets';

const base = () => ({ name: 'jwt', envName: 'DUAL_ORCH_JWT_SECRET', minLength: 32, dataDir: mkdtempSync(join(tmpdir(), 'dorch-sec-')), platform: createNodePlatform(), generate: () => 'g'.repeat(43) });

describe('signing secrets', () => {
  it('prefers the environment and refuses a short one', () => {
    expect(loadSecret({ ...base(), envValue: 'e'.repeat(40) })).toMatchObject({ ok: true, value: { source: 'environment' } });
    expect(loadSecret({ ...base(), envValue: 'short' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('generates an owner-only file once and reads it back', () => {
    const b = base();
    const first = loadSecret({ ...b, envValue: undefined });
    expect(first).toMatchObject({ ok: true, value: { source: 'file', value: 'g'.repeat(43) } });
    const file = join(b.dataDir, 'secrets', 'jwt.key');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    const again = loadSecret({ ...b, envValue: undefined, generate: () => 'other'.repeat(10) });
    expect(again).toMatchObject({ ok: true, value: { value: 'g'.repeat(43) } });
  });

  it('keeps it sealed by the keychain when one is available (desktop)', () => {
    const sealer: SecretSealer = {
      name: 'fake',
      isAvailable: () => true,
      seal: (p) => Buffer.from(p.split('').reverse().join('')),
      unseal: (b) => b.toString().split('').reverse().join(''),
    };
    const b = base();
    expect(loadSecret({ ...b, envValue: undefined, sealer })).toMatchObject({ ok: true, value: { source: 'keychain', value: 'g'.repeat(43) } });
    expect(readFileSync(join(b.dataDir, 'secrets', 'jwt.sealed'), 'utf8')).not.toContain('ggg');
    expect(loadSecret({ ...b, envValue: undefined, sealer })).toMatchObject({ ok: true, value: { value: 'g'.repeat(43) } });
  });
});
