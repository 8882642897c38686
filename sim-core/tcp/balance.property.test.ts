import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Iov } from '../engine/iov';
import { type Skb, skbEndSeq } from '../skb/skb';
import { tcpBalance } from './balance';
import { tcpV4Rcv } from './ipv4';
import { sockReadv } from './recvmsg';
import { after, before, seqAdd } from './seq';
import { lockSock, releaseSockAtOpEnd } from './sock';
import type { TcpState } from './state';
import { advanceTo, mkSeg, streamByte, tcpHarness, tcpTestScenario } from './testing';
import { tcpReceiveWindow } from './window';

type Op =
  | { k: 'send'; i: number; segs: number }
  | { k: 'range'; at: number; len: number }
  | { k: 'lock' }
  | { k: 'release' }
  | { k: 'read'; n: number; m: number }
  | { k: 'time'; dt: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('send' as const),
      i: fc.nat(),
      segs: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('range' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 4000 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'lock' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'release' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('read' as const),
      n: fc.integer({ min: 0, max: 6000 }),
      m: fc.integer({ min: 0, max: 3000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('time' as const), dt: fc.integer({ min: 0, max: 60_000_000 }) }),
  },
);

/** Structural invariants of the queues, checked after every step. */
function checkInvariants(t: TcpState): void {
  let rmem = 0;
  for (const s of t.receiveQueue) rmem += s.truesize;
  for (const s of t.ofoQueue) rmem += s.truesize;
  expect(t.rmemAlloc).toBe(rmem);
  expect(t.acct.seqErrors).toBe(0);
  if (!t.ownedByUser) expect(t.backlog).toHaveLength(0);
  // The receive queue covers [copied_seq, rcv_nxt) without holes.
  if (t.receiveQueue.length === 0) {
    expect(t.copiedSeq).toBe(t.rcvNxt);
  } else {
    let pos = t.copiedSeq;
    expect(after(t.receiveQueue[0]!.seq, pos)).toBe(false);
    for (const s of t.receiveQueue) {
      expect(after(s.seq, pos)).toBe(false);
      expect(after(skbEndSeq(s), pos)).toBe(true);
      pos = skbEndSeq(s);
    }
    expect(pos).toBe(t.rcvNxt);
  }
  // The out-of-order queue lies beyond rcv_nxt, sorted by seq. (An skb can end up inside one
  // that grew by coalescing after it was queued, as upstream; tcp_ofo_queue drops it later.)
  let prev: Skb | null = null;
  for (const s of t.ofoQueue) {
    expect(after(s.seq, t.rcvNxt)).toBe(true);
    if (prev) expect(after(s.seq, prev.seq)).toBe(true);
    prev = s;
  }
}

interface Run {
  irs: number;
  rmemMax: number;
  sizes: number[];
  clean: boolean;
  ops: Op[];
}

