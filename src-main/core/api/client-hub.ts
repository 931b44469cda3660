import type { PushChannel } from '../../../src-preload/contract/channel-names';
import type { PushPayload } from '../../../src-preload/contract/channels';
import { DisposableStore } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { SessionService } from '../sessions/session-service';
import type { ApprovalService } from '../approvals/approval-service';
import type { LockManager } from '../locks/lock-manager';
import { dispatch } from './dispatch';
import type { ClientContext, Handlers } from './handlers';

export type PushFn = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void;

export interface ClientConnection {
  readonly clientId: string;
  request(channel: unknown, input: unknown): Promise<unknown>;
  close(): void;
}

/**
 * Connected views. A transport (Electron window, WebSocket) connects with a
 * push function and gets a connection whose requests go through dispatch;
 * session changes are broadcast to every view; closing releases the view's
 * terminal attachments so flow control never waits on a view that is gone.
 */
export class ClientHub {
  private readonly clients = new Map<string, PushFn>();
  private readonly subs = new DisposableStore();

  constructor(private readonly deps: { sessions: SessionService; handlers: Handlers; logger: Logger; approvals?: ApprovalService; locks?: LockManager }) {
    this.subs.add(deps.sessions.onChanged.event((info) => this.broadcast('session.changed', info)));
    if (deps.approvals) this.subs.add(deps.approvals.onChanged.event((a) => this.broadcast('approval.changed', a)));
    if (deps.locks) this.subs.add(deps.locks.onDidChange(({ resources }) => this.broadcast('locks.changed', { resources: [...resources] })));
    this.subs.add(deps.sessions.onRemoved.event((sessionId) => this.broadcast('session.removed', { sessionId })));
  }

  get size(): number {
    return this.clients.size;
  }

  broadcast<C extends PushChannel>(channel: C, payload: PushPayload<C>): void {
    for (const push of this.clients.values()) push(channel, payload);
  }

  connect(push: PushFn, prefix = 'c'): ClientConnection {
    const clientId = newId(prefix);
    this.clients.set(clientId, push);
    let closed = false;
    return {
      clientId,
      request: (channel, input) => {
        const ctx: ClientContext = { clientId, correlationId: newId('r', 6), push };
        return dispatch(this.deps.handlers, this.deps.logger, channel, input, ctx);
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.clients.delete(clientId);
        this.deps.sessions.detachView(clientId);
      },
    };
  }

  dispose(): void {
    this.subs.dispose();
    this.clients.clear();
  }
}
