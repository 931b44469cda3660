import { useEffect } from 'react';
import { IconButton } from '../../components/Button';
import { useAppStore } from '../../stores/store-context';

/** Info notices fade on their own; warnings and errors stay until dismissed. */
const INFO_NOTICE_MS = 6_000;

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);

  useEffect(() => {
    const timers = notices.filter((n) => n.level === 'info').map((n) => window.setTimeout(() => dismiss(n.id), INFO_NOTICE_MS));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [notices, dismiss]);

  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span className="notice-text">{n.message}</span>
          <IconButton icon="close" label="Dismiss" onClick={() => dismiss(n.id)} />
        </div>
      ))}
    </div>
  );
}
