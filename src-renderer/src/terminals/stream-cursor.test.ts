import { describe, expect, it } from 'vitest';
import { StreamCursor } from './stream-cursor';

const msg = (offset: number, data: string, epoch = 0) => ({ sessionId: 's_abcdef', offset, epoch, data });

describe('StreamCursor', () => {
  it('buffers pushes until the attach answer, then drops what the snapshot covers', () => {
    const c = new StreamCursor();
    c.beginAttach();
    expect(c.push(msg(0, 'hello'))).toBeNull();
    expect(c.push(msg(5, 'world'))).toBeNull();
    expect(c.pendingChars()).toBe(10);
    const actions = c.attachedAt(0, 5);
    expect(actions).toEqual([
      { kind: 'drop', ackChars: 5 },
      { kind: 'write', data: 'world', ackChars: 5 },
    ]);
    expect(c.position()).toEqual({ epoch: 0, nextOffset: 10 });
  });

  it('slices a push that straddles the snapshot offset and acks all of it', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.push(msg(0, 'abcdef'));
    expect(c.attachedAt(0, 4)).toEqual([{ kind: 'write', data: 'ef', ackChars: 6 }]);
  });

  it('writes contiguous pushes after attaching', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.attachedAt(0, 100);
    expect(c.push(msg(100, 'xy'))).toEqual({ kind: 'write', data: 'xy', ackChars: 2 });
    expect(c.push(msg(102, 'z'))).toEqual({ kind: 'write', data: 'z', ackChars: 1 });
    expect(c.position()).toEqual({ epoch: 0, nextOffset: 103 });
  });

  it('drops an exact duplicate', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.attachedAt(0, 0);
    c.push(msg(0, 'abc'));
    expect(c.push(msg(0, 'abc'))).toEqual({ kind: 'drop', ackChars: 3 });
  });

  it('resets on a higher epoch and continues from that push', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.attachedAt(2, 50);
    expect(c.push(msg(0, 'new process', 3))).toEqual({ kind: 'reset-write', data: 'new process', ackChars: 11 });
    expect(c.push(msg(11, '!', 3))).toEqual({ kind: 'write', data: '!', ackChars: 1 });
    expect(c.position()).toEqual({ epoch: 3, nextOffset: 12 });
  });

  it('drops pushes of an older epoch', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.attachedAt(3, 0);
    expect(c.push(msg(999, 'old', 2))).toEqual({ kind: 'drop', ackChars: 3 });
  });

  it('handles a restart that happened between snapshot and buffered pushes', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.push(msg(10, 'old tail', 0));
    c.push(msg(0, 'fresh', 1));
    expect(c.attachedAt(0, 18)).toEqual([
      { kind: 'drop', ackChars: 8 },
      { kind: 'reset-write', data: 'fresh', ackChars: 5 },
    ]);
  });

  it('reports a gap so the view can re-attach', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.attachedAt(0, 10);
    expect(c.push(msg(20, 'later'))).toEqual({ kind: 'gap', ackChars: 5, expected: 10, got: 20 });
  });

  it('a new attach discards what was buffered for the old one', () => {
    const c = new StreamCursor();
    c.beginAttach();
    c.push(msg(0, 'aaa'));
    c.beginAttach();
    expect(c.pendingChars()).toBe(0);
    expect(c.attached).toBe(false);
    expect(c.attachedAt(0, 0)).toEqual([]);
  });

  it('never writes a char twice nor skips one for any chunking (exhaustive small cases)', () => {
    const text = 'abcdefghij';
    for (let snap = 0; snap <= text.length; snap++) {
      for (let cut = 1; cut < text.length; cut++) {
        const c = new StreamCursor();
        c.beginAttach();
        c.push(msg(0, text.slice(0, cut)));
        const out: string[] = [];
        const apply = (a: ReturnType<StreamCursor['push']>) => {
          if (a && a.kind === 'write') out.push(a.data);
        };
        c.attachedAt(0, snap).forEach(apply);
        apply(c.push(msg(cut, text.slice(cut))));
        expect(text.slice(0, snap) + out.join('')).toBe(text);
      }
    }
  });
});
