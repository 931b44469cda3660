import type { Store } from '../ports/store';
import { timed, type OpsMetrics } from './metrics';

/**
 * The store as the core sees it, with every call counted and timed into
 * dorch_db_operations_total / dorch_db_operation_duration_seconds
 * (op = "<repo>.<method>"). Same object shapes: callers cannot tell.
 */
export function observeStore<S extends Store>(store: S, m: Pick<OpsMetrics, 'dbOperations' | 'dbDuration'>): S {
  const wrap = <T extends object>(repo: T, name: string): T =>
    new Proxy(repo, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function' || typeof prop !== 'string' || prop === 'subscribe') return v;
        return (...args: unknown[]) => timed(m, `${name}.${prop}`, () => (v as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  return {
    ...store,
    sessions: wrap(store.sessions, 'sessions'),
    events: wrap(store.events, 'events'),
    screens: wrap(store.screens, 'screens'),
    transcripts: wrap(store.transcripts, 'transcripts'),
    close: () => store.close(),
  };
}
