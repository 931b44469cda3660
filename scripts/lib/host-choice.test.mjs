import { describe, expect, it } from 'vitest';
import { electronFailedToStart, fallbackLine, preflight } from './host-choice.mjs';

const base = { browserFlag: false, env: { DISPLAY: ':0' }, platform: 'linux', electronInstalled: true, binaryPresent: true };

describe('preflight', () => {
  it('lets Electron start when everything is there', () => {
    expect(preflight(base)).toBeNull();
    expect(preflight({ ...base, platform: 'win32', env: {} })).toBeNull();
    expect(preflight({ ...base, platform: 'darwin', env: {} })).toBeNull();
  });

  it('goes to browser mode on request, without a fallback line', () => {
    expect(preflight({ ...base, browserFlag: true })).toEqual({ explicit: true, reason: '--browser' });
    expect(preflight({ ...base, env: { ...base.env, DUAL_ORCH_BROWSER: '1' } })?.explicit).toBe(true);
    expect(preflight({ ...base, env: { ...base.env, DUAL_ORCH_BROWSER: '0' } })).toBeNull();
  });

  it('needs a display on Linux only', () => {
    expect(preflight({ ...base, env: {} })?.reason).toBe('no display: DISPLAY and WAYLAND_DISPLAY are unset');
    expect(preflight({ ...base, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
  });

  it('says when the binary is missing as well, without trying to fetch it', () => {
    expect(preflight({ ...base, env: {}, binaryPresent: false })?.reason).toBe(
      'no display: DISPLAY and WAYLAND_DISPLAY are unset; no Electron binary either',
    );
  });

  it('leaves a missing binary to the probe (it downloads) unless downloads are switched off', () => {
    expect(preflight({ ...base, binaryPresent: false })).toBeNull();
    expect(preflight({ ...base, binaryPresent: false, env: { ...base.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })?.reason).toBe(
      'no Electron binary and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    );
  });

  it('notices a production install without the electron package', () => {
    expect(preflight({ ...base, electronInstalled: false, binaryPresent: false })?.reason).toBe('the electron package is not installed');
  });
});

describe('fallbackLine', () => {
  it('is one line naming the reason and what happens instead', () => {
    const line = fallbackLine('no Electron binary: download failed (TypeError: fetch failed)');
    expect(line).toBe(
      'Electron cannot start here (no Electron binary: download failed (TypeError: fetch failed)) — serving the same UI in browser mode instead.',
    );
    expect(line).not.toContain('\n');
  });
});

describe('electronFailedToStart', () => {
  const at = (o) => electronFailedToStart({ code: null, signal: null, error: null, elapsedMs: 1000, graceMs: 5000, ...o });

  it('treats launch errors, missing libraries and early crashes as "could not start"', () => {
    expect(at({ error: Object.assign(new Error('spawn EACCES'), { code: 'EACCES' }) })).toBe('Electron could not be launched: EACCES');
    expect(at({ code: 127 })).toMatch(/system libraries/);
    expect(at({ signal: 'SIGTRAP' })).toMatch(/crashed at start-up/);
  });

  it('treats normal exits, our own error exits and late crashes as the app having run', () => {
    expect(at({ code: 0 })).toBeNull();
    expect(at({ code: 2 })).toBeNull();
    expect(at({ code: 3 })).toBeNull();
    expect(at({ signal: 'SIGTERM' })).toBeNull();
    expect(at({ signal: 'SIGSEGV', elapsedMs: 60_000 })).toBeNull();
  });
});
