import { parentPort } from 'node:worker_threads';
import { HeadlessScreen } from '../core/terminal/headless-screen';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The screen worker: every session's headless xterm lives here, so parsing
 * floods of output never delays the main thread's pty reads, input and
 * transport (keystroke echo latency depends on that loop staying free).
 */
const port = parentPort;
if (!port) throw new Error('screen-worker must run as a worker thread');
const screens = new Map<number, HeadlessScreen>();
const post = (m: FromWorker): void => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'create':
      screens.set(m.id, new HeadlessScreen(m.cols, m.rows));
      return;
    case 'write': {
      const s = screens.get(m.id);
      s?.write(m.data, (chars) => post({ t: 'parsed', id: m.id, chars }));
      return;
    }
    case 'resize':
      screens.get(m.id)?.resize(m.cols, m.rows);
      return;
    case 'snapshot': {
      const s = screens.get(m.id);
      if (!s) return post({ t: 'missing', req: m.req });
      void s.barrier().then(() => post({ t: 'snapshot', req: m.req, data: s.serialize(m.scrollback), parsed: s.parsed, cols: s.cols, rows: s.rows }));
      return;
    }
    case 'text': {
      const s = screens.get(m.id);
      if (!s) return post({ t: 'missing', req: m.req });
      void s.barrier().then(() => post({ t: 'text', req: m.req, lines: s.visibleLines(), cursor: s.cursor(), parsed: s.parsed, cols: s.cols, rows: s.rows }));
      return;
    }
    case 'dispose':
      screens.get(m.id)?.dispose();
      screens.delete(m.id);
      return;
  }
});
