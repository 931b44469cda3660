import { useEffect, useState, useSyncExternalStore } from 'react';
import { HEALTH_MODES, type HealthMode } from '../../../../src-preload/contract/health';
import { useServices } from '../../app/services';
import { useAppStore } from '../../stores/store-context';
import { MetricChart } from './MetricChart';
import { STAGE_LABEL, STRATEGY_LABEL } from './recovery-labels';
import { RecoveryHistory } from './RecoveryHistory';
import { METRICS } from './series';
import { useAllHealth, useHealthSettings } from './use-health';

const MODE_LABEL: Readonly<Record<HealthMode, string>> = { off: 'Off (measure only)', suggest: 'Suggest', auto: 'Automatic' };
const fmt = (v: number | null | undefined, unit = '', digits = 0) => (v === null || v === undefined ? '—' : `${v.toFixed(digits)}${unit}`);

/** The Health tab: overview of every session, graphs (all sessions, or one), and the recovery history. */
export function HealthView({ hidden }: { hidden: boolean }) {
  return hidden ? null : <HealthPanel />;
}

function HealthPanel() {
  const { health } = useServices();
  const sessions = useAppStore((s) => s.sessions.byId);
  const all = useAllHealth();
  const settings = useHealthSettings();
  const host = useSyncExternalStore(health.subscribe, health.getHost);
  const [selected, setSelected] = useState<string | null>(null);
  const [, setTick] = useState(0);
  // The table's numbers refresh with the ticks, at most once a second (the charts redraw on their own).
  useEffect(() => health.onTick(() => setTick((n) => n + 1)), [health]);

  const rows = Object.values(sessions).filter((s) => s.live || (all[s.id] !== undefined && all[s.id]?.stage !== 'healthy') || health.series.count(s.id) > 0);
  const names = Object.fromEntries(Object.values(sessions).map((s) => [s.id, s.name]));
  const graphed = selected ? [selected] : rows.map((s) => s.id).filter((id) => health.series.count(id) > 0 || sessions[id]?.live);

  return (
    <div className="health-view" data-testid="health-view">
      <header className="view-header">
        <h2>Health</h2>
        <span className="view-header-hint">
          Host: CPU {fmt(host?.cpuPct, ' %')} · memory {fmt(host?.memPct, ' %')} · disk {fmt(host?.diskPct, ' %')}
        </span>
        <span className="pane-spacer" />
        <label className="health-mode">
          Self-healing{' '}
          <select data-testid="health-default-mode" value={settings?.defaultMode ?? 'suggest'} onChange={(e) => void health.setMode(e.target.value as HealthMode)}>
            {HEALTH_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="health-scroll">
        <table className="health-table" data-testid="health-table">
          <thead>
            <tr>
              <th>Session</th>
              <th>Stage</th>
              <th>Issues</th>
              <th>CPU</th>
              <th>Memory</th>
              <th>Output</th>
              <th>Anomaly</th>
              <th>Suggested</th>
              <th>Mode</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const h = all[s.id];
              const last = health.series.last(s.id) ?? h?.lastSample;
              return (
                <tr key={s.id} className={selected === s.id ? 'is-selected' : ''} data-testid="health-row" data-session-id={s.id} onClick={() => setSelected(selected === s.id ? null : s.id)}>
                  <td>{s.name}</td>
                  <td data-testid="health-stage">{h ? STAGE_LABEL[h.stage] : '—'}</td>
                  <td title={h?.issues.map((i) => i.reason).join('\n')}>{h?.issues.map((i) => i.kind.replace('_', ' ')).join(', ') || '—'}</td>
                  <td>{fmt(last?.cpuPct, ' %', 1)}</td>
                  <td>{last?.rssBytes ? `${Math.round(last.rssBytes / 1024 ** 2)} MB` : '—'}</td>
                  <td>{fmt(last?.outRate, '/s')}</td>
                  <td>{fmt(last?.anomaly, '', 1)}</td>
                  <td title={h?.suggestion?.reason}>{h?.suggestion ? STRATEGY_LABEL[h.suggestion.strategy] : '—'}</td>
                  <td onClick={(e) => e.stopPropagation()}>
                    <select value={h?.mode ?? 'suggest'} onChange={(e) => void health.setMode(e.target.value as HealthMode, s.id)} aria-label={`Self-healing for ${s.name}`}>
                      {HEALTH_MODES.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="muted">
                  No sessions yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <p className="muted health-graphs-title">{selected ? `Graphs of ${names[selected] ?? selected} (click the row again for all sessions)` : 'All sessions (click a row for one session and its timeline)'}</p>
        <div className="health-charts" data-testid="health-charts">
          {METRICS.map((m) => (
            <MetricChart key={m} metric={m} sessionIds={graphed} names={names} />
          ))}
        </div>
        <RecoveryHistory sessionId={selected} />
      </div>
    </div>
  );
}
