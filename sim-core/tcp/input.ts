/**
 * Established-state receive (net/ipv4/tcp_input.c): tcp_rcv_established -> tcp_data_queue ->
 * the receive queue, with the memory check, rcv_mss measurement and the reader wake-up.
 *
 * Simplification: Header prediction (the fast path of tcp_rcv_established) is not modelled: every
 *   segment takes the slow path (tcp_validate_incoming, tcp_data_queue, tcp_ack_snd_check). The
 *   outcome for data is the same; the fast path only skips checks that pass anyway.
 * Simplification: PAWS (timestamp) checks, urgent data, FIN and ECN are not modelled.
 * Simplification: The ACK field of the host's segments acknowledges the target's own data; the
 *   target's send side is not modelled here (tcp_ack, tcp_data_snd_check are no-ops).
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import type { Skb } from '../skb/skb';
import { skbEndSeq } from '../skb/skb';
import { TCP_PSH, TCP_FIN, TCP_SYN, TCP_URG } from '../wire/tcp';
import { tcpAckSndCheck, tcpEnterQuickackMode, tcpIncrQuickack, tcpSendDupack } from './ack';
import { TC, type TcpDropReason } from './codes';
import { tcpTryCoalesce } from './coalesce';
import { tcpDrop } from './drop';
import { tcpDataQueueOfo, tcpOfoQueue } from './ofo';
import { skDataReady, tcpDataReady } from './ready';
import { tcpTryRmemSchedule } from './rmem';
import { tcpDsackSet, tcpSackRemove } from './sack';
import { after, before, seqAdd, seqSpan } from './seq';
import {
  ICSK_ACK_NOW,
  ICSK_ACK_PUSHED,
  ICSK_ACK_PUSHED2,
  ICSK_ACK_SCHED,
  TCP_MAX_QUICKACKS,
  TCP_MIN_MSS,
  TCP_MSS_DEFAULT,
  type TcpState,
} from './state';
import { type SegInfo, segInfo, tcpGrowWindow, tcpReceiveWindow } from './window';

/** TCP_REMNANT: flags that mark a segment that may legitimately be short. */
const TCP_REMNANT = TCP_FIN | TCP_URG | TCP_SYN | TCP_PSH;

/** tcp_measure_rcv_mss(): learn the sender's segment size from what arrives. */
function tcpMeasureRcvMss(sim: Sim, info: SegInfo): void {
  const t = sim.w.tcp;
  const a = t.ack;
  const old = a.rcvMss;
  const lss = a.lastSegSize;
  a.lastSegSize = 0;
  let len = info.gsoSize || info.len;
  if (len >= a.rcvMss) {
    a.rcvMss = Math.min(len, t.advmss);
  } else {
    // Short segment: look at it with its TCP header to ignore SACK-option jitter.
    len += t.tcpHeaderLen;
    if (len >= TCP_MSS_DEFAULT + 20 || (len >= TCP_MIN_MSS + 20 && !(info.tcpFlags & TCP_REMNANT))) {
      len -= t.tcpHeaderLen;
      a.lastSegSize = len;
      if (len === lss) {
        a.rcvMss = len;
        if (a.rcvMss !== old) record(sim, TC.MEASURE_RCV_MSS, 0, a.rcvMss, info.len);
        return;
      }
    }
    // A short (pushed) segment: tcp_cleanup_rbuf may ACK as soon as the reader drains it.
    if (a.pending & ICSK_ACK_PUSHED) a.pending |= ICSK_ACK_PUSHED2;
    a.pending |= ICSK_ACK_PUSHED;
  }
  if (a.rcvMss !== old) record(sim, TC.MEASURE_RCV_MSS, 0, a.rcvMss, info.len);
}

