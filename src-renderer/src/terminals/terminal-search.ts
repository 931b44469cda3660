import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import { SEARCH_DECORATIONS } from './terminal-options';

/** Highlighted matches at most; beyond it the count shows "N+ matches" (the addon reports index -1). */
const HIGHLIGHT_LIMIT = 1_000;

export type SearchResults = { index: number; count: number };

export interface FindOptions {
  caseSensitive: boolean;
  backwards: boolean;
  /** Extend the current match while typing instead of jumping to the next one. */
  incremental?: boolean;
}

/** Find in one terminal's scrollback, with match decorations and a result count. */
export class TerminalSearch {
  private readonly addon = new SearchAddon({ highlightLimit: HIGHLIGHT_LIMIT });

  constructor(private readonly term: Terminal) {
    term.loadAddon(this.addon);
  }

  find(text: string, opts: FindOptions): boolean {
    const o: ISearchOptions = { caseSensitive: opts.caseSensitive, decorations: SEARCH_DECORATIONS, incremental: opts.incremental ?? false };
    return opts.backwards ? this.addon.findPrevious(text, o) : this.addon.findNext(text, o);
  }

  clear(): void {
    this.addon.clearDecorations();
    this.term.clearSelection();
  }

  onResults(listener: (r: SearchResults) => void): () => void {
    const d = this.addon.onDidChangeResults((e) => listener({ index: e.resultIndex, count: e.resultCount }));
    return () => d.dispose();
  }
}
