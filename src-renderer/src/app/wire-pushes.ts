import type { ApprovalNotifier } from '../features/approvals/notifier';
import type { RendererApi } from '../ipc/renderer-api';
import type { AppStore } from '../stores/app-store';
import type { Actions } from './actions';

/**
 * Keeps the store in step with the core: session pushes, notices, the
 * connection state, and a full reload after every reconnect (pushes sent
 * while we were away are lost). Returns the unsubscribe.
 */
export function wirePushes(api: RendererApi, store: AppStore, actions: Actions, notifier: ApprovalNotifier): () => void {
  const s = () => store.getState();
  const subs = [
    api.on('session.changed', (info) => s().sessionChanged(info)),
    api.on('session.removed', ({ sessionId }) => s().sessionRemoved(sessionId)),
    api.on('app.notice', (n) => s().notify(n.level, n.message)),
    api.on('approval.changed', (a) => {
      const isNew = a.status === 'pending' && !s().approvals.pending.some((p) => p.id === a.id);
      s().approvalChanged(a);
      if (isNew) notifier.pendingArrived(a);
      if (a.status !== 'pending') notifier.closed(a.id);
    }),
    // Only the visible view needs the table now; opening the tab reads it afresh.
    api.on('locks.changed', () => {
      if (s().ui.tab === 'locks') void actions.loadLocks();
    }),
    api.on('run.changed', (run) => s().runChanged(run)),
    api.on('task.changed', (task) => s().taskChanged(task)),
    api.onConnection((c) => {
      const wasOpen = s().connection.state === 'open';
      s().setConnection(c);
      // The first open loads everything; later opens are reconnects, handled below.
      if (c.state === 'open' && !wasOpen && !s().sessions.loaded) void actions.refresh();
    }),
    api.onReconnect(() => {
      void actions.refresh();
      if (s().ui.tab === 'locks') void actions.loadLocks();
    }),
  ];
  if (api.connection().state === 'open') void actions.refresh();
  return () => subs.forEach((un) => un());
}
