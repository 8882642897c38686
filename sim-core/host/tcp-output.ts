/**
 * The host kernel's TCP sender (net/ipv4/tcp_output.c, tcp_timer.c), reduced to what shapes
 * the bytes on the wire: MSS segmentation of one byte stream, the receiver's window as a hard
 * limit, retransmission (timer and fast retransmit, in tcp-input.ts), and the persist timer.
 *
 * Simplification: no congestion control. cwnd is not modelled; the target's advertised
 * window is the only limit on bytes in flight. Also no Nagle: the kernel's nvme-tcp host sets
 * TCP_NODELAY (nvme_tcp_alloc_queue).
 * Simplification: the host's socket send buffer is unlimited (SO_SNDBUF is not modelled).
 * Simplification: the retransmission timeout starts at scenario.tcp.rtoNs (TCP_RTO_MIN on a LAN)
 * with no RTT estimation, doubling per timeout up to TCP_RTO_MAX.
 */
import { bump } from '../ledger/ledger';
import { heapPush } from '../engine/heap';
import { defineHandler, newId, record, type Sim, scheduleAt, setState } from '../engine/sim';
import { TCP_RTO_MAX_NS } from './addresses';
import {
  C_TCP_PROBE,
  C_TCP_RETRANSMIT,
  C_TCP_RTO,
  C_TCP_WND_LIMITED,
  C_TCP_XMIT,
  C_TCP_ZERO_WINDOW,
} from './codes';
import { EV_PERSIST, EV_RTO } from './events';
import { CaState, HOST_CA_MACHINE } from './machines';
import { buildHostFrame, hostFrameRecipe, hostSeq } from './frames';
import { releaseHeld, sendControlFrame, sendDataFrame } from './link';
import { streamParts } from './send-queue';
import type { SentSeg } from './state';

function timeoutNs(sim: Sim, backoff: number): number {
  return Math.min(sim.w.scenario.tcp.rtoNs * 2 ** backoff, TCP_RTO_MAX_NS);
}

/** Put stream bytes [start, end) on the wire as one segment. */
function emitSegment(
  sim: Sim,
  start: number,
  end: number,
  psh: boolean,
  first: boolean,
  code: number,
): number {
  const w = sim.w;
  const h = w.host;
  const payload = streamParts(h.tcp, start, end - start);
  const frame = hostFrameRecipe(h, w.now, hostSeq(h, start), payload, psh, w.scenario.wire.tcpTimestamps);
  const frameId = newId(sim);
  h.stats.segments++;
  bump(sim, 'host.OutSegs');
  record(sim, code, frameId, start, end - start);
  sendDataFrame(sim, frame, frameId, frame.tsval, first, start);
  return frameId;
}

/** A first transmission of [nxt, nxt + len) (tcp_transmit_skb from tcp_write_xmit). */
function sendNew(sim: Sim, len: number, code = C_TCP_XMIT): void {
  const t = sim.w.host.tcp;
  const start = t.nxt;
  const end = start + len;
  const psh = end === t.end;
  t.rtx.push({ start, end, psh, sacked: false, rexmits: 0 });
  t.nxt = end;
  if (t.rtoAt < 0) armRto(sim);
  emitSegment(sim, start, end, psh, true, code);
}

/** tcp_retransmit_skb: the same bytes again (minus any acknowledged head). */
export function retransmit(sim: Sim, seg: SentSeg): void {
  const w = sim.w;
  const t = w.host.tcp;
  const start = Math.max(seg.start, t.una);
  if (start >= seg.end) return;
  seg.rexmits++;
  w.host.stats.retransmissions++;
  bump(sim, 'host.RetransSegs');
  if (t.rtoAt < 0) armRto(sim);
  emitSegment(sim, start, seg.end, seg.psh, false, C_TCP_RETRANSMIT);
}

/** The first segment not yet fully acknowledged. */
export function headSeg(sim: Sim): SentSeg | undefined {
  const t = sim.w.host.tcp;
  for (let i = t.rtxHead; i < t.rtx.length; i++) {
    const s = t.rtx[i]!;
    if (s.end > t.una) return s;
  }
  return undefined;
}

