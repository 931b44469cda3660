import { app } from 'electron';
import type { ApprovalService } from '../core/approvals/approval-service';
import type { Disposable } from '../lib/disposable';

/**
 * The pending-approvals count on the dock (macOS) or launcher (Linux Unity).
 * Windows has no badge count API; the window title carries the count there
 * (the renderer sets it), and the taskbar flashes when one arrives.
 */
export function installApprovalBadge(approvals: ApprovalService, flash: () => void): Disposable {
  let last = 0;
  return approvals.onChanged.event(() => {
    const n = approvals.list().length;
    if (n === last) return;
    if (process.platform !== 'win32') app.setBadgeCount(n);
    else if (n > last) flash();
    last = n;
  });
}
