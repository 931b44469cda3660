import { Worker } from 'node:worker_threads';
import type { ScreenModel, ScreenModelFactory, ScreenSnapshot, ScreenText } from '../core/ports/screen-model';
import type { Logger } from '../lib/logger';
import type { FromWorker, ToWorker } from './protocol';

interface Pending {
  resolve(v: ScreenSnapshot | ScreenText): void;
  reject(e: Error): void;
}

/**
 * Screen models hosted in one worker thread (out/main/screen-worker.js).
 * If the worker dies, pending reads fail, a fresh worker is started and
 * every live model is re-created on it (its screen starts blank; the
 * stream's offsets carry on), so a crash costs a screen, never the session.
 */
export function createWorkerScreenFactory(deps: { workerPath: string; logger: Logger }): ScreenModelFactory {
  let nextId = 1;
  let nextReq = 1;
  const models = new Map<number, { cols: number; rows: number; onParsed(n: number): void }>();
  const pending = new Map<number, Pending>();
  let disposed = false;
  let worker = start();

  function start(): Worker {
    const w = new Worker(deps.workerPath);
    w.on('message', (m: FromWorker) => {
      switch (m.t) {
        case 'parsed':
          models.get(m.id)?.onParsed(m.chars);
          return;
        case 'snapshot':
        case 'text': {
          const p = pending.get(m.req);
          pending.delete(m.req);
          if (m.t === 'snapshot') p?.resolve({ data: m.data, parsed: m.parsed, cols: m.cols, rows: m.rows });
          else p?.resolve({ lines: m.lines, cursor: m.cursor, parsed: m.parsed, cols: m.cols, rows: m.rows });
          return;
        }
        case 'missing': {
          const p = pending.get(m.req);
          pending.delete(m.req);
          p?.reject(new Error('screen model is gone'));
          return;
        }
      }
    });
    w.on('error', (e) => deps.logger.error('screen worker failed', { err: e }));
    w.on('exit', (code) => {
      if (disposed) return;
      deps.logger.error('screen worker exited; starting a new one', { code });
      for (const p of pending.values()) p.reject(new Error('screen worker exited'));
      pending.clear();
      worker = start();
      for (const [id, m] of models) send({ t: 'create', id, cols: m.cols, rows: m.rows });
    });
    // The worker must not keep a finished process alive; dispose() ends it anyway.
    w.unref();
    return w;
  }

  function send(m: ToWorker): void {
    worker.postMessage(m);
  }

  function request<T extends ScreenSnapshot | ScreenText>(m: Extract<ToWorker, { t: 'snapshot' | 'text' }>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      pending.set(m.req, { resolve: resolve as Pending['resolve'], reject });
      send(m);
    });
  }

  return {
    create(opts): ScreenModel {
      const id = nextId++;
      models.set(id, { cols: opts.cols, rows: opts.rows, onParsed: opts.onParsed });
      send({ t: 'create', id, cols: opts.cols, rows: opts.rows });
      return {
        write: (data) => send({ t: 'write', id, data }),
        resize(cols, rows) {
          const m = models.get(id);
          if (m) {
            m.cols = cols;
            m.rows = rows;
          }
          send({ t: 'resize', id, cols, rows });
        },
        snapshot: (scrollback) => request<ScreenSnapshot>({ t: 'snapshot', id, req: nextReq++, scrollback }),
        text: () => request<ScreenText>({ t: 'text', id, req: nextReq++ }),
        dispose() {
          if (models.delete(id)) send({ t: 'dispose', id });
        },
      };
    },
    dispose() {
      disposed = true;
      for (const p of pending.values()) p.reject(new Error('screen worker stopped'));
      pending.clear();
      void worker.terminate();
    },
  };
}
