import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../src-preload/contract/result';
import { silentLogger } from '../../lib/logger';
import { dispatch } from './dispatch';
import type { ClientContext, Handlers } from './handlers';

const ctx: ClientContext = { clientId: 'c_1', correlationId: 'r_1', push: () => undefined };

function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides, {
    get: (t, k) => (t as Record<string, unknown>)[k as string] ?? (() => ok({})),
  }) as Handlers;
}

describe('dispatch', () => {
  it('answers bad_input for an invalid payload and runs nothing', async () => {
    const create = vi.fn(() => ok({}) as never);
    const r = await dispatch(handlersWith({ 'sessions.create': create }), silentLogger, 'sessions.create', { profileId: 'nope' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_input');
      expect(r.error.message).toMatch(/profileId/);
    }
    expect(create).not.toHaveBeenCalled();
  });

  it('answers bad_input for an unknown channel', async () => {
    const r = await dispatch(handlersWith({}), silentLogger, 'sessions.explode', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('passes parsed input (with defaults) to the handler', async () => {
    const create = vi.fn((input: unknown) => ok(input) as never);
    const r = await dispatch(handlersWith({ 'sessions.create': create }), silentLogger, 'sessions.create', { profileId: 'demo' }, ctx);
    expect(r).toMatchObject({ ok: true, value: { profileId: 'demo', role: 'none', cols: 120 } });
  });

  it('turns a throwing handler into an internal error value', async () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const r = await dispatch(handlersWith({ 'sessions.list': boom }), silentLogger, 'sessions.list', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