/**
 * tcp_write_xmit: send new segments while the next one fits in the advertised window
 * (tcp_snd_wnd_test: the first MSS of the send head must fit). Segments are cut at MSS from
 * snd_nxt, whatever PDUs they cross; PSH marks the one that ends the queued data.
 *
 * Once a pass has sent, it runs on to the window's right edge: tcp_mss_split_point cuts the
 * skb there, and the sub-MSS last piece goes out too, since with TCP_NODELAY tcp_nagle_check
 * holds a partial segment back only when corked. Without it a sliver of window would stay
 * unused, and the receiver, which never shrinks an offered window, could never advertise zero.
 * Simplification: the write queue is one byte stream, not skbs of size_goal bytes, so the
 * pass is not cut short where an skb would end inside the window's last MSS; the MSG_MORE
 * cork of a push from sendmsg and TSO deferral (tcp_tso_should_defer) are not modelled.
 */
export function tcpWriteXmit(sim: Sim): void {
  const w = sim.w;
  const t = w.host.tcp;
  if (t.closed) return;
  let sent = false;
  while (t.nxt < t.end) {
    const len = Math.min(t.mss, t.end - t.nxt);
    const room = t.una + t.wnd - t.nxt;
    if (len > room) {
      if (sent && room > 0) sendNew(sim, room);
      noteWindowLimited(sim);
      break;
    }
    sendNew(sim, len);
    sent = true;
  }
  // A stall lasts until the backlog it held up has gone out.
  if (t.nxt === t.end) t.wndBlocked = false;
  // Nothing in flight but data waiting: only a probe can get an ACK (tcp_check_probe_timer).
  if (t.nxt < t.end && t.nxt === t.una) armPersist(sim);
  else disarmPersist(sim);
  if (t.nxt === t.end) releaseHeld(sim);
}

function noteWindowLimited(sim: Sim): void {
  const w = sim.w;
  const t = w.host.tcp;
  if (!t.wndBlocked) {
    t.wndBlocked = true;
    w.host.stats.windowStalls++;
    record(sim, C_TCP_WND_LIMITED, w.host.hostPort, t.wnd, t.end - t.nxt);
  }
  if (t.wnd === 0 && !t.zeroWndStalled) {
    t.zeroWndStalled = true;
    w.host.stats.zeroWindowStalls++;
    record(sim, C_TCP_ZERO_WINDOW, w.host.hostPort, t.nxt - t.una, t.end - t.nxt);
  }
}

// ---- timers --------------------------------------------------------------------------------
// A timer is a deadline in the world plus at most one pending event; re-arming only moves the
// deadline (no event per re-arm), and an event that fires early re-schedules itself. Stopping a
// timer removes its pending event, so an idle connection leaves nothing in the queue and the
// run ends when the work does (not one timeout later).

/** Remove the pending events of `kind` (the engine has no cancel; rebuild keeps (t, seq) order). */
function cancelEvents(sim: Sim, kind: number): void {
  const heap = sim.w.events;
  if (!heap.some((e) => e.kind === kind)) return;
  const keep = heap.filter((e) => e.kind !== kind);
  heap.length = 0;
  for (const e of keep) heapPush(heap, e);
}

export function armRto(sim: Sim): void {
  const t = sim.w.host.tcp;
  t.rtoAt = sim.w.now + timeoutNs(sim, t.backoff);
  if (t.rtoEv < 0 || t.rtoEv > t.rtoAt) {
    t.rtoEv = t.rtoAt;
    scheduleAt(sim, t.rtoAt, EV_RTO);
  }
}

export function disarmRto(sim: Sim): void {
  const t = sim.w.host.tcp;
  t.rtoAt = -1;
  if (t.rtoEv >= 0) {
    t.rtoEv = -1;
    cancelEvents(sim, EV_RTO);
  }
}

