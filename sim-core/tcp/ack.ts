/**
 * The ACK engine of the receiver: immediate vs delayed ACKs (__tcp_ack_snd_check), quick-ACK
 * mode, the delayed-ACK timer (tcp_send_delayed_ack / tcp_delack_timer), SACK compression and
 * what every ACK does on its way out (tcp_send_ack -> tcp_event_ack_sent).
 *
 * Simplification: The delayed-ACK timeout is always TCP_DELACK_MIN (scenario.tcp.delayedAckNs).
 *   Upstream bounds a larger ato by the smoothed RTT and by TCP_DELACK_MIN; the target has
 *   exchanged data with the host (ICResp ...), so its srtt is known and far below 40 ms, which
 *   makes the bound exactly TCP_DELACK_MIN. Timers fire at exact nanoseconds, not on jiffy
 *   boundaries.
 * Simplification: The SACK compression delay uses the link's round trip (2 x oneWayDelayNs) for the
 *   RTT estimate.
 * Simplification: Sending an ACK costs no CPU time here.
 */
import type { AckInfo } from '../engine/hooks';
import type { Sim } from '../engine/sim';
import { defineHandler, record, scheduleAt } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { ACK_REASONS, EV_TCP_COMPRESSED_ACK, EV_TCP_DELACK_TIMER, TC } from './codes';
import { sackBlocksForAck, tcpDsackSet } from './sack';
import { after, before } from './seq';
import {
  ICSK_ACK_NOW,
  ICSK_ACK_SCHED,
  ICSK_ACK_TIMER,
  SYSCTL_TCP_COMP_SACK_DELAY_NS,
  SYSCTL_TCP_COMP_SACK_NR,
  TCP_FASTRETRANS_THRESH,
  TCP_MAX_QUICKACKS,
  TCP_PINGPONG_THRESH,
  type TcpState,
} from './state';
import { selectWindowRaw, tcpSelectWindow, type SegInfo } from './window';

export type AckReason = AckInfo['reason'];

/** What an outgoing segment carries for the receive direction. */
export interface AckFields {
  ack: number;
  window: number;
  sack: [number, number][];
}

/** TCP_ATO_MIN: the delayed-ACK base, HZ/25 = 40 ms. */
function atoMin(sim: Sim): number {
  return sim.w.scenario.tcp.delayedAckNs;
}

export function inPingpong(t: TcpState): boolean {
  return t.ack.pingpong >= TCP_PINGPONG_THRESH;
}

/** tcp_in_quickack_mode(). */
export function tcpInQuickackMode(t: TcpState): boolean {
  return t.ack.quick > 0 && !inPingpong(t);
}

/** tcp_incr_quickack(): allow up to half a window's worth of segments to be ACKed one by one. */
export function tcpIncrQuickack(t: TcpState, maxQuickacks: number): void {
  let quickacks = Math.floor(t.rcvWnd / (2 * t.ack.rcvMss));
  if (quickacks === 0) quickacks = 2;
  quickacks = Math.min(quickacks, maxQuickacks);
  if (quickacks > t.ack.quick) t.ack.quick = quickacks;
}

/** tcp_enter_quickack_mode(). */
export function tcpEnterQuickackMode(sim: Sim, maxQuickacks: number): void {
  const t = sim.w.tcp;
  tcpIncrQuickack(t, maxQuickacks);
  t.ack.pingpong = 0;
  t.ack.ato = atoMin(sim);
  record(sim, TC.ENTER_QUICKACK, 0, t.ack.quick, 0);
}

/** The fields of an outgoing segment: window (tcp_select_window) and SACK option; a D-SACK is sent once. */
function buildAckFields(sim: Sim): AckFields {
  const t = sim.w.tcp;
  const window = tcpSelectWindow(sim);
  const sack = sackBlocksForAck(t, sim.w.scenario.wire.tcpTimestamps);
  t.dsack = null;
  return { ack: t.rcvNxt, window, sack };
}

/** tcp_event_ack_sent(): an ACK left, so nothing is pending any more. */
export function tcpEventAckSent(sim: Sim): void {
  const t = sim.w.tcp;
  if (t.compressedAck) {
    bump(sim, 'tcp.TCPAckCompressed', t.compressedAck);
    t.compressedAck = 0;
    t.compressedAckTimerAt = -1; // hrtimer_try_to_cancel
  }
  // tcp_dec_quickack_mode(sk, 1)
  if (t.ack.quick) {
    if (t.ack.quick <= 1) {
      t.ack.quick = 0;
      t.ack.ato = atoMin(sim);
    } else {
      t.ack.quick -= 1;
    }
  }
  // inet_csk_clear_xmit_timer(ICSK_TIME_DACK) clears pending; the timer_list itself keeps running.
  t.ack.pending = 0;
}

