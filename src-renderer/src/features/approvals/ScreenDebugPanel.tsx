import { useCallback, useEffect, useState } from 'react';
import type { ScreenDebug } from '../../../../src-preload/contract/channels';
import { useServices } from '../../app/services';
import { IconButton } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';

/** Why the screen classifier thinks what it thinks: rule, file, line, and the rows it used. */
export function ScreenDebugPanel({ sessionId }: { sessionId: string }) {
  const { api } = useServices();
  const close = useAppStore((s) => s.setDebugOpen);
  const [debug, setDebug] = useState<ScreenDebug | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.invoke('screen.debug', { sessionId });
    if (r.ok) {
      setDebug(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [api, sessionId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="screen-debug" data-testid="screen-debug" role="region" aria-label="Screen classifier explanation">
      <header className="screen-debug-head">
        <strong>Screen debug</strong>
        {debug ? (
          <span className="muted">
            {debug.agent} · {debug.state}
            {debug.ruleId ? ` · ${debug.ruleId}` : ''} · rules {debug.rulesVersion}
          </span>
        ) : null}
        <span className="pane-spacer" />
        <IconButton icon="refresh" label="Read the screen again" testId="screen-debug-refresh" onClick={() => void load()} />
        <IconButton icon="close" label="Close" testId="screen-debug-close" onClick={() => close(sessionId, false)} />
      </header>
      {error ? <div className="approval-error">{error}</div> : null}
      <pre className="screen-debug-text">{debug ? debug.explanation : error ? '' : 'Reading the screen…'}</pre>
    </div>
  );
}
