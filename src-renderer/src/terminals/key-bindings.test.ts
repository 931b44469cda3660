import { describe, expect, it } from 'vitest';
import { terminalShortcut, type KeyLike } from './key-bindings';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
  type: 'keydown',
  code: /^[a-z]$/i.test(k.key) ? `Key${k.key.toUpperCase()}` : k.key,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...k,
});

describe('terminalShortcut', () => {
  it('Ctrl+Shift+C/V copy and paste; plain Ctrl+C/V stay with the terminal', () => {
    expect(terminalShortcut(key({ key: 'C', ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(terminalShortcut(key({ key: 'V', ctrlKey: true, shiftKey: true }), false)).toBe('paste');
    expect(terminalShortcut(key({ key: 'c', ctrlKey: true }), false)).toBeNull();
    expect(terminalShortcut(key({ key: 'v', ctrlKey: true }), false)).toBeNull();
  });

  it('Cmd+C/V only on macOS', () => {
    expect(terminalShortcut(key({ key: 'c', metaKey: true }), true)).toBe('copy');
    expect(terminalShortcut(key({ key: 'v', metaKey: true }), true)).toBe('paste');
    expect(terminalShortcut(key({ key: 'c', metaKey: true }), false)).toBeNull();
  });

  it('uses the physical key so other layouts work', () => {
    expect(terminalShortcut(key({ key: 'С', code: 'KeyC', ctrlKey: true, shiftKey: true }), false)).toBe('copy');
  });

  it('Ctrl/Cmd+Shift+Enter toggles maximize; Ctrl+Shift+F searches', () => {
    expect(terminalShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true, shiftKey: true }), false)).toBe('toggle-maximize');
    expect(terminalShortcut(key({ key: 'Enter', code: 'Enter', metaKey: true, shiftKey: true }), true)).toBe('toggle-maximize');
    expect(terminalShortcut(key({ key: 'F', ctrlKey: true, shiftKey: true }), false)).toBe('search');
    expect(terminalShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), false)).toBeNull();
  });

  it('Alt combinations are left alone', () => {
    expect(terminalShortcut(key({ key: 'c', ctrlKey: true, shiftKey: true, altKey: true }), false)).toBeNull();
  });
});
