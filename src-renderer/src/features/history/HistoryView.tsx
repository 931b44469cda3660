import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Dot } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../stores/store-context';
import { PROFILE_ICON } from '../sessions/session-icons';
import { describeState } from '../sessions/state-label';
import { HistoryDetail } from './HistoryDetail';

/** Sessions listed (the contract's maximum is 1 000). */
const HISTORY_LIMIT = 200;

/** Past sessions from the store on disk: pick one to see its events and last screen. */
export function HistoryView({ hidden }: { hidden: boolean }) {
  const { api } = useServices();
  const live = useAppStore((s) => s.sessions.byId);
  const selectedId = useAppStore((s) => s.ui.historySelectedId);
  const select = useAppStore((s) => s.selectHistory);
  const notify = useAppStore((s) => s.notify);
  const [list, setList] = useState<SessionInfo[] | null>(null);

  const load = useCallback(async () => {
    const r = await api.invoke('history.sessions', { limit: HISTORY_LIMIT });
    if (r.ok) setList(r.value);
    else notify('error', `Could not load the history: ${r.error.message}`);
  }, [api, notify]);

  useEffect(() => {
    if (!hidden) void load();
  }, [hidden, load]);

  if (hidden) return null;
  // The store has fresher records for sessions the core still knows (state changes are pushed).
  const sessions = (list ?? []).map((s) => live[s.id] ?? s);
  const selected = sessions.find((s) => s.id === selectedId) ?? (selectedId ? live[selectedId] : undefined);

  return (
    <div className="history">
      <aside className="history-list" aria-label="Past sessions">
        {list === null ? <p className="muted pad">Loading…</p> : null}
        {list !== null && sessions.length === 0 ? <p className="muted pad">No sessions yet.</p> : null}
        <ul>
          {sessions.map((s) => {
            const st = describeState(s);
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`history-item${s.id === selectedId ? ' is-selected' : ''}`}
                  data-testid="history-item"
                  data-session-id={s.id}
                  data-state={s.state}
                  aria-current={s.id === selectedId ? 'true' : undefined}
                  onClick={() => select(s.id)}
                >
                  <Icon name={PROFILE_ICON[s.profileId]} />
                  <span className="history-item-text">
                    <span className="history-item-name">{s.name}</span>
                    <span className="history-item-sub">
                      {new Date(s.endedAt ?? s.startedAt ?? s.createdAt).toLocaleString()} · {st.label}
                    </span>
                  </span>
                  <Dot tone={st.tone} label={st.label} />
                </button>
              </li>
            );
          })}
        </ul>
      </aside>
      {selected ? (
        <HistoryDetail
          key={selected.id}
          session={selected}
          onForgotten={() => {
            select(null);
            void load();
          }}
        />
      ) : (
        <EmptyState title="History">
          <p>Pick a session to see its events and its last screen. Ended sessions can be restarted from here.</p>
        </EmptyState>
      )}
    </div>
  );
}
