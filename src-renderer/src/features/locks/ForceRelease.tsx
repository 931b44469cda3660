import { useState } from 'react';
import { Button } from '../../components/Button';

/** Matches the contract's limit on locks.forceRelease's reason. */
const MAX_REASON_CHARS = 500;

/**
 * Force release with a small inline confirm: taking a lease away can break
 * the holder's work, so it takes two clicks and invites a reason (recorded
 * by the core with who did it). `onRelease` answers whether it worked; the
 * view shows a refusal (the row itself may be gone by then).
 */
export function ForceRelease({ resource, onRelease }: { resource: string; onRelease: (reason: string) => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    const done = await onRelease(reason.trim());
    setBusy(false);
    if (done) {
      setConfirming(false);
      setReason('');
    }
  };

  return (
    <div className="lock-force">
      {confirming ? (
        <form
          className="lock-force-confirm"
          data-testid="lock-force-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <input
            className="lock-force-reason"
            data-testid="lock-force-reason"
            aria-label={`Reason for releasing ${resource} (optional)`}
            placeholder="Reason (optional)"
            maxLength={MAX_REASON_CHARS}
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setConfirming(false);
            }}
          />
          <Button type="submit" variant="danger" testId="lock-force-submit" disabled={busy}>
            {busy ? 'Releasing…' : 'Release'}
          </Button>
          <Button variant="ghost" testId="lock-force-cancel" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button
          variant="secondary"
          testId="lock-force-release"
          title={`Take ${resource} away from its holder`}
          onClick={() => setConfirming(true)}
        >
          Force release
        </Button>
      )}
    </div>
  );
}
