import { useCallback, useState } from 'react';
import type { ApprovalDecision } from '../../../../src-preload/contract/approvals';
import { useServices } from '../../app/services';

/**
 * Sends a decision and keeps, per approval, whether one is on its way and
 * the core's refusal (e.g. "The prompt is no longer on screen; nothing was
 * sent."), shown next to the buttons that caused it.
 */
export function useDecide(): {
  decide(approvalId: string, decision: ApprovalDecision): Promise<void>;
  busy: Readonly<Record<string, boolean>>;
  errors: Readonly<Record<string, string>>;
} {
  const { actions, notifier } = useServices();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const decide = useCallback(
    async (approvalId: string, decision: ApprovalDecision) => {
      // First use, inside the click: the browser asks for notification permission only from a gesture.
      void notifier.requestPermission();
      setBusy((b) => ({ ...b, [approvalId]: true }));
      setErrors(({ [approvalId]: _old, ...rest }) => rest);
      const r = await actions.decide(approvalId, decision);
      setBusy(({ [approvalId]: _done, ...rest }) => rest);
      if (!r.ok) setErrors((e) => ({ ...e, [approvalId]: r.error.message }));
    },
    [actions, notifier],
  );
  return { decide, busy, errors };
}
