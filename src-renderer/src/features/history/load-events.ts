import type { StoredEvent } from '../../../../src-preload/contract/events';
import type { Result } from '../../../../src-preload/contract/result';
import type { RendererApi } from '../../ipc/renderer-api';

/** Events shown per session: the most recent ones. */
export const EVENTS_SHOWN = 300;
/** The contract's page size limit. */
const PAGE = 1_000;
/** Pages read at most (the list is for people; older events stay exportable). */
const MAX_PAGES = 20;

/**
 * The newest EVENTS_SHOWN events of a session, oldest first. The contract
 * pages forward from a sequence number, so this walks to the end keeping
 * only the tail.
 */
export async function loadRecentEvents(api: RendererApi, sessionId: string): Promise<Result<StoredEvent[]>> {
  let tail: StoredEvent[] = [];
  let afterSeq = 0;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await api.invoke('history.events', { sessionId, afterSeq, limit: PAGE });
    if (!r.ok) return r;
    tail = [...tail, ...r.value].slice(-EVENTS_SHOWN);
    const last = r.value[r.value.length - 1];
    if (r.value.length < PAGE || !last) break;
    afterSeq = last.seq;
  }
  return { ok: true, value: tail };
}