function armPersist(sim: Sim): void {
  const t = sim.w.host.tcp;
  if (t.persistAt >= 0) return;
  t.persistAt = sim.w.now + timeoutNs(sim, t.probeBackoff);
  if (t.persistEv < 0 || t.persistEv > t.persistAt) {
    t.persistEv = t.persistAt;
    scheduleAt(sim, t.persistAt, EV_PERSIST);
  }
}

export function disarmPersist(sim: Sim): void {
  const t = sim.w.host.tcp;
  t.persistAt = -1;
  t.probeBackoff = 0;
  if (t.persistEv >= 0) {
    t.persistEv = -1;
    cancelEvents(sim, EV_PERSIST);
  }
}

/** Handle a timer event: returns true when the deadline has come, else re-schedules. */
function timerDue(sim: Sim, at: number, ev: 'rtoEv' | 'persistEv', kind: number): boolean {
  const t = sim.w.host.tcp;
  const now = sim.w.now;
  if (t[ev] === now) t[ev] = -1;
  if (at < 0 || t.closed) return false;
  if (now < at) {
    if (t[ev] < 0 || t[ev] > at) {
      t[ev] = at;
      scheduleAt(sim, at, kind);
    }
    return false;
  }
  return true;
}

/**
 * tcp_retransmit_timer: resend the first unacknowledged segment, enter TCP_CA_Loss, double
 * the timeout. Every unSACKed byte below snd_nxt now counts as lost; tcp-input.ts resends
 * the rest as ACKs come back.
 */
defineHandler(EV_RTO, 'tcp_retransmit_timer', (sim) => {
  const w = sim.w;
  const t = w.host.tcp;
  if (!timerDue(sim, t.rtoAt, 'rtoEv', EV_RTO)) return;
  const head = headSeg(sim);
  if (t.una >= t.nxt || head === undefined) {
    t.rtoAt = -1;
    return;
  }
  w.host.stats.timeouts++;
  bump(sim, 'host.TCPTimeouts');
  t.backoff++;
  t.highSeq = t.nxt;
  t.dupAcks = 0;
  t.rexmitHigh = head.end;
  setState(sim, HOST_CA_MACHINE.id, w.host.hostPort, t.ca, CaState.Loss);
  t.rtoAt = w.now + timeoutNs(sim, t.backoff);
  record(sim, C_TCP_RTO, w.host.hostPort, t.backoff, Math.round(timeoutNs(sim, t.backoff) / 1000));
  retransmit(sim, head);
  armRto(sim);
});

/**
 * tcp_probe_timer -> tcp_send_probe0: nothing in flight, data waiting, window too small.
 * With some window, tcp_write_wakeup sends as much as fits; with none, a bare segment one
 * byte below snd_una that the target must answer with an ACK carrying its current window.
 */
defineHandler(EV_PERSIST, 'tcp_probe_timer', (sim) => {
  const w = sim.w;
  const t = w.host.tcp;
  if (!timerDue(sim, t.persistAt, 'persistEv', EV_PERSIST)) return;
  t.persistAt = -1;
  if (!(t.nxt < t.end && t.nxt === t.una)) {
    t.probeBackoff = 0;
    return;
  }
  w.host.stats.probes++;
  bump(sim, 'host.TCPWinProbe');
  const fits = Math.min(t.wnd, t.mss, t.end - t.nxt);
  if (fits > 0) {
    sendNew(sim, fits, C_TCP_PROBE);
  } else {
    const h = w.host;
    const { frame, tsval } = buildHostFrame(
      h,
      w.now,
      hostSeq(h, t.una - 1),
      [],
      false,
      w.scenario.wire.tcpTimestamps,
    );
    const frameId = newId(sim);
    record(sim, C_TCP_PROBE, frameId, t.una - 1, 0);
    sendControlFrame(sim, frame, frameId, tsval);
  }
  // Still nothing in flight: probe again later, each time twice as late (icsk_backoff).
  t.probeBackoff++;
  if (t.nxt === t.una) armPersist(sim);
});
