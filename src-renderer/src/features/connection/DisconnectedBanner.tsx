import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';

/** Countdown refresh while waiting for the next attempt. */
const TICK_MS = 500;

/** Across the top while the core is unreachable: what is happening and a way to hurry it. */
export function DisconnectedBanner() {
  const { api } = useServices();
  const connection = useAppStore((s) => s.connection);
  const [now, setNow] = useState(() => Date.now());
  const waiting = connection.state === 'reconnecting';

  useEffect(() => {
    if (!waiting) return;
    const t = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(t);
  }, [waiting]);

  if (!waiting) return null;
  const secs = connection.retryAt ? Math.max(0, Math.ceil((connection.retryAt - now) / 1000)) : 0;
  return (
    <div className="banner banner-warning" role="alert" data-testid="disconnected-banner">
      <span>
        Connection to Dual Orchestrator lost; the terminals keep their last output until it is back.{' '}
        {secs > 0 ? `Retrying in ${secs} s (attempt ${connection.attempt}).` : 'Reconnecting…'}
      </span>
      <Button variant="ghost" onClick={() => api.retryNow()}>
        Retry now
      </Button>
    </div>
  );
}
