import type { ScreenModel, ScreenModelFactory, ScreenModelOptions } from '../ports/screen-model';
import { HeadlessScreen } from './headless-screen';

/** A screen model on the calling thread: for tests and for hosts without workers. */
export function createLocalScreen(opts: ScreenModelOptions): ScreenModel {
  const screen = new HeadlessScreen(opts.cols, opts.rows);
  return {
    write: (data) => screen.write(data, opts.onParsed),
    resize: (cols, rows) => screen.resize(cols, rows),
    async snapshot(scrollback) {
      await screen.barrier();
      return { data: screen.serialize(scrollback), parsed: screen.parsed, cols: screen.cols, rows: screen.rows };
    },
    async text() {
      await screen.barrier();
      return { lines: screen.visibleLines(), cursor: screen.cursor(), parsed: screen.parsed, cols: screen.cols, rows: screen.rows };
    },
    dispose: () => screen.dispose(),
  };
}

export const localScreenFactory: ScreenModelFactory = {
  create: createLocalScreen,
  dispose: () => undefined,
};
