import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { IconButton } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';

/** Find in one terminal's scrollback (VS Code's find widget, top right of the pane). */
export function SearchBar({ sessionId }: { sessionId: string }) {
  const { terminals } = useServices();
  const setSearchOpen = useAppStore((s) => s.setSearchOpen);
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    const off = terminals.onSearchResults(sessionId, setResults);
    return () => {
      off();
      terminals.clearSearch(sessionId);
    };
  }, [sessionId, terminals]);

  const find = (backwards: boolean, incremental = false, value = text, cs = caseSensitive) => {
    if (value === '') {
      terminals.clearSearch(sessionId);
      setResults(null);
      return;
    }
    terminals.find(sessionId, value, { caseSensitive: cs, backwards, incremental });
  };

  const close = () => {
    setSearchOpen(sessionId, false);
    terminals.focus(sessionId);
  };

  const countText =
    text === '' || results === null ? '' : results.count === 0 ? 'No results' : results.index < 0 ? `${results.count}+ matches` : `${results.index + 1} of ${results.count}`;

  return (
    <div className="search-bar" role="search" onMouseDown={(e) => e.stopPropagation()}>
      <input
        ref={inputRef}
        className="search-input"
        data-testid="search-input"
        aria-label="Find in terminal"
        placeholder="Find"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          find(false, true, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <button
        type="button"
        className={`icon-btn search-case${caseSensitive ? ' is-pressed' : ''}`}
        aria-label="Match case"
        title="Match case"
        aria-pressed={caseSensitive}
        data-testid="search-case"
        onClick={() => {
          setCaseSensitive(!caseSensitive);
          find(false, true, text, !caseSensitive);
        }}
      >
        Aa
      </button>
      <span className="search-count" data-testid="search-count" aria-live="polite">
        {countText}
      </span>
      <IconButton icon="up" label="Previous match (Shift+Enter)" testId="search-prev" onClick={() => find(true)} />
      <IconButton icon="down" label="Next match (Enter)" testId="search-next" onClick={() => find(false)} />
      <IconButton icon="close" label="Close (Escape)" testId="search-close" onClick={close} />
    </div>
  );
}
