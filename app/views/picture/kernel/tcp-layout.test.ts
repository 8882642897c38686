import { describe, expect, it } from 'vitest';
import type { SkbView, TcpView } from '../../../sim-types';
import { cutRange, MIN_SKB_PX, MIN_SPAN, rel, seqScale, skbBox, xOf } from './tcp-layout';

function skb(id: number, seq: number, len: number, consumed = 0): SkbView {
  return {
    id,
    seq: seq >>> 0,
    end: (seq + len) >>> 0,
    len,
    segs: 1,
    truesize: 2304,
    consumed,
    pduColor: -1,
    pduId: -1,
    spans: [],
  };
}

function tcp(p: Partial<TcpView>): TcpView {
  const empty = { skbs: 0, bytes: 0, cut: 0 };
  return {
    rcvNxt: 0,
    copiedSeq: 0,
    window: 0,
    rmemAlloc: 0,
    rcvbuf: 0,
    ownedByUser: false,
    backlog: [],
    receive: [],
    ofo: [],
    rcvWnd: 0,
    backlogLen: 0,
    established: true,
    totals: { backlog: empty, receive: empty, ofo: empty },
    ...p,
  };
}

describe('seqScale', () => {
  it('starts at copied_seq, or at the head skb when it is partly read', () => {
    const s = seqScale(tcp({ copiedSeq: 1000, rcvNxt: 4000, receive: [skb(1, 500, 3500, 500)] }), 800);
    expect(s.left).toBe(-500);
    expect(xOf(s, 500)).toBe(0);
    expect(xOf(s, 1000)).toBeGreaterThan(0);
  });
  it('shows the whole window when it is small next to the data', () => {
    const s = seqScale(
      tcp({ copiedSeq: 0, rcvNxt: 20_000, window: 5_000, receive: [skb(1, 0, 20_000)] }),
      1000,
    );
    expect(s.windowClipped).toBe(false);
    expect(s.right).toBe(25_000);
  });
  it('cuts a 2 MiB window so a few segments stay wide, and says so', () => {
    const t = tcp({
      copiedSeq: 0,
      rcvNxt: 2896,
      window: 2 * 1024 * 1024,
      receive: [skb(1, 0, 1448), skb(2, 1448, 1448)],
    });
    const s = seqScale(t, 1000);
    expect(s.windowClipped).toBe(true);
    expect(s.right).toBeLessThan(s.winEnd);
    expect(skbBox(s, t.receive[0]!).w).toBeGreaterThan(30);
  });
  it('works across the 32-bit wrap of sequence numbers', () => {
    const base = 0xffff_ff00;
    const t = tcp({ copiedSeq: base, rcvNxt: (base + 0x300) >>> 0, receive: [skb(1, base, 0x300)] });
    expect(rel(t.rcvNxt, base)).toBe(0x300);
    const s = seqScale(t, 1000);
    const b = skbBox(s, t.receive[0]!);
    expect(b.x).toBe(0);
    expect(b.w).toBeCloseTo((0x300 / MIN_SPAN) * 1000);
  });
  it('places out-of-order skbs after rcv_nxt, with the hole before them', () => {
    const t = tcp({
      copiedSeq: 0,
      rcvNxt: 1448,
      window: 60_000,
      receive: [skb(1, 0, 1448)],
      ofo: [skb(2, 2896, 1448)],
    });
    const s = seqScale(t, 1000);
    const a = skbBox(s, t.receive[0]!);
    const b = skbBox(s, t.ofo[0]!);
    expect(b.x - (a.x + a.w)).toBeGreaterThan(20);
  });
  it('gives a tiny skb a width that can be seen and clicked, inside the lane', () => {
    const t = tcp({ copiedSeq: 0, rcvNxt: 1, window: 1_000_000, receive: [skb(1, 0, 1)] });
    const s = seqScale(t, 500);
    expect(skbBox(s, t.receive[0]!).w).toBe(MIN_SKB_PX);
    const far = skbBox(s, skb(9, 5_000_000, 10));
    expect(far.x + far.w).toBeLessThanOrEqual(500);
  });
});

describe('cutRange', () => {
  it('is the gap between the kept halves of a cut queue', () => {
    const list = [skb(1, 0, 10), skb(2, 10, 10), skb(3, 90, 10), skb(4, 100, 10)];
    expect(cutRange(list, 8)).toEqual({ seq: 20, end: 90 });
    expect(cutRange(list, 0)).toBeNull();
  });
});
