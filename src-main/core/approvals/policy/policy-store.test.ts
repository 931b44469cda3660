import { describe, expect, it } from 'vitest';
import { createPolicyStore, emptyPolicy } from './policy-store';

const GOOD = 'version: 1\nrules:\n  - id: a\n    decision: deny\n    command: { program: [rm] }\n';

describe('PolicyStore', () => {
  it('starts with the empty policy: manual mode, no rules, unknown asks', () => {
    const p = createPolicyStore().current();
    expect(p.defaults).toEqual({ mode: 'manual', unknown: 'ask' });
    expect(p.rules).toEqual([]);
  });

  it('swaps in a policy that loads and tells subscribers', () => {
    const store = createPolicyStore();
    const seen: string[] = [];
    const off = store.subscribe((p) => seen.push(p.file));
    const r = store.tryReplace(GOOD, 'mine.yaml');
    expect(r.ok).toBe(true);
    expect(store.current().rules.map((x) => x.id)).toEqual(['a']);
    expect(seen).toEqual(['mine.yaml']);
    off();
    store.tryReplace(GOOD, 'again.yaml');
    expect(seen).toEqual(['mine.yaml']);
  });

  it('keeps the previous policy when the new one fails, and says where', () => {
    const store = createPolicyStore();
    store.tryReplace(GOOD, 'mine.yaml');
    const before = store.current();
    let calls = 0;
    store.subscribe(() => calls++);
    const r = store.tryReplace('version: 1\nrules:\n  - id: a\n    decision: maybe\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^mine\.yaml:4:15: rules\[0\]\.decision/);
    expect(store.current()).toBe(before);
    expect(calls).toBe(0);
  });

  it('emptyPolicy is a real loaded policy', () => {
    expect(emptyPolicy().digest).toMatch(/^[0-9a-f]{16}$/);
  });
});
