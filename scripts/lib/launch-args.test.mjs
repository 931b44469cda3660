import { describe, expect, it } from 'vitest';
import { splitLaunchArgs } from './launch-args.mjs';

describe('splitLaunchArgs', () => {
  it('takes the scripts’ flags and passes everything else on in order', () => {
    expect(splitLaunchArgs(['--port', '0', '--browser', '--data-dir', '/tmp/x', '--no-build'])).toEqual({
      flags: { browser: true, noBuild: true },
      appArgs: ['--port', '0', '--data-dir', '/tmp/x'],
    });
  });

  it('passes everything after -- untouched', () => {
    expect(splitLaunchArgs(['--', '--browser'])).toEqual({ flags: { browser: false, noBuild: false }, appArgs: ['--browser'] });
  });
});
