import { describe, expect, it } from 'vitest';
import { patternByte } from '../ledger/pattern';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import { discardUnsent, enqueue, patternBlock, releaseAcked, streamBytes, streamSlices } from './send-queue';
import { initHostState } from './state';

function fresh() {
  return initHostState(DEFAULT_SCENARIO).tcp;
}

describe('send queue', () => {
  it('lays socket writes end to end and serves any range across them', () => {
    const t = fresh();
    const a = Uint8Array.from([1, 2, 3, 4, 5]);
    expect(enqueue(t, 1, [{ bytes: a }])).toBe(0);
    expect(enqueue(t, 2, [{ bytes: Uint8Array.from([9]) }, { cid: 7, off: 100, len: 10, total: 200 }])).toBe(
      5,
    );
    expect(t.end).toBe(16);
    const all = streamBytes(t, 0, 16);
    expect([...all.subarray(0, 6)]).toEqual([1, 2, 3, 4, 5, 9]);
    for (let i = 0; i < 10; i++) expect(all[6 + i]).toBe(patternByte(7, 100 + i));
    // A range that starts inside one write and ends inside the other.
    expect([...streamBytes(t, 3, 5)]).toEqual([4, 5, 9, patternByte(7, 100), patternByte(7, 101)]);
    expect(streamSlices(t, 3, 5).length).toBe(3);
  });

  it('forgets acknowledged writes and refuses ranges below snd_una', () => {
    const t = fresh();
    for (let i = 0; i < 200; i++) enqueue(t, i, [{ bytes: new Uint8Array(10).fill(i) }]);
    t.una = 1505;
    t.nxt = 1900;
    releaseAcked(t);
    expect(t.q[t.qHead]!.off).toBe(1500);
    expect(t.q.length).toBe(50);
    expect([...streamBytes(t, 1505, 10)]).toEqual([150, 150, 150, 150, 150, 151, 151, 151, 151, 151]);
    expect(() => streamSlices(t, 1490, 20)).toThrow(RangeError);
    expect(discardUnsent(t)).toBe(100);
    expect(t.end).toBe(1900);
    expect(() => streamSlices(t, 1890, 20)).toThrow(RangeError);
  });

  it('pattern blocks are the payload pattern and are shared', () => {
    const b = patternBlock(3, 64);
    expect(patternBlock(3, 64)).toBe(b);
    for (let i = 0; i < 64; i++) expect(b[i]).toBe(patternByte(3, i));
  });
});
