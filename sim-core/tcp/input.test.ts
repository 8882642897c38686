import { describe, expect, it } from 'vitest';
import { counter } from '../ledger/ledger';
import { SKB_OVERHEAD } from '../skb/skb';
import { tcpBalance } from './balance';
import { TC, TCP_DROP_REASONS } from './codes';
import { tcpV4Rcv } from './ipv4';
import { sockReadv } from './recvmsg';
import { releaseSockAtOpEnd } from './sock';
import { mkSeg, rowsOf, streamByte, tcpHarness } from './testing';

const MSS = 1448;
const TRUESIZE = SKB_OVERHEAD + 2048;

function readAll(h: ReturnType<typeof tcpHarness>, n: number): Uint8Array {
  const buf = new Uint8Array(n);
  const got = sockReadv(h.sim, [{ buf, off: 0, len: n }]);
  releaseSockAtOpEnd(h.sim);
  return buf.subarray(0, Math.max(0, got));
}

function expectStream(bytes: Uint8Array, from: number): void {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== streamByte(from + i)) throw new Error(`byte ${from + i} wrong`);
  }
}

describe('tcp_data_queue: in order', () => {
  it('queues the segment, advances rcv_nxt, charges truesize and wakes the reader', () => {
    const h = tcpHarness({ irs: 1000 });
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    expect(t.rcvNxt).toBe(1000 + MSS);
    expect(t.receiveQueue).toHaveLength(1);
    expect(t.rmemAlloc).toBe(TRUESIZE);
    expect(h.wakeups).toHaveLength(1);
    // rcv_mss learnt from the full segment.
    expect(t.ack.rcvMss).toBe(MSS);
    // First data: quick-ACK mode, so the ACK goes out at once.
    expect(h.acks).toHaveLength(1);
    expect(h.acks[0]!.ack).toBe(1000 + MSS);
    expect(h.acks[0]!.reason).toBe('quick');
    // rcv_ssthresh grew by 2 * advmss; the offered window follows it (aligned to the scale, 4).
    expect(t.rcvSsthresh).toBe(65_535 + 2 * 1460);
    expect(h.acks[0]!.window).toBe(68_456);
    expect(t.rcvWup).toBe(t.rcvNxt);
  });

  it('merges a contiguous segment into the queue tail (tcp_try_coalesce)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, MSS));
    expect(t.receiveQueue).toHaveLength(1);
    expect(t.receiveQueue[0]!.len).toBe(2 * MSS);
    expect(t.receiveQueue[0]!.frags).toHaveLength(2);
    // The merged skb's struct is freed: only its buffer stays charged.
    expect(t.rmemAlloc).toBe(TRUESIZE + TRUESIZE - 256);
    expect(counter(h.sim, 'tcp.TCPRcvCoalesce')).toBe(1);
    expect(rowsOf(h.sim, TC.TRY_COALESCE)).toHaveLength(1);
    expectStream(readAll(h, 4000), 0);
  });

  it('keeps a partly old segment whole and D-SACKs the old head; the reader skips it', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 1000, MSS));
    expect(t.rcvNxt).toBe(t.irs + 1000 + MSS);
    expect(t.receiveQueue).toHaveLength(2);
    expect(counter(h.sim, 'tcp.TCPDSACKOldSent')).toBe(1);
    expect(t.acct.dupBytes).toBe(MSS - 1000);
    const got = readAll(h, 5000);
    expect(got.length).toBe(1000 + MSS);
    expectStream(got, 0);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });
});

describe('tcp_data_queue: out of order', () => {
  it('queues beyond a gap, SACKs it, and moves it when the gap is filled', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2 * MSS, MSS));
    expect(t.ofoQueue).toHaveLength(1);
    expect(t.rcvNxt).toBe(t.irs + MSS);
    expect(counter(h.sim, 'tcp.TCPOFOQueue')).toBe(1);
    expect(counter(h.sim, 'tcp.ofo_segments')).toBe(1);
    const ofoAck = h.acks[h.acks.length - 1]!;
    expect(ofoAck.ack).toBe(t.irs + MSS);
    expect(ofoAck.sack).toEqual([[t.irs + 2 * MSS, t.irs + 3 * MSS]]);
    // Out-of-order data is charged too.
    expect(t.rmemAlloc).toBe(2 * TRUESIZE);

    const nAcks = h.acks.length;
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, MSS));
    expect(t.ofoQueue).toHaveLength(0);
    expect(t.rcvNxt).toBe(t.irs + 3 * MSS);
    expect(rowsOf(h.sim, TC.OFO_QUEUE)).toHaveLength(1);
    // The filled gap is ACKed at once, with no SACK block left.
    expect(h.acks.length).toBe(nAcks + 1);
    expect(h.acks[nAcks]!.ack).toBe(t.irs + 3 * MSS);
    expect(h.acks[nAcks]!.sack).toEqual([]);
    expectStream(readAll(h, 10_000), 0);
    expect(t.rmemAlloc).toBe(0);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });

  it('merges contiguous out-of-order segments and drops one that is already held', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2 * MSS, MSS));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 3 * MSS, MSS));
    expect(t.ofoQueue).toHaveLength(1);
    expect(t.ofoQueue[0]!.len).toBe(2 * MSS);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2 * MSS + 100, 500));
    expect(t.ofoQueue).toHaveLength(1);
    expect(counter(h.sim, 'tcp.TCPOFOMerge')).toBe(1);
    expect(counter(h.sim, 'tcp.TCPDSACKOfoSent')).toBe(1);
    expect(t.acct.dropBytes.TCP_OFOMERGE).toBe(500);
    const last = h.acks[h.acks.length - 1]!;
    // D-SACK block first, then the SACK block.
    expect(last.sack[0]).toEqual([t.irs + 2 * MSS + 100, t.irs + 2 * MSS + 600]);
    expect(last.sack[1]).toEqual([t.irs + 2 * MSS, t.irs + 4 * MSS]);
  });

  it('replaces an skb covered by a longer one with the same start', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2000, 500));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2000, 1500));
    expect(t.ofoQueue).toHaveLength(1);
    expect(t.ofoQueue[0]!.len).toBe(1500);
    expect(t.rmemAlloc).toBe(TRUESIZE);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 2000));
    expectStream(readAll(h, 10_000), 0);
    expect(t.copiedSeq).toBe(t.irs + 3500);
    expect(tcpBalance(h.sim.w)).toMatchObject({ diff: 0, duplicate: 0 });
  });
});

