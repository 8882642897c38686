import { describe, expect, it } from 'vitest';
import { counter } from '../ledger/ledger';
import { TCP_ACK } from '../wire/tcp';
import { tcpTransmitData } from './ack';
import { TC } from './codes';
import { tcpV4Rcv } from './ipv4';
import { ICSK_ACK_TIMER } from './state';
import { advanceTo, mkSeg, rowsOf, tcpHarness } from './testing';

const MSS = 1448;
const DELACK = 40_000_000;

/** A connection past its first segment, out of quick-ACK mode, window fully grown. */
function settled() {
  const h = tcpHarness();
  const t = h.sim.w.tcp;
  tcpV4Rcv(h.sim, mkSeg(h.sim, 0, MSS));
  t.ack.quick = 0;
  t.rcvSsthresh = t.windowClamp;
  return { h, t, acks0: h.acks.length };
}

describe('__tcp_ack_snd_check', () => {
  it('delays the ACK for less than a full segment, ACKs at once past one full segment', () => {
    const { h, t, acks0 } = settled();
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, 500));
    expect(h.acks.length).toBe(acks0);
    expect(t.ack.pending & ICSK_ACK_TIMER).toBeTruthy();
    const d = rowsOf(h.sim, TC.SEND_DELAYED_ACK);
    expect(d).toHaveLength(1);
    expect(d[0]!.a).toBe(DELACK);
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS + 500, MSS));
    expect(h.acks.length).toBe(acks0 + 1);
    expect(h.acks[acks0]!).toMatchObject({ reason: 'quick', ack: t.irs + 2 * MSS + 500 });
    // The ACK cleared the pending state; the timer itself still runs and finds nothing to do.
    advanceTo(h.sim, DELACK);
    expect(h.acks.length).toBe(acks0 + 1);
    const fired = rowsOf(h.sim, TC.DELACK_TIMER);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.a).toBe(0);
  });

  it('the delayed-ACK timer sends the ACK after TCP_DELACK_MIN and inflates ato', () => {
    const { h, t, acks0 } = settled();
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, 500));
    advanceTo(h.sim, DELACK - 1);
    expect(h.acks.length).toBe(acks0);
    advanceTo(h.sim, DELACK);
    expect(h.acks.length).toBe(acks0 + 1);
    expect(h.acks[acks0]!).toMatchObject({ reason: 'delayed', ack: t.irs + MSS + 500 });
    expect(counter(h.sim, 'tcp.DelayedACKs')).toBe(1);
    expect(t.ack.ato).toBe(2 * DELACK);
    expect(t.delackTimerAt).toBe(-1);
  });

  it('sends at once when the armed delayed ACK is within ato/4 of expiring', () => {
    const { h, acks0 } = settled();
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS, 100));
    advanceTo(h.sim, DELACK - DELACK / 8);
    tcpV4Rcv(h.sim, mkSeg(h.sim, MSS + 100, 100));
    expect(h.acks.length).toBe(acks0 + 1);
    expect(h.acks[acks0]!.reason).toBe('delayed');
  });

  it('quick-ACK mode ACKs every segment; the first data allows up to 16', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    // rcv_wnd / (2 * rcv_mss) = 65535 / 1072 = 61, capped at TCP_MAX_QUICKACKS; one used by the ACK.
    expect(t.ack.quick).toBe(15);
    tcpV4Rcv(h.sim, mkSeg(h.sim, 100, 100));
    expect(h.acks).toHaveLength(2);
    expect(h.acks.every((a) => a.reason === 'quick')).toBe(true);
  });

  it('out-of-order data: three immediate duplicate ACKs, then SACK compression', () => {
    const { h, t, acks0 } = settled();
    for (let i = 2; i <= 6; i++) tcpV4Rcv(h.sim, mkSeg(h.sim, i * MSS, MSS));
    expect(h.acks.length).toBe(acks0 + 3);
    expect(h.acks.slice(acks0).every((a) => a.reason === 'ofo' && a.ack === t.irs + MSS)).toBe(true);
    expect(t.compressedAck).toBe(2);
    // 5 % of a 20 µs round trip.
    expect(t.compressedAckTimerAt).toBe(1000);
    advanceTo(h.sim, 1000);
    expect(h.acks.length).toBe(acks0 + 4);
    const last = h.acks[acks0 + 3]!;
    expect(last.sack).toEqual([[t.irs + 2 * MSS, t.irs + 7 * MSS]]);
    // Two ACKs were due, one was sent: one saved.
    expect(counter(h.sim, 'tcp.TCPAckCompressed')).toBe(1);
  });

  it('a reply sent soon after data enters pingpong mode: no more quick ACKs', () => {
    const h = tcpHarness();
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 0, 100));
    advanceTo(h.sim, 5000);
    const carried = tcpTransmitData(h.sim);
    expect(carried.ack).toBe(t.irs + 100);
    expect(t.ack.pingpong).toBe(1);
    const n = h.acks.length;
    tcpV4Rcv(h.sim, mkSeg(h.sim, 100, 100, { flags: TCP_ACK }));
    expect(h.acks.length).toBe(n); // delayed despite quick > 0
    advanceTo(h.sim, 5000 + DELACK);
    expect(h.acks.length).toBe(n + 1);
    // A missed delayed ACK leaves pingpong mode.
    expect(t.ack.pingpong).toBe(0);
  });
});
