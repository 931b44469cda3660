import { describe, expect, it } from 'vitest';
import { describeGypFailure, envForElectronBuild, npmCli } from './native-sqlite.mjs';

describe('envForElectronBuild', () => {
  it('drops npm config that would point node-gyp at the wrong runtime, keeps the rest', () => {
    const env = envForElectronBuild({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });
});

describe('npmCli', () => {
  it('prefers the npm that runs this script', () => {
    expect(npmCli({ npm_execpath: '/x/npm/bin/npm-cli.js' }, '/usr/bin/node')).toBe('/x/npm/bin/npm-cli.js');
  });

  it('ignores other package managers and finds npm beside node (or gives up)', () => {
    const found = npmCli({ npm_execpath: '/x/pnpm.cjs' }, '/nonexistent/bin/node');
    expect(found).toBeNull();
  });
});

describe('describeGypFailure', () => {
  it('names the network when the headers cannot be fetched', () => {
    const out = 'gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz\ngyp WARN install got an error, rolling back install\ngyp ERR! stack is related to network connectivity.';
    expect(describeGypFailure(out)).toBe("could not download Electron's headers from electronjs.org (network)");
  });

  it('names a missing toolchain, else the first meaningful gyp error', () => {
    expect(describeGypFailure('gyp ERR! find VS could not find any Visual Studio installation to use')).toMatch(/C\+\+ toolchain/);
    expect(describeGypFailure('gyp ERR! build error\ngyp ERR! stack Error: `make` failed with exit code: 2')).toBe('build error');
  });
});
