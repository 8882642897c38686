import { describe, expect, it } from 'vitest';
import type { Sim } from '../engine/sim';
import { counter } from '../ledger/ledger';
import { TC } from './codes';
import { tcpV4Rcv } from './ipv4';
import { sockReadv } from './recvmsg';
import { releaseSockAtOpEnd } from './sock';
import { advanceTo, mkSeg, rowsOf, tcpHarness, tcpTestScenario } from './testing';

const MSS = 1448;
const DELACK = 40_000_000;

/** rmem_max 65536: sk_rcvbuf 131072, window scale 1, window clamp 64076 (the zero-window preset). */
function smallBuffer() {
  const s = tcpTestScenario();
  s.tcp.rmemMax = 65_536;
  const h = tcpHarness({ scenario: s });
  return { h, t: h.sim.w.tcp };
}

/**
 * A sender that never reads the receiver's state: it knows only the right edge of the last ACK
 * (ack + window; the SYN-ACK's window before any) and sends MSS segments up to it. With
 * `fillEdge` the last piece is cut at the edge (TCP_NODELAY); without it a sub-MSS sliver stays unsent.
 * When it is blocked it waits for the next ACK, i.e. the receiver's delayed-ACK timer.
 */
function sender(h: ReturnType<typeof smallBuffer>['h'], fillEdge: boolean) {
  const t = h.sim.w.tcp;
  let nxt = 0;
  const edge = () => {
    const a = h.acks[h.acks.length - 1];
    return a === undefined ? t.rcvWnd : (a.ack + a.window - t.irs) >>> 0;
  };
  /** Send what the window allows; returns the bytes sent. */
  const send = (sim: Sim): number => {
    let sent = 0;
    for (;;) {
      const room = edge() - nxt;
      const len = room >= MSS ? MSS : fillEdge && sent > 0 ? room : 0;
      if (len <= 0) return sent;
      tcpV4Rcv(sim, mkSeg(sim, nxt, len));
      nxt += len;
      sent += len;
    }
  };
  return { send, edge, nxt: () => nxt };
}

describe('zero window (Linux 6.5): a receiver that does not read', () => {
  it('advertises window 0 from the delayed-ACK timer once the sender fills each offered window to its edge', () => {
    const { h, t } = smallBuffer();
    expect(t.rcvWscale).toBe(1);
    const snd = sender(h, true);
    let now = 0;
    for (let round = 0; round < 6 && counter(h.sim, 'tcp.zero_window_events') === 0; round++) {
      snd.send(h.sim);
      // Blocked at the edge: everything sent has arrived, yet no ACK says so, because an ACK
      // now would have to offer less than rcv_wnd (__tcp_ack_snd_check delays it).
      expect(snd.nxt()).toBe(snd.edge());
      now += DELACK + 1;
      advanceTo(h.sim, now);
    }
    expect(counter(h.sim, 'tcp.zero_window_events')).toBe(1);
    expect(counter(h.sim, 'tcp.TCPToZeroWindowAdv')).toBe(1);
    const last = h.acks[h.acks.length - 1]!;
    expect(last).toMatchObject({ reason: 'delayed', window: 0, ack: t.rcvNxt });
    // The receiver held everything it offered: nothing dropped, all of it readable.
    expect(t.acct.dropBytes).toEqual({});
    expect((t.rcvNxt - t.copiedSeq) >>> 0).toBe(snd.nxt());
    // Free space is below one segment's worth or 1/16 of the buffer (__tcp_select_window).
    expect(t.rcvbuf - t.rmemAlloc).toBeLessThan(2 * Math.max(MSS, 65_536 >> 4));

    // The reader drains the queue: tcp_cleanup_rbuf sends the window update at once.
    const buf = new Uint8Array(200_000);
    const got = sockReadv(h.sim, [{ buf, off: 0, len: buf.length }]);
    releaseSockAtOpEnd(h.sim);
    expect(got).toBe(snd.nxt());
    const update = h.acks[h.acks.length - 1]!;
    expect(update.window).toBe(t.windowClamp);
    expect(counter(h.sim, 'tcp.TCPFromZeroWindowAdv')).toBe(1);
  });

  it('cannot advertise 0 while a sender leaves a sub-MSS sliver of the window unused', () => {
    const { h } = smallBuffer();
    const snd = sender(h, false);
    let now = 0;
    for (let round = 0; round < 6; round++) {
      snd.send(h.sim);
      now += DELACK + 1;
      advanceTo(h.sim, now);
    }
    // tcp_select_window never moves the right edge back: it keeps offering the sliver.
    expect(counter(h.sim, 'tcp.zero_window_events')).toBe(0);
    expect(counter(h.sim, 'tcp.TCPWantZeroWindowAdv')).toBeGreaterThan(0);
    const last = h.acks[h.acks.length - 1]!;
    expect(last.window).toBeGreaterThan(0);
    expect(last.window).toBeLessThan(MSS);
    expect(snd.edge() - snd.nxt()).toBe(last.window);
  });
});

describe('zero-window probe (tcp_send_probe0: no data, seq = snd_una - 1)', () => {
  /** A receiver that has advertised window 0 for everything it holds. */
  function zeroed() {
    const { h, t } = smallBuffer();
    const snd = sender(h, true);
    let now = 0;
    while (counter(h.sim, 'tcp.zero_window_events') === 0) {
      snd.send(h.sim);
      now += DELACK + 1;
      advanceTo(h.sim, now);
    }
    return { h, t, now };
  }
  const probe = (h: ReturnType<typeof zeroed>['h']) => {
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, (t.rcvNxt - t.irs - 1) >>> 0, 0));
  };

  it('is answered at once with an ACK carrying the current window', () => {
    const { h, t } = zeroed();
    const n = h.acks.length;
    probe(h);
    expect(h.acks.length).toBe(n + 1);
    expect(h.acks[n]).toMatchObject({ reason: 'dup', ack: t.rcvNxt, window: 0 });
    // Left of rcv_wup, so tcp_sequence fails: a dupack, no D-SACK (no data), no quick-ACK mode.
    expect(rowsOf(h.sim, TC.SEND_DUPACK)).toHaveLength(1);
    expect(h.acks[n]!.sack).toEqual([]);
    expect(counter(h.sim, 'tcp.DelayedACKLost')).toBe(0);
    expect(t.acct.dropBytes.TCP_INVALID_SEQUENCE).toBe(0);
  });

  it('is answered at most once per tcp_invalid_ratelimit (HZ/2), unlike data', () => {
    const { h, now } = zeroed();
    const n = h.acks.length;
    probe(h);
    // The persist timer backs off 200 ms, then 400 ms: the second probe comes within 500 ms.
    advanceTo(h.sim, now + 400_000_000);
    probe(h);
    expect(h.acks.length).toBe(n + 1);
    expect(counter(h.sim, 'tcp.TCPACKSkippedSeq')).toBe(1);
    advanceTo(h.sim, now + 1_200_000_000);
    probe(h);
    expect(h.acks.length).toBe(n + 2);
    expect(h.acks[n + 1]!.window).toBe(0);
    // An out-of-window segment with data is never rate-limited.
    const t = h.sim.w.tcp;
    tcpV4Rcv(h.sim, mkSeg(h.sim, (t.rcvNxt - t.irs - 200) >>> 0, 100));
    expect(h.acks.length).toBe(n + 3);
  });
});
