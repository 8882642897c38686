import { describe, expect, it } from 'vitest';
import type { AckInfo } from '../engine/hooks';
import { EAGAIN } from '../engine/hooks';
import { counter } from '../ledger/ledger';
import { TCP_ACK, TCP_PSH } from '../wire/tcp';
import { tcpBalance } from './balance';
import { TC } from './codes';
import { tcpV4Rcv } from './ipv4';
import { tcpReadable } from './ready';
import { sockReadv } from './recvmsg';
import { releaseSockAtOpEnd } from './sock';
import { advanceTo, mkSeg, rowsOf, streamByte, tcpHarness, tcpTestScenario } from './testing';

const MSS = 1448;

function read(h: ReturnType<typeof tcpHarness>, n: number): { ret: number; buf: Uint8Array } {
  const buf = new Uint8Array(n);
  const ret = sockReadv(h.sim, [{ buf, off: 0, len: n }]);
  releaseSockAtOpEnd(h.sim);
  return { ret, buf };
}

describe('tcp_recvmsg', () => {
  it('reads part of an skb, then the rest, and eats it only when fully read', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    const rmem = t.rmemAlloc;
    const a = read(h, 100);
    expect(a.ret).toBe(100);
    for (let i = 0; i < 100; i++) expect(a.buf[i]).toBe(streamByte(i));
    expect(t.receiveQueue).toHaveLength(1);
    expect(t.receiveQueue[0]!.consumed).toBe(100);
    expect(t.rmemAlloc).toBe(rmem);
    expect(t.copiedSeq).toBe(t.irs + 100);
    const b = read(h, 4000);
    expect(b.ret).toBe(MSS - 100);
    for (let i = 0; i < MSS - 100; i++) expect(b.buf[i]).toBe(streamByte(100 + i));
    expect(t.receiveQueue).toHaveLength(0);
    expect(t.rmemAlloc).toBe(0);
    const copies = rowsOf(h.sim, TC.COPY_DATAGRAM_MSG);
    expect(copies.map((r) => [r.a, r.b])).toEqual([
      [100, 0],
      [MSS - 100, 100],
    ]);
    expect(rowsOf(h.sim, TC.EAT_RECV_SKB)).toHaveLength(1);
  });

  it('returns -EAGAIN when nothing is queued, and holds the lock until the op ends', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    const buf = new Uint8Array(10);
    expect(sockReadv(h.sim, [{ buf, off: 0, len: 10 }])).toBe(EAGAIN);
    expect(t.ownedByUser).toBe(true);
    expect(rowsOf(h.sim, TC.RECVMSG)[0]!.a).toBe(EAGAIN);
    releaseSockAtOpEnd(h.sim);
    expect(t.ownedByUser).toBe(false);
    expect(sockReadv(h.sim, [])).toBe(0);
  });

  it('fills two iovecs in order and counts payload landing in request buffers', () => {
    const h = tcpHarness();
    const led = h.sim.w.ledger;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, MSS));
    const hdr = new Uint8Array(300);
    const data = new Uint8Array(2100);
    h.sim.w.cpu.opCost = 0;
    const ret = sockReadv(h.sim, [
      { buf: hdr, off: 0, len: 300, kind: 'pdu-header' },
      { buf: data, off: 100, len: 2000, kind: 'data' },
    ]);
    expect(ret).toBe(2300);
    for (let i = 0; i < 300; i++) expect(hdr[i]).toBe(streamByte(i));
    for (let i = 0; i < 2000; i++) expect(data[100 + i]).toBe(streamByte(300 + i));
    expect(data[99]).toBe(0);
    expect(led.kernelCopyBytes).toBe(2300);
    expect(led.payloadDirectBytes).toBe(2000);
    // syscall + 2300 bytes at 100 ps/byte
    expect(h.sim.w.cpu.opCost).toBeCloseTo(300 + 230, 6);
    expect(rowsOf(h.sim, TC.SOCK_READ_ITER)[0]).toMatchObject({ a: 2300, b: 2 });
  });

  it('tcp_cleanup_rbuf ACKs a short pushed segment once the reader drained the queue', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    t.ack.quick = 0;
    t.rcvSsthresh = t.windowClamp;
    const n = h.acks.length;
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, 72, { flags: TCP_ACK | TCP_PSH }));
    expect(h.acks.length).toBe(n); // delayed
    read(h, 10_000);
    expect(h.acks.length).toBe(n + 1);
    expect(h.acks[n]).toMatchObject({ reason: 'quick', ack: t.irs + MSS + 72 });
    expect(rowsOf(h.sim, TC.CLEANUP_RBUF).at(-1)!.b).toBe(1);
  });

  it('tcpReadable follows rcv_nxt - copied_seq against SO_RCVLOWAT', () => {
    const h = tcpHarness();
    expect(tcpReadable(h.sim)).toBe(false);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 10));
    expect(tcpReadable(h.sim)).toBe(true);
    read(h, 10);
    expect(tcpReadable(h.sim)).toBe(false);
    // Out-of-order data is not readable.
    tcpV4Rcv(h.sim, mkSeg(h.sim, 100, 10));
    expect(tcpReadable(h.sim)).toBe(false);
  });
});

describe('zero window and reopening', () => {
  it('a slow reader closes the window; the read that frees space sends a window update', () => {
    const s = tcpTestScenario();
    s.tcp.rmemMax = 8192; // sk_rcvbuf 16384
    const h = tcpHarness({ scenario: s, irs: 0xffff_f000 }); // the sequence space wraps mid-test
    const t = h.sim.w.tcp;
    // A sender that respects the advertised window, like the host's.
    let next = 0;
    let right = t.rcvWnd;
    let seen = 0;
    const absorb = (acks: AckInfo[]): void => {
      for (; seen < acks.length; seen++) right = ((acks[seen]!.ack - t.irs) >>> 0) + acks[seen]!.window;
    };
    let zeroAt = -1;
    for (let round = 0; round < 20 && zeroAt < 0; round++) {
      while (next < right) {
        const len = Math.min(MSS, right - next);
        tcpV4Rcv(h.sim, mkSeg(h.sim, next, len));
        next += len;
        absorb(h.acks);
      }
      zeroAt = h.acks.findIndex((a) => a.window === 0);
      if (zeroAt < 0) advanceTo(h.sim, h.sim.w.now + 50_000_000); // let the delayed ACK fire
      absorb(h.acks);
    }
    expect(zeroAt).toBeGreaterThanOrEqual(0);
    expect(counter(h.sim, 'tcp.TCPToZeroWindowAdv')).toBe(1);
    expect(counter(h.sim, 'tcp.zero_window_events')).toBe(1);
    expect(Object.keys(t.acct.dropBytes)).toEqual([]);

    const n = h.acks.length;
    const { ret, buf } = read(h, 1 << 16);
    expect(ret).toBe(next);
    for (let i = 0; i < ret; i++) if (buf[i] !== streamByte(i)) throw new Error(`byte ${i}`);
    expect(h.acks.length).toBe(n + 1);
    expect(h.acks[n]!.reason).toBe('window-update');
    expect(h.acks[n]!.window).toBeGreaterThan(0);
    expect(counter(h.sim, 'tcp.TCPFromZeroWindowAdv')).toBe(1);
    expect(tcpBalance(h.sim.w)).toMatchObject({ received: next, copied: next, diff: 0 });
  });
});