/** tcp_send_ack(): a pure ACK with the current window and SACK blocks goes to the host. */
export function tcpSendAck(sim: Sim, reason: AckReason): void {
  const t = sim.w.tcp;
  const f = buildAckFields(sim);
  tcpEventAckSent(sim);
  record(sim, TC.SEND_ACK, ACK_REASONS.indexOf(reason), t.rcvNxt, f.window);
  sim.hooks.sendAck(sim, { ack: f.ack, window: f.window, sack: f.sack, reason });
}

/**
 * The target transmits a data segment (ICResp, R2T, CapsuleResp ...): __tcp_transmit_skb puts the
 * ACK and window on it (tcp_event_ack_sent) and tcp_event_data_sent enters pingpong mode when the
 * reply comes within ato of the last data received. Returns what the segment carries.
 */
export function tcpTransmitData(sim: Sim): AckFields {
  const t = sim.w.tcp;
  const f = buildAckFields(sim);
  tcpEventAckSent(sim);
  if (sim.w.now - t.ack.lrcvtime < t.ack.ato) t.ack.pingpong = TCP_PINGPONG_THRESH;
  record(sim, TC.EVENT_DATA_SENT, 0, inPingpong(t) ? 1 : 0, t.rcvNxt);
  return f;
}

/** sk_reset_timer(icsk_delack_timer): (re)arm the timer for `at`; older expiries become void. */
function resetDelackTimer(sim: Sim, at: number): void {
  const t = sim.w.tcp;
  if (t.delackTimerAt === at) return;
  t.delackTimerAt = at;
  scheduleAt(sim, at, EV_TCP_DELACK_TIMER);
}

/** tcp_send_delayed_ack(): arm the delayed ACK, keeping an earlier deadline if one is armed. */
export function tcpSendDelayedAck(sim: Sim): void {
  const t = sim.w.tcp;
  const now = sim.w.now;
  const ato = atoMin(sim);
  let timeout = now + ato;
  if (t.ack.pending & ICSK_ACK_TIMER) {
    // About to expire anyway: send it now.
    if (t.ack.timeout <= now + Math.floor(ato / 4)) {
      tcpSendAck(sim, 'delayed');
      return;
    }
    if (!(timeout < t.ack.timeout)) timeout = t.ack.timeout;
  }
  t.ack.pending |= ICSK_ACK_SCHED | ICSK_ACK_TIMER;
  t.ack.timeout = timeout;
  resetDelackTimer(sim, timeout);
  record(sim, TC.SEND_DELAYED_ACK, 0, timeout - now, ato);
}

/** tcp_sack_compress_send_ack(): send the ACK that compression was holding back. */
export function tcpSackCompressSendAck(sim: Sim): void {
  const t = sim.w.tcp;
  if (!t.compressedAck) return;
  t.compressedAckTimerAt = -1;
  // One of the compressed ACKs is the one sent now.
  if (t.compressedAck > 1) bump(sim, 'tcp.TCPAckCompressed', t.compressedAck - 1);
  t.compressedAck = 0;
  tcpSendAck(sim, 'ofo');
}

/** __tcp_ack_snd_check(): ACK now, later (delayed), or compressed while out-of-order data waits. */
export function tcpAckSndCheckNow(sim: Sim, ofoPossible: boolean): void {
  const t = sim.w.tcp;
  const sinceWup = (t.rcvNxt - t.rcvWup) >>> 0;
  const avail = (t.rcvNxt - t.copiedSeq) >>> 0;
  const now =
    // More than one full segment since the last window update, and the right edge moves enough
    // (or the reader's SO_RCVLOWAT is not met yet).
    (sinceWup > t.ack.rcvMss && (avail < t.rcvlowat || selectWindowRaw(t) >= t.rcvWnd)) ||
    tcpInQuickackMode(t) ||
    (t.ack.pending & ICSK_ACK_NOW) !== 0;
  if (now) {
    record(sim, TC.ACK_SND_CHECK, 0, 1, sinceWup);
    tcpSendAck(sim, t.dsack ? 'dup' : 'quick');
    return;
  }
  if (!ofoPossible || t.ofoQueue.length === 0) {
    record(sim, TC.ACK_SND_CHECK, 0, 0, sinceWup);
    tcpSendDelayedAck(sim);
    return;
  }
  if (!t.sackOk || t.compressedAck >= SYSCTL_TCP_COMP_SACK_NR) {
    record(sim, TC.ACK_SND_CHECK, 0, 1, sinceWup);
    tcpSendAck(sim, 'ofo');
    return;
  }
  if (t.compressedAckRcvNxt !== t.rcvNxt) {
    t.compressedAckRcvNxt = t.rcvNxt;
    t.dupAckCounter = 0;
  }
  // The first duplicate ACKs go out at once so the sender can fast-retransmit.
  if (t.dupAckCounter < TCP_FASTRETRANS_THRESH) {
    t.dupAckCounter++;
    record(sim, TC.ACK_SND_CHECK, 0, 1, sinceWup);
    tcpSendAck(sim, 'ofo');
    return;
  }
  t.compressedAck++;
  record(sim, TC.ACK_SND_CHECK, 0, 2, sinceWup);
  if (t.compressedAckTimerAt >= 0) return;
  // 5 % of the RTT, at most tcp_comp_sack_delay_ns (1 ms).
  const rtt = 2 * sim.w.scenario.wire.oneWayDelayNs;
  const delay = Math.min(SYSCTL_TCP_COMP_SACK_DELAY_NS, Math.floor(rtt / 20));
  t.compressedAckTimerAt = sim.w.now + delay;
  scheduleAt(sim, t.compressedAckTimerAt, EV_TCP_COMPRESSED_ACK);
}