function execute(r: Run): void {
  const s = tcpTestScenario();
  s.tcp.rmemMax = r.rmemMax;
  const h = tcpHarness({ scenario: s, irs: r.irs });
  const sim = h.sim;
  const t = sim.w.tcp;
  const bounds: [number, number][] = [];
  let total = 0;
  for (const n of r.sizes) {
    bounds.push([total, total + n]);
    total += n;
  }
  // Positions delivered so far, to bound the duplicates the socket may report.
  const seen = new Uint8Array(total + 8000);
  let redelivered = 0;
  let readPos = 0;
  let cleanNext = 0;
  // Clean runs deliver each segment once, in a scrambled order.
  const perm = bounds
    .map((_, i) => i)
    .sort((a, b) => ((a * 7919 + r.irs) % 101) - ((b * 7919 + r.irs) % 101));

  const deliver = (off: number, len: number, segs: number): void => {
    for (let p = off; p < off + len; p++) {
      if (seen[p]) redelivered++;
      seen[p] = 1;
    }
    tcpV4Rcv(sim, mkSeg(sim, off, len, { segs: Math.min(segs, len) }));
  };
  const read = (n: number, m: number): void => {
    const a = new Uint8Array(n);
    const b = new Uint8Array(m);
    const iovs: Iov[] = [{ buf: a, off: 0, len: n, kind: 'pdu-header' }];
    if (m > 0) iovs.push({ buf: b, off: 0, len: m, kind: 'data' });
    const got = sockReadv(sim, iovs);
    if (got < 0) return;
    for (let i = 0; i < got; i++) {
      const byte = i < n ? a[i] : b[i - n];
      if (byte !== streamByte(readPos + i)) throw new Error(`read byte ${readPos + i} is wrong`);
    }
    readPos += got;
  };

  for (const op of r.ops) {
    switch (op.k) {
      case 'send': {
        if (r.clean) {
          if (cleanNext >= perm.length) break;
          const [a, b] = bounds[perm[cleanNext++]!]!;
          deliver(a, b - a, op.segs);
        } else {
          const [a, b] = bounds[op.i % bounds.length]!;
          deliver(a, b - a, op.segs);
        }
        break;
      }
      case 'range':
        if (!r.clean) {
          const at = op.at % total;
          deliver(at, Math.min(op.len, total - at), 1);
        }
        break;
      case 'lock':
        lockSock(sim);
        break;
      case 'release':
        releaseSockAtOpEnd(sim);
        break;
      case 'read':
        read(op.n, op.m);
        break;
      case 'time':
        advanceTo(sim, sim.w.now + op.dt);
        break;
    }
    checkInvariants(t);
    const bal = tcpBalance(sim.w);
    expect(bal.diff).toBe(0);
    expect(bal.copied).toBe(readPos);
  }
  const dup = t.acct.dupBytes;
  if (r.clean) expect(dup).toBe(0);
  else expect(dup).toBeLessThanOrEqual(redelivered);

  // Retransmit from rcv_nxt and read until the whole stream is in, as the host's sender would.
  releaseSockAtOpEnd(sim);
  for (let k = 0; k < 4 * r.sizes.length + 40 && readPos < total; k++) {
    const off = (t.rcvNxt - t.irs) >>> 0;
    if (off < total) deliver(off, Math.min(1448, total - off), 1);
    read(1 << 16, 0);
    releaseSockAtOpEnd(sim);
    advanceTo(sim, sim.w.now + 1_000_000);
    checkInvariants(t);
    expect(tcpBalance(sim.w).diff).toBe(0);
    // Out-of-order data can fill a tiny buffer and close the window for good (as upstream).
    if (tcpReceiveWindow(t) === 0 && t.ofoQueue.length > 0 && readPos === (t.rcvNxt - t.irs) >>> 0) {
      const free = t.rcvbuf - t.rmemAlloc;
      expect(free).toBeLessThan(2 * t.ack.rcvMss + t.rcvbuf / 8);
      return;
    }
  }
  expect(readPos).toBe(total);
  expect(tcpBalance(sim.w)).toMatchObject({ heldReceive: 0, heldBacklog: 0, diff: 0 });
  // Every byte received either reached the reader once or is accounted as dropped / duplicate.
  const bal = tcpBalance(sim.w);
  expect(bal.received).toBe(bal.copied + bal.heldOfo + bal.dropped + bal.duplicate);
}

describe('tcpBalance: every payload byte is accounted for', () => {
  it('random segment sequences: in order, reordered, duplicated, lost, with reads and the lock', () => {
    fc.assert(
      fc.property(
        fc.record({
          irs: fc.oneof(fc.integer({ min: 0, max: 0xffff_ffff }), fc.constant(0xffff_ff00)),
          rmemMax: fc.constantFrom(4096, 16_384, 212_992),
          sizes: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 24 }),
          clean: fc.boolean(),
          ops: fc.array(opArb, { maxLength: 70 }),
        }),
        (r) => execute(r),
      ),
      { numRuns: 250, seed: 20240917 },
    );
  });

  it('sequence helpers wrap at 2^32', () => {
    expect(seqAdd(0xffff_ffff, 2)).toBe(1);
    expect(before(0xffff_fff0, 5)).toBe(true);
    expect(after(5, 0xffff_fff0)).toBe(true);
  });
});
