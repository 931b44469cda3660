import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from './channel-names';
import { invokeSchemas, pushSchemas } from './channels';
import { CreateSessionInput } from './session';

describe('contract', () => {
  it('has a schema for every channel name and no others', () => {
    expect(Object.keys(invokeSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(pushSchemas).sort()).toEqual([...PUSH_CHANNELS].sort());
  });

  it('fills defaults for a minimal session request', () => {
    const r = CreateSessionInput.parse({ profileId: 'demo' });
    expect(r).toMatchObject({ profileId: 'demo', role: 'none', args: [], env: {}, cols: 120, rows: 32 });
  });

  it('rejects unknown fields, unknown profiles and bad sizes', () => {
    expect(CreateSessionInput.safeParse({ profileId: 'demo', extra: 1 }).success).toBe(false);
    expect(CreateSessionInput.safeParse({ profileId: 'vim' }).success).toBe(false);
    expect(CreateSessionInput.safeParse({ profileId: 'demo', cols: 0 }).success).toBe(false);
    expect(CreateSessionInput.safeParse({ profileId: 'demo', rows: 10_000 }).success).toBe(false);
  });

  it('requires a command for the custom profile', () => {
    const r = CreateSessionInput.safeParse({ profileId: 'custom' });
    expect(r.success).toBe(false);
    expect(CreateSessionInput.safeParse({ profileId: 'custom', command: 'aider' }).success).toBe(true);
  });

  it('rejects environment names a platform cannot carry', () => {
    expect(CreateSessionInput.safeParse({ profileId: 'demo', env: { 'A=B': 'x' } }).success).toBe(false);
    expect(CreateSessionInput.safeParse({ profileId: 'demo', env: { GOOD_NAME: 'x' } }).success).toBe(true);
  });

  it('validates terminal input and session ids', () => {
    const input = invokeSchemas['terminal.input'].input;
    expect(input.safeParse({ sessionId: 's_abcdefgh', data: 'ls\r' }).success).toBe(true);
    expect(input.safeParse({ sessionId: '../../etc', data: 'x' }).success).toBe(false);
    expect(input.safeParse({ sessionId: 's_abcdefgh', data: '' }).success).toBe(false);
    expect(invokeSchemas['terminal.ack'].input.safeParse({ sessionId: 's_abcdefgh', chars: -5 }).success).toBe(false);
  });
});
