import { describe, expect, it } from 'vitest';
import { ACK_BATCH_CHARS } from '../../../src-preload/contract/flow';
import { AckBatcher } from './ack-batcher';

describe('AckBatcher', () => {
  it('sends one ack per batch, carrying the whole owed amount', () => {
    const sent: number[] = [];
    const b = new AckBatcher((n) => sent.push(n));
    b.add(3_000);
    expect(sent).toEqual([]);
    b.add(2_500);
    expect(sent).toEqual([5_500]);
    expect(b.pending).toBe(0);
  });

  it('defaults to the contract batch size', () => {
    const sent: number[] = [];
    const b = new AckBatcher((n) => sent.push(n));
    b.add(ACK_BATCH_CHARS - 1);
    expect(sent).toEqual([]);
    b.add(1);
    expect(sent).toEqual([ACK_BATCH_CHARS]);
  });

  it('never loses chars: total sent + pending equals total added', () => {
    let sent = 0;
    const b = new AckBatcher((n) => (sent += n), 100);
    let added = 0;
    for (let i = 1; i < 500; i++) {
      const n = (i * 37) % 91;
      b.add(n);
      added += n;
      expect(b.pending).toBeLessThan(100);
    }
    expect(sent + b.pending).toBe(added);
  });

  it('flush sends the remainder; reset forgets it; zero is ignored', () => {
    const sent: number[] = [];
    const b = new AckBatcher((n) => sent.push(n), 10);
    b.add(0);
    b.add(4);
    b.flush();
    b.flush();
    b.add(3);
    b.reset();
    b.flush();
    expect(sent).toEqual([4]);
  });
});