/** tcp_event_data_recv(): schedule an ACK, measure, adapt ato, maybe grow the window. */
function tcpEventDataRecv(sim: Sim, info: SegInfo): void {
  const t = sim.w.tcp;
  const a = t.ack;
  const atoMin = sim.w.scenario.tcp.delayedAckNs;
  const rto = sim.w.scenario.tcp.rtoNs;
  a.pending |= ICSK_ACK_SCHED;
  tcpMeasureRcvMss(sim, info);
  const now = sim.w.now;
  if (!a.ato) {
    // The first data segment: start with quick ACKs.
    tcpIncrQuickack(t, TCP_MAX_QUICKACKS);
    a.ato = atoMin;
  } else {
    const m = now - a.lrcvtime;
    if (m <= atoMin / 2) {
      a.ato = Math.floor(a.ato / 2) + Math.floor(atoMin / 2);
    } else if (m < a.ato) {
      a.ato = Math.min(Math.floor(a.ato / 2) + m, rto);
    } else if (m > rto) {
      // A long silence: the sender probably stalled, ACK quickly again.
      tcpIncrQuickack(t, TCP_MAX_QUICKACKS);
    }
  }
  a.lrcvtime = now;
  if (info.len >= 128) tcpGrowWindow(sim, info);
}

/** tcp_queue_rcv(): append to the receive queue (merging into its tail when possible). */
function tcpQueueRcv(sim: Sim, skb: Skb): boolean {
  const t = sim.w.tcp;
  const end = skbEndSeq(skb);
  const tail = t.receiveQueue[t.receiveQueue.length - 1];
  const eaten = tail !== undefined && tcpTryCoalesce(sim, tail, skb, false);
  t.rcvNxt = end;
  if (!eaten) {
    t.receiveQueue.push(skb);
    t.rmemAlloc += skb.truesize; // skb_set_owner_r
  }
  record(sim, TC.QUEUE_RCV, eaten && tail ? tail.id : skb.id, t.rcvNxt, t.receiveQueue.length);
  return eaten;
}

/** The in-order branch of tcp_data_queue (label queue_and_out). */
function queueAndOut(sim: Sim, skb: Skb, info: SegInfo): void {
  const t = sim.w.tcp;
  // An empty receive queue always accepts (sk_forced_mem_schedule), so a reader can make progress.
  if (t.receiveQueue.length > 0 && tcpTryRmemSchedule(sim, info)) {
    bump(sim, 'tcp.TCPRcvQDrop');
    skDataReady(sim);
    tcpDrop(sim, skb, 'PROTO_MEM', false);
    return;
  }
  tcpQueueRcv(sim, skb);
  if (info.len) tcpEventDataRecv(sim, info);
  if (t.ofoQueue.length > 0) {
    tcpOfoQueue(sim);
    // RFC 5681 4.2: ACK at once when a gap is filled.
    if (t.ofoQueue.length === 0) t.ack.pending |= ICSK_ACK_NOW;
  }
  if (t.sacks.length) tcpSackRemove(t);
  tcpDataReady(sim);
}

/** Labels out_of_window / drop: force quick ACKs (the sender must learn), then drop. */
function outOfWindow(sim: Sim, skb: Skb, reason: TcpDropReason): void {
  tcpEnterQuickackMode(sim, TCP_MAX_QUICKACKS);
  sim.w.tcp.ack.pending |= ICSK_ACK_SCHED;
  tcpDrop(sim, skb, reason, false);
}

/** tcp_data_queue(). */
export function tcpDataQueue(sim: Sim, skb: Skb): void {
  const t = sim.w.tcp;
  const info = segInfo(skb);
  const end = skbEndSeq(skb);
  if (skb.len === 0) return; // a pure ACK: nothing to queue
  record(sim, TC.DATA_QUEUE, skb.id, skb.seq, t.rcvNxt);
  t.dsack = null;

  if (skb.seq === t.rcvNxt) {
    if (tcpReceiveWindow(t) === 0) {
      bump(sim, 'tcp.TCPZeroWindowDrop');
      outOfWindow(sim, skb, 'TCP_ZEROWINDOW');
      return;
    }
    queueAndOut(sim, skb, info);
    return;
  }
  if (!after(end, t.rcvNxt)) {
    // A retransmission of data we already have: D-SACK it and ACK at once.
    bump(sim, 'tcp.DelayedACKLost');
    tcpDsackSet(sim, skb.seq, end);
    outOfWindow(sim, skb, 'TCP_OLD_DATA');
    return;
  }
  if (!before(skb.seq, seqAdd(t.rcvNxt, tcpReceiveWindow(t)))) {
    outOfWindow(sim, skb, 'TCP_OVERWINDOW');
    return;
  }
  if (before(skb.seq, t.rcvNxt)) {
    // Partly old: D-SACK the old head; the whole skb is queued and the reader skips the head.
    tcpDsackSet(sim, skb.seq, t.rcvNxt);
    if (!tcpReceiveWindow(t)) {
      bump(sim, 'tcp.TCPZeroWindowDrop');
      outOfWindow(sim, skb, 'TCP_ZEROWINDOW');
      return;
    }
    queueAndOut(sim, skb, info);
    return;
  }
  tcpDataQueueOfo(sim, skb);
}

