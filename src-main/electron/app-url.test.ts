import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppOrigin, isAppUrl, isSafeExternalUrl, mimeTypeFor, rendererFileFor, rendererLocation } from './app-url';

describe('rendererLocation', () => {
  it('serves the built renderer from the app scheme', () => {
    expect(rendererLocation(undefined)).toEqual({ entryUrl: 'app://renderer/index.html', origin: APP_ORIGIN, devServer: false });
  });

  it('uses the Vite dev server under electron-vite dev', () => {
    expect(rendererLocation('http://localhost:5173/')).toEqual({ entryUrl: 'http://localhost:5173/', origin: 'http://localhost:5173', devServer: true });
  });

  it('ignores a dev server URL that is not http(s)', () => {
    expect(rendererLocation('file:///etc/passwd').origin).toBe(APP_ORIGIN);
    expect(rendererLocation('not a url').origin).toBe(APP_ORIGIN);
  });
});

describe('isAppUrl / isAppOrigin', () => {
  const packaged = rendererLocation(undefined);
  const dev = rendererLocation('http://localhost:5173');

  it('accepts our own pages, with any path, query or hash', () => {
    expect(isAppUrl('app://renderer/index.html', packaged)).toBe(true);
    expect(isAppUrl('app://renderer/index.html?x=1#/sessions', packaged)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'app://other/index.html',
      'file:///work/out/renderer/index.html',
      'https://renderer/index.html',
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'about:blank',
      '',
      'app://renderer.evil.com/',
    ]) {
      expect(isAppUrl(url, url.startsWith('http') ? dev : packaged), url).toBe(false);
    }
  });

  it('matches permission-check origins with or without a trailing slash', () => {
    expect(isAppOrigin('app://renderer', packaged)).toBe(true);
    expect(isAppOrigin('app://renderer/', packaged)).toBe(true);
    expect(isAppOrigin('http://localhost:5173/', dev)).toBe(true);
    expect(isAppOrigin('https://example.com', packaged)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('allows plain web links', () => {
    expect(isSafeExternalUrl('https://docs.anthropic.com/en/docs')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:7317/?token=abc')).toBe(true);
  });

  it('refuses schemes that run things, credentials and junk', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://attacker/share',
      'vscode://file/etc/passwd',
      'https://user:pass@example.com/',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('rendererFileFor', () => {
  const root = resolve('/srv/app/out/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(rendererFileFor(root, 'app://renderer/index.html')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://renderer')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(rendererFileFor(root, 'app://renderer/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('never escapes the folder', () => {
    const inside = (file: string | null): boolean => file === null || relative(root, file).split(sep)[0] !== '..';
    for (const url of [
      'app://renderer/../../etc/passwd',
      'app://renderer/%2e%2e/%2e%2e/etc/passwd',
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/..%5c..%5cwindows%5cwin.ini',
    ]) {
      expect(inside(rendererFileFor(root, url)), url).toBe(true);
    }
    expect(rendererFileFor(root, 'app://renderer/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererFileFor(root, 'app://renderer/..%5c..%5cwindows%5cwin.ini')).toBeNull();
    expect(rendererFileFor(root, 'app://renderer/assets/%00.js')).toBeNull();
    expect(rendererFileFor(root, 'app://renderer/%E0%A4%A')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(rendererFileFor(root, 'app://other/index.html')).toBeNull();
    expect(rendererFileFor(root, 'file:///srv/app/out/renderer/index.html')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('knows what Vite emits and falls back to bytes', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
