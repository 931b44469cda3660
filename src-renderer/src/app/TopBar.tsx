import { IconButton } from '../components/Button';
import { Icon } from '../components/Icon';
import { ConnectionStatus } from '../features/connection/ConnectionStatus';
import { selectActiveRunCount, selectPendingCount } from '../stores/selectors';
import { useAppStore } from '../stores/store-context';

export function TopBar() {
  const tab = useAppStore((s) => s.ui.tab);
  const layout = useAppStore((s) => s.ui.layout);
  const setTab = useAppStore((s) => s.setTab);
  const setLayout = useAppStore((s) => s.setLayout);
  const name = useAppStore((s) => s.appInfo?.name ?? 'Dual Orchestrator');
  const pending = useAppStore(selectPendingCount);
  const activeRuns = useAppStore(selectActiveRunCount);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {name}
      </div>
      <div className="tabs" role="tablist" aria-label="Views">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'terminals'} data-testid="terminals-tab" onClick={() => setTab('terminals')}>
          <Icon name="terminal" /> Terminals
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'runs'} data-testid="runs-tab" onClick={() => setTab('runs')}>
          <Icon name="crown" /> Runs
          {activeRuns > 0 ? <span className="tab-count tab-count-neutral">{activeRuns}</span> : null}
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'approvals'} data-testid="approvals-tab" onClick={() => setTab('approvals')}>
          <Icon name="inbox" /> Approvals
          {pending > 0 ? <span className="tab-count">{pending}</span> : null}
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'decisions'} data-testid="decisions-tab" onClick={() => setTab('decisions')}>
          <Icon name="shield" /> Decisions
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'history'} data-testid="history-tab" onClick={() => setTab('history')}>
          <Icon name="history" /> History
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'policy'} data-testid="policy-tab" onClick={() => setTab('policy')}>
          <Icon name="gear" /> Policy
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'locks'} data-testid="locks-tab" onClick={() => setTab('locks')}>
          <Icon name="lock" /> Locks
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'health'} data-testid="health-tab" onClick={() => setTab('health')}>
          <Icon name="history" /> Health
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'settings'} data-testid="settings-tab" onClick={() => setTab('settings')}>
          <Icon name="wrench" /> Settings
        </button>
      </div>
      <div className="topbar-right">
        <div className="segmented" role="group" aria-label="Layout">
          <IconButton
            icon="grid"
            label="Grid: all sessions at once"
            testId="layout-grid"
            pressed={layout === 'grid'}
            onClick={() => {
              setLayout('grid');
              setTab('terminals');
            }}
          />
          <IconButton
            icon="single"
            label="Single: the focused session full size"
            testId="layout-single"
            pressed={layout === 'single'}
            onClick={() => {
              setLayout('single');
              setTab('terminals');
            }}
          />
        </div>
        <ConnectionStatus />
      </div>
    </header>
  );
}