describe('tcp_data_queue: old and out-of-window data', () => {
  it('drops a duplicate of delivered data and answers with a D-SACK at once', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    t.rcvWup = t.irs; // the ACK for it was not sent yet: the duplicate reaches tcp_data_queue
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    expect(counter(h.sim, 'tcp.DelayedACKLost')).toBe(1);
    expect(counter(h.sim, 'tcp.TCPDSACKOldSent')).toBe(1);
    expect(t.acct.dropBytes.TCP_OLD_DATA).toBe(MSS);
    const drop = rowsOf(h.sim, TC.DROP)[0]!;
    expect(TCP_DROP_REASONS[drop.a]).toBe('TCP_OLD_DATA');
    const ack = h.acks[h.acks.length - 1]!;
    expect(ack.reason).toBe('dup');
    expect(ack.sack[0]).toEqual([t.irs, t.irs + MSS]);
    expect(t.receiveQueue).toHaveLength(1);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });

  it('rejects data entirely before the last advertised left edge in tcp_validate_incoming', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
    expect(t.rcvWup).toBe(t.irs + MSS);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    expect(t.acct.dropBytes.TCP_INVALID_SEQUENCE).toBe(100);
    expect(rowsOf(h.sim, TC.SEND_DUPACK)).toHaveLength(1);
    expect(h.acks[h.acks.length - 1]!.reason).toBe('dup');
  });

  it('drops a segment starting at the right edge of the window (TCP_OVERWINDOW)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 65_535, 100));
    expect(t.acct.dropBytes.TCP_OVERWINDOW).toBe(100);
    expect(t.ofoQueue).toHaveLength(0);
    // Out of window: quick-ACK mode and an immediate ACK.
    expect(h.acks).toHaveLength(1);
    // Beyond the right edge: rejected earlier, by the sequence check.
    tcpV4Rcv(h.sim, mkSeg(h.sim, 70_000, 100));
    expect(t.acct.dropBytes.TCP_INVALID_SEQUENCE).toBe(100);
  });

  it('drops in-order data when the window is zero (TCPZeroWindowDrop)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    t.rcvWnd = 0;
    t.receiveQueue.push(mkSeg(h.sim, 0, 0)); // anything queued: no forced accept
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 500));
    expect(counter(h.sim, 'tcp.TCPZeroWindowDrop')).toBe(1);
    expect(t.acct.dropBytes.TCP_ZEROWINDOW).toBe(500);
    expect(t.rcvNxt).toBe(t.irs);
  });
});

describe('tcp_try_rmem_schedule', () => {
  it('drops in-order data once queued memory exceeds sk_rcvbuf (TCPRcvQDrop)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    t.rcvbuf = 16_384;
    // Huge truesize per segment: memory fills long before the window closes.
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS, { bufSize: 8192 }));
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, MSS, { bufSize: 8192 }));
    expect(t.rmemAlloc).toBeGreaterThan(t.rcvbuf);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2 * MSS, MSS, { bufSize: 8192 }));
    expect(counter(h.sim, 'tcp.PruneCalled')).toBe(1);
    expect(counter(h.sim, 'tcp.RcvPruned')).toBe(1);
    expect(counter(h.sim, 'tcp.TCPRcvQDrop')).toBe(1);
    expect(t.acct.dropBytes.PROTO_MEM).toBe(MSS);
    expect(t.rcvNxt).toBe(t.irs + 2 * MSS);
    // The buffer is over its limit: rcv_ssthresh is clamped down to two segments.
    expect(t.rcvSsthresh).toBe(2 * 1460);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });

  it('an empty receive queue always accepts (sk_forced_mem_schedule)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    t.rmemAlloc = t.rcvbuf + 1; // pretend out-of-order data fills the buffer
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    expect(t.rcvNxt).toBe(t.irs + 100);
    expect(counter(h.sim, 'tcp.PruneCalled')).toBe(0);
  });

  it('prunes out-of-order data from the highest sequence down to make room (OfoPruned)', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    t.rcvbuf = 16_384;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 3000, 100, { bufSize: 8192 }));
    tcpV4Rcv(h.sim, mkSeg(h.sim, 6000, 100, { bufSize: 8192 }));
    expect(t.rmemAlloc).toBeGreaterThan(t.rcvbuf);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 2000, 100));
    expect(counter(h.sim, 'tcp.OfoPruned')).toBe(1);
    expect(t.acct.dropBytes.TCP_OFO_QUEUE_PRUNE).toBe(100);
    expect(t.ofoQueue.map((s) => s.seq - t.irs)).toEqual([2000, 3000]);
    expect(tcpBalance(h.sim.w).diff).toBe(0);
  });
});
