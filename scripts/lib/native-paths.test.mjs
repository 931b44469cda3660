import { describe, expect, it } from 'vitest';
import { electronBindingPath as fromTs } from '../../src-main/platform/native-binding';
import { electronBindingPath } from './native-paths.mjs';

describe('electronBindingPath (scripts)', () => {
  it('agrees with the path the Electron host loads from', () => {
    for (const [v, p, a] of [['45.4.1', 'win32', 'x64'], ['v45.4.1', 'darwin', 'arm64'], ['46.0.0', 'linux', 'x64']]) {
      expect(electronBindingPath('/app', v, p, a)).toBe(fromTs('/app', v, p, a));
    }
  });
});