/**
 * tcp_oow_rate_limited(): may an out-of-window segment be answered now? Data segments always
 * are (they are not part of an ACK loop). A segment without data, such as the sender's
 * zero-window probe (one byte below snd_una, so always left of rcv_wup), is answered at most
 * once per tcp_invalid_ratelimit (HZ/2), counted in jiffies.
 */
export function tcpOowRateLimited(sim: Sim, len: number): boolean {
  if (len > 0) return false;
  const t = sim.w.tcp;
  const hz = sim.w.scenario.softirq.hz;
  const now = Math.floor((sim.w.now * hz) / 1e9);
  if (t.lastOowAckJiffy >= 0) {
    const elapsed = now - t.lastOowAckJiffy;
    // net.ipv4.tcp_invalid_ratelimit = HZ/2 jiffies (500 ms).
    if (elapsed >= 0 && elapsed < Math.floor(hz / 2)) {
      bump(sim, 'tcp.TCPACKSkippedSeq');
      return true;
    }
  }
  t.lastOowAckJiffy = now;
  return false;
}

/** tcp_sequence() in tcp_validate_incoming: is any of the segment inside the window? */
function tcpValidateIncoming(sim: Sim, skb: Skb): boolean {
  const t = sim.w.tcp;
  const end = skbEndSeq(skb);
  const ok = !before(end, t.rcvWup) && !after(skb.seq, seqAdd(t.rcvNxt, tcpReceiveWindow(t)));
  if (ok) return true;
  // Answer with a duplicate ACK carrying the current window, unless rate-limited.
  if (!tcpOowRateLimited(sim, skb.len)) tcpSendDupack(sim, segInfo(skb));
  tcpDrop(sim, skb, 'TCP_INVALID_SEQUENCE', false);
  return false;
}

/** Sum of the spans covered by the (seq-ordered) out-of-order queue, overlaps counted once. */
export function ofoUnionBytes(q: readonly Skb[]): number {
  let total = 0;
  let curEnd = 0;
  let have = false;
  for (const skb of q) {
    const s = skb.seq;
    const e = skbEndSeq(skb);
    if (!have || !before(s, curEnd)) {
      total += seqSpan(s, e);
      curEnd = e;
      have = true;
    } else if (after(e, curEnd)) {
      total += seqSpan(curEnd, e);
      curEnd = e;
    }
  }
  return total;
}

/** Distinct stream bytes the socket has taken in (delivered in order, or waiting out of order). */
function heldMeasure(t: TcpState): number {
  return ((t.rcvNxt - t.irs) >>> 0) + ofoUnionBytes(t.ofoQueue);
}

function totalDropBytes(t: TcpState): number {
  let n = 0;
  for (const k in t.acct.dropBytes) n += t.acct.dropBytes[k]!;
  return n;
}

/**
 * tcp_rcv_established() (slow path). Also does the byte bookkeeping for tcpBalance: bytes of
 * this segment that neither grew what the socket holds nor were dropped were duplicates.
 */
export function tcpRcvEstablished(sim: Sim, skb: Skb): void {
  const t = sim.w.tcp;
  record(sim, TC.RCV_ESTABLISHED, skb.id, skb.seq, skb.len);
  const len = skb.len;
  const m0 = heldMeasure(t);
  const d0 = totalDropBytes(t);
  if (tcpValidateIncoming(sim, skb)) {
    tcpDataQueue(sim, skb);
    tcpAckSndCheck(sim);
  }
  t.acct.dupBytes += len - (heldMeasure(t) - m0) - (totalDropBytes(t) - d0);
}

/** tcp_v4_do_rcv(): the socket is ESTABLISHED, so straight to tcp_rcv_established. */
export function tcpV4DoRcv(sim: Sim, skb: Skb): void {
  tcpRcvEstablished(sim, skb);
}
