import { describe, expect, it } from 'vitest';
import { AgentTokens } from './agent-tokens';

describe('agent tokens', () => {
  it('resolves a fresh token to its session; a reissue or revoke invalidates the old one', () => {
    const t = new AgentTokens();
    const a1 = t.issue('s_aaaaaa');
    const b = t.issue('s_bbbbbb');
    expect(t.resolve(a1)).toBe('s_aaaaaa');
    expect(t.resolve(b)).toBe('s_bbbbbb');
    const a2 = t.issue('s_aaaaaa');
    expect(a2).not.toBe(a1);
    expect(t.resolve(a1)).toBeNull();
    expect(t.tokenFor('s_aaaaaa')).toBe(a2);
    t.revoke('s_aaaaaa');
    expect(t.resolve(a2)).toBeNull();
    expect(t.tokenFor('s_aaaaaa')).toBeNull();
  });

  it('refuses another session\'s secret, garbage and non-strings', () => {
    const t = new AgentTokens();
    const a = t.issue('s_aaaaaa');
    t.issue('s_bbbbbb');
    const secret = a.slice(a.indexOf('.') + 1);
    expect(t.resolve(`s_bbbbbb.${secret}`)).toBeNull();
    for (const bad of [undefined, '', '.', 's_aaaaaa', 's_aaaaaa.', `${a}x`, 42, ['x']]) expect(t.resolve(bad)).toBeNull();
  });
});
