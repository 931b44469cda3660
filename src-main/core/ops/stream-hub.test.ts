import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src-preload/contract/events';
import { Emitter } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import { createFakeClock } from '../ports/fake-clock';
import type { EventLog, NewEvent } from '../ports/store';
import { HEARTBEAT_INTERVAL_MS, StreamHub, type StreamFrame, type StreamSink } from './stream-hub';

/** The event log's behaviour that matters here: batched appends, seq on flush, query flushes first. */
function memoryEventLog(): EventLog & { rows: StoredEvent[] } {
  const rows: StoredEvent[] = [];
  let queue: NewEvent[] = [];
  const appended = new Emitter<readonly StoredEvent[]>();
  const flush = (): void => {
    const batch = queue.map((e, i) => ({ ...e, seq: rows.length + i + 1 }));
    queue = [];
    rows.push(...batch);
    if (batch.length) appended.fire(batch);
  };
  return {
    rows,
    append: (e) => void queue.push(e),
    flush,
    query(f) {
      flush();
      let out = rows.filter((r) => r.seq > (f.afterSeq ?? 0) && (!f.sessionId || r.sessionId === f.sessionId) && (!f.types?.length || f.types.includes(r.type)));
      if (f.newestFirst) out = [...out].reverse();
      return out.slice(0, f.limit);
    },
    subscribe: (l) => appended.event(l),
  };
}

function sink(): StreamSink & { frames: StreamFrame[]; closed: string | null; full: boolean } {
  const s = {
    frames: [] as StreamFrame[],
    closed: null as string | null,
    full: false,
    send(f: StreamFrame) {
      if (s.full) return false;
      s.frames.push(f);
      return true;
    },
    close(reason: string) {
      s.closed = reason;
    },
  };
  return s;
}
const seqs = (s: { frames: StreamFrame[] }): number[] => s.frames.flatMap((f) => (f.kind === 'event' ? [f.event.seq] : []));
const ev = (type: string, sessionId: string | null = null): NewEvent => ({ ts: 0, type, sender: 'core', sessionId, correlationId: null, data: {} });

function setup() {
  const clock = createFakeClock();
  const log = memoryEventLog();
  const hub = new StreamHub({ clock, events: log, newId: (p) => newId(p) });
  return { clock, log, hub };
}

describe('live event stream hub', () => {
  it('says hello with a client id, then forwards new events in seq order', () => {
    const { log, hub } = setup();
    log.append(ev('old'));
    log.flush();
    const s = sink();
    const c = hub.connect({ transport: 'sse', principal: 'test', filter: {} }, s);
    expect(c.ok).toBe(true);
    expect(s.frames[0]).toMatchObject({ kind: 'hello', reconnects: 0 });
    log.append(ev('a'));
    log.append(ev('b'));
    log.flush();
    expect(seqs(s)).toEqual([2, 3]);
  });

  it('resumes exactly after Last-Event-ID: nothing missed, nothing twice', () => {
    const { log, hub } = setup();
    for (let i = 0; i < 2_500; i++) log.append(ev(`e${i}`));
    log.flush();
    const first = sink();
    const c = hub.connect({ transport: 'sse', principal: 't', clientId: 'client-1', lastEventId: 0, filter: {} }, first);
    expect(seqs(first)).toHaveLength(2_500);
    if (c.ok) c.value.close();
    // Written while the client is away, some still unflushed when it returns.
    for (let i = 0; i < 10; i++) log.append(ev('while-away'));
    log.flush();
    log.append(ev('queued'));
    const again = sink();
    hub.connect({ transport: 'sse', principal: 't', clientId: 'client-1', lastEventId: 2_500, filter: {} }, again);
    log.append(ev('after'));
    log.flush();
    expect(seqs(again)).toEqual(Array.from({ length: 12 }, (_, i) => 2_501 + i));
    expect(again.frames[0]).toMatchObject({ kind: 'hello', clientId: 'client-1', reconnects: 1 });
    expect(hub.list().find((x) => x.clientId === 'client-1')).toMatchObject({ reconnects: 1, connected: true, lastEventSeq: 2_512 });
  });

  it('filters by session and type, in replay and live', () => {
    const { log, hub } = setup();
    log.append(ev('x', 's_aaaaaa'));
    log.append(ev('y', 's_aaaaaa'));
    log.append(ev('x', 's_bbbbbb'));
    const s = sink();
    hub.connect({ transport: 'websocket', principal: 't', lastEventId: 0, filter: { sessionId: 's_aaaaaa', types: ['x'] } }, s);
    log.append(ev('x', 's_aaaaaa'));
    log.append(ev('x', 's_bbbbbb'));
    log.flush();
    expect(seqs(s)).toEqual([1, 4]);
  });

  it('sends a heartbeat with the server time every second and records it', () => {
    const { clock, hub } = setup();
    const s = sink();
    hub.connect({ transport: 'sse', principal: 't', clientId: 'hb-client', filter: {} }, s);
    clock.advance(HEARTBEAT_INTERVAL_MS * 3);
    const beats = s.frames.filter((f) => f.kind === 'heartbeat');
    expect(beats).toHaveLength(3);
    expect(beats[2]).toMatchObject({ clientId: 'hb-client', serverTime: clock.now() });
    expect(hub.list()[0]!.lastHeartbeatAt).toBe(clock.now());
  });

  it('closes a client that cannot keep up; it resumes where it stopped', () => {
    const { log, hub } = setup();
    const s = sink();
    hub.connect({ transport: 'sse', principal: 't', clientId: 'slow-client', filter: {} }, s);
    log.append(ev('a'));
    log.flush();
    s.full = true;
    log.append(ev('b'));
    log.flush();
    expect(s.closed).toMatch(/too slow/);
    expect(hub.list()[0]).toMatchObject({ connected: false, lastEventSeq: 1 });
    const again = sink();
    hub.connect({ transport: 'sse', principal: 't', clientId: 'slow-client', lastEventId: 1, filter: {} }, again);
    expect(seqs(again)).toEqual([2]);
  });

  it('refuses odd client ids', () => {
    const { hub } = setup();
    expect(hub.connect({ transport: 'sse', principal: 't', clientId: 'a b\n', filter: {} }, sink())).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
