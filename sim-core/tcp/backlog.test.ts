import { describe, expect, it } from 'vitest';
import { EAGAIN } from '../engine/hooks';
import { counter } from '../ledger/ledger';
import { SKB_OVERHEAD } from '../skb/skb';
import { tcpBalance } from './balance';
import { TC } from './codes';
import { tcpBacklogLimit, tcpV4Rcv } from './ipv4';
import { sockReadv, tcpRecvmsgLocked } from './recvmsg';
import { lockSock, releaseSockAtOpEnd } from './sock';
import { advanceTo, mkSeg, rowsOf, streamByte, tcpHarness } from './testing';

const MSS = 1448;
const TRUESIZE = SKB_OVERHEAD + 2048;

describe('tcp_add_backlog while the reader owns the socket', () => {
  it('parks segments, merging contiguous ones, and processes them at release_sock', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    lockSock(h.sim);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, MSS));
    expect(t.backlog).toHaveLength(1);
    expect(t.backlog[0]!.len).toBe(2 * MSS);
    expect(t.backlogLen).toBe(TRUESIZE + TRUESIZE - 256);
    expect(counter(h.sim, 'tcp.TCPBacklogCoalesce')).toBe(1);
    expect(counter(h.sim, 'tcp.backlog_segments')).toBe(2);
    // Nothing reached the receive queue: no ACK, no wake-up, rcv_nxt unchanged.
    expect(t.rcvNxt).toBe(t.irs);
    expect(h.acks).toHaveLength(0);
    expect(h.wakeups).toHaveLength(0);
    expect(tcpBalance(h.sim.w)).toMatchObject({ heldBacklog: 2 * MSS, diff: 0 });

    h.sim.w.cpu.opCost = 0;
    releaseSockAtOpEnd(h.sim);
    expect(t.ownedByUser).toBe(false);
    expect(t.backlog).toHaveLength(0);
    expect(t.backlogLen).toBe(0);
    expect(t.rcvNxt).toBe(t.irs + 2 * MSS);
    expect(h.wakeups).toHaveLength(1);
    expect(h.acks).toHaveLength(1);
    // One skb processed from the backlog: one perSkbNs charged.
    expect(h.sim.w.cpu.opCost).toBe(300);
    const rel = rowsOf(h.sim, TC.RELEASE_SOCK_BACKLOG);
    expect(rel).toHaveLength(1);
    expect(rel[0]!.a).toBe(1);
    expect(rel[0]!.b).toBe(2 * MSS);
    expect(tcpBalance(h.sim.w)).toMatchObject({ heldReceive: 2 * MSS, heldBacklog: 0, diff: 0 });
  });

  it('drops above sk_rcvbuf + sk_sndbuf/2 + 64 KiB (TCPBacklogDrop)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    expect(tcpBacklogLimit(h.sim)).toBe(425_984 + 212_992 + 65_536);
    lockSock(h.sim);
    // Non-contiguous skbs (no merging) of 66304 bytes truesize: ten fit under the limit, an
    // eleventh is still admitted (the check is before adding), the twelfth is dropped.
    for (let i = 0; i < 12; i++) tcpV4Rcv(h.sim, mkSeg(h.sim, i * 2000, 1000, { bufSize: 65_536 }));
    expect(t.backlog).toHaveLength(11);
    expect(counter(h.sim, 'tcp.TCPBacklogDrop')).toBe(1);
    expect(t.acct.dropBytes.SOCKET_BACKLOG).toBe(1000);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
    releaseSockAtOpEnd(h.sim);
    expect(t.backlog).toHaveLength(0);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });

  it('release_sock is a no-op when the lock is not held', () => {
    const h = tcpHarness();
    releaseSockAtOpEnd(h.sim);
    expect(h.sim.rec.rows).toHaveLength(0);
  });
});

describe('reading while segments wait in the backlog', () => {
  it('a non-blocking read with an empty queue returns EAGAIN and leaves the backlog to release_sock', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    lockSock(h.sim);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 500));
    const buf = new Uint8Array(1000);
    expect(sockReadv(h.sim, [{ buf, off: 0, len: 1000 }])).toBe(EAGAIN);
    expect(t.backlog).toHaveLength(1);
    releaseSockAtOpEnd(h.sim);
    expect(sockReadv(h.sim, [{ buf, off: 0, len: 1000 }])).toBe(500);
  });

  it('a non-blocking read that copied something returns without flushing the backlog', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 500));
    lockSock(h.sim);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 500, 500));
    const buf = new Uint8Array(1000);
    expect(sockReadv(h.sim, [{ buf, off: 0, len: 1000 }])).toBe(500);
    expect(t.backlog).toHaveLength(1);
    expect(rowsOf(h.sim, TC.FLUSH_BACKLOG)).toHaveLength(0);
  });

  it('a blocking read that met its target flushes the backlog mid-read and keeps copying', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 500));
    lockSock(h.sim);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 500, 700));
    const buf = new Uint8Array(1000);
    const got = tcpRecvmsgLocked(h.sim, [{ buf, off: 0, len: 1000 }], 1);
    expect(got).toBe(1000);
    expect(rowsOf(h.sim, TC.FLUSH_BACKLOG)).toHaveLength(1);
    expect(t.ownedByUser).toBe(true);
    for (let i = 0; i < 1000; i++) expect(buf[i]).toBe(streamByte(i));
    expect(t.copiedSeq).toBe(t.irs + 1000);
    expect(tcpBalance(h.sim.w)).toMatchObject({ heldReceive: 200, diff: 0 });
  });

  it('a delayed-ACK timer that fires while the socket is owned runs at release (tcp_release_cb)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    t.ack.quick = 0;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 100, 100)); // delayed
    const nAcks = h.acks.length;
    expect(t.delackTimerAt).toBeGreaterThan(0);
    lockSock(h.sim);
    advanceTo(h.sim, t.delackTimerAt);
    expect(counter(h.sim, 'tcp.DelayedACKLocked')).toBe(1);
    expect(h.acks.length).toBe(nAcks);
    releaseSockAtOpEnd(h.sim);
    expect(rowsOf(h.sim, TC.RELEASE_CB)).toHaveLength(1);
    expect(h.acks.length).toBe(nAcks + 1);
    expect(h.acks[nAcks]!.reason).toBe('delayed');
    expect(h.acks[nAcks]!.ack).toBe(t.irs + 200);
    expect(t.ownedByUser).toBe(false);
  });
});
