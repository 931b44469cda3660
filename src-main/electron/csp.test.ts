import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

const directive = (csp: string, name: string): string | undefined =>
  csp.split('; ').find((d) => d.startsWith(`${name} `))?.slice(name.length + 1);

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts in a built app: no inline, no eval', () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, 'default-src')).toBe("'none'");
    expect(directive(csp, 'script-src')).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'connect-src')).toBe("'self'");
    expect(directive(csp, 'object-src')).toBe("'none'");
    expect(directive(csp, 'frame-ancestors')).toBe("'none'");
    expect(directive(csp, 'base-uri')).toBe("'none'");
  });

  it('relaxes only what the Vite dev server needs', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(directive(csp, 'script-src')).toBe("'self' 'unsafe-inline'");
    expect(directive(csp, 'connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });
});