/** tcp_ack_snd_check(): only when an ACK is scheduled. */
export function tcpAckSndCheck(sim: Sim): void {
  if (!(sim.w.tcp.ack.pending & ICSK_ACK_SCHED)) return;
  tcpAckSndCheckNow(sim, true);
}

/** tcp_send_dupack(): answer an unacceptable segment at once, with a D-SACK for old data. */
export function tcpSendDupack(sim: Sim, info: SegInfo): void {
  const t = sim.w.tcp;
  const end = (info.seq + info.len) >>> 0;
  record(sim, TC.SEND_DUPACK, info.id, info.seq, end);
  if (info.len > 0 && before(info.seq, t.rcvNxt)) {
    bump(sim, 'tcp.DelayedACKLost');
    tcpEnterQuickackMode(sim, TCP_MAX_QUICKACKS);
    if (t.sackOk) tcpDsackSet(sim, info.seq, after(end, t.rcvNxt) ? t.rcvNxt : end);
  }
  tcpSendAck(sim, 'dup');
}

/** tcp_delack_timer_handler(): runs from the timer, or from tcp_release_cb when it was deferred. */
export function tcpDelackTimerHandler(sim: Sim): void {
  const t = sim.w.tcp;
  if (t.compressedAck) {
    record(sim, TC.DELACK_TIMER, 0, 1, 0);
    tcpSackCompressSendAck(sim);
    return;
  }
  if (!(t.ack.pending & ICSK_ACK_TIMER)) {
    record(sim, TC.DELACK_TIMER, 0, 0, 0);
    return;
  }
  if (t.ack.timeout > sim.w.now) {
    resetDelackTimer(sim, t.ack.timeout);
    record(sim, TC.DELACK_TIMER, 0, 0, 0);
    return;
  }
  t.ack.pending &= ~ICSK_ACK_TIMER;
  if (!(t.ack.pending & ICSK_ACK_SCHED)) {
    record(sim, TC.DELACK_TIMER, 0, 0, 0);
    return;
  }
  if (!inPingpong(t)) {
    // Delayed ACK missed: inflate ato (bounded by the RTO).
    t.ack.ato = Math.min(t.ack.ato * 2, sim.w.scenario.tcp.rtoNs);
  } else {
    t.ack.pingpong = 0;
    t.ack.ato = atoMin(sim);
  }
  record(sim, TC.DELACK_TIMER, 0, 1, 0);
  tcpSendAck(sim, 'delayed');
  bump(sim, 'tcp.DelayedACKs');
}

// tcp_delack_timer: the timer_list callback, in softirq. Simplification: its CPU time is not charged.
defineHandler(EV_TCP_DELACK_TIMER, 'tcp_delack_timer', (sim, e) => {
  const t = sim.w.tcp;
  if (e.t !== t.delackTimerAt) return; // the timer was moved (mod_timer): this expiry does not exist
  t.delackTimerAt = -1;
  if (t.ownedByUser) {
    // The reader holds the socket: tcp_release_cb will run the handler.
    bump(sim, 'tcp.DelayedACKLocked');
    t.delackDeferred = true;
    record(sim, TC.DELACK_TIMER, 0, 0, 1);
    return;
  }
  tcpDelackTimerHandler(sim);
});

// tcp_compressed_ack_kick: the SACK compression hrtimer.
defineHandler(EV_TCP_COMPRESSED_ACK, 'tcp_compressed_ack_kick', (sim, e) => {
  const t = sim.w.tcp;
  if (e.t !== t.compressedAckTimerAt) return; // cancelled: an ACK already went out
  t.compressedAckTimerAt = -1;
  if (t.ownedByUser) {
    t.delackDeferred = true; // TCP_DELACK_TIMER_DEFERRED: the delack handler sends it at release
    record(sim, TC.COMPRESSED_ACK_KICK, 0, t.compressedAck, 1);
    return;
  }
  if (!t.compressedAck) {
    record(sim, TC.COMPRESSED_ACK_KICK, 0, 0, 0);
    return;
  }
  // The ACK sent now is one of the compressed ones.
  t.compressedAck--;
  record(sim, TC.COMPRESSED_ACK_KICK, 0, t.compressedAck, 0);
  tcpSendAck(sim, 'ofo');
});
