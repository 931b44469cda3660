import type { ApprovalInfo } from '../../../../src-preload/contract/approvals';

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export interface ApprovalNotifier {
  permission(): NotifyPermission;
  /** Must run inside a user gesture (a click): browsers ignore the request otherwise. */
  requestPermission(): Promise<NotifyPermission>;
  /** A desktop notification for a new pending approval, only while the window is not focused. */
  pendingArrived(info: ApprovalInfo): void;
  /** The approval closed: its notification has nothing left to say. */
  closed(approvalId: string): void;
}

/** What a notification says: the session, then the command or file it is about. */
export function notificationText(a: ApprovalInfo): { title: string; body: string } {
  const what = a.detail ?? a.body[0] ?? '';
  return {
    title: `${a.sessionName} asks: ${a.question}`,
    body: [a.tool ? `${a.tool}: ${what}` : what, a.risk ? `⚠ ${a.risk}` : null].filter((x) => x).join('\n'),
  };
}

/**
 * Web Notifications (the Electron main process allows 'notifications'; a
 * browser asks the person the first time they click something that needs it).
 */
export function createNotifier(deps: { onOpen(approval: ApprovalInfo): void; hasFocus(): boolean }): ApprovalNotifier {
  const shown = new Map<string, Notification>();
  const supported = typeof Notification !== 'undefined';
  const permission = (): NotifyPermission => (supported ? Notification.permission : 'unsupported');
  return {
    permission,
    async requestPermission() {
      if (!supported || Notification.permission !== 'default') return permission();
      return Notification.requestPermission();
    },
    pendingArrived(info) {
      if (permission() !== 'granted' || deps.hasFocus() || shown.has(info.id)) return;
      const { title, body } = notificationText(info);
      const n = new Notification(title, { body, tag: info.id });
      n.onclick = () => {
        window.focus();
        deps.onOpen(info);
        n.close();
      };
      shown.set(info.id, n);
    },
    closed(approvalId) {
      shown.get(approvalId)?.close();
      shown.delete(approvalId);
    },
  };
}
