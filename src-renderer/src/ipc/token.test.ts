import { describe, expect, it } from 'vitest';
import { extractToken, wsUrl } from './token';

describe('extractToken', () => {
  it('takes the token and leaves the rest of the URL', () => {
    expect(extractToken('http://127.0.0.1:7317/?token=abc%2Fdef&x=1#h')).toEqual({ token: 'abc/def', cleanUrl: '/?x=1#h' });
  });

  it('no token', () => {
    expect(extractToken('http://127.0.0.1:7317/')).toEqual({ token: null, cleanUrl: '/' });
    expect(extractToken('http://127.0.0.1:7317/?token=')).toEqual({ token: null, cleanUrl: '/' });
  });
});

describe('wsUrl', () => {
  it('follows the page scheme and escapes the token', () => {
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:1' }, 'a b')).toBe('ws://127.0.0.1:1/ws?token=a%20b');
    expect(wsUrl({ protocol: 'https:', host: 'h' }, 't')).toBe('wss://h/ws?token=t');
  });
});
