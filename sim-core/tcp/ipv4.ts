/**
 * net/ipv4/tcp_ipv4.c: tcp_v4_rcv for our one socket, and tcp_add_backlog when the reader owns it.
 * Runs in softirq; the per-skb CPU cost of tcp_v4_rcv is charged by the softirq stage (perSkbNs).
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { type Skb, skbEndSeq } from '../skb/skb';
import { TCP_ACK, TCP_CWR, TCP_ECE, TCP_RST, TCP_SYN, TCP_URG } from '../wire/tcp';
import { TC } from './codes';
import { skbTryCoalesce } from './coalesce';
import { tcpDrop } from './drop';
import { tcpV4DoRcv } from './input';
import { TCP_BACKLOG_HEADROOM } from './state';

/** tcp_add_backlog() limit: sk_rcvbuf + sk_sndbuf/2 + 64 KiB, checked against backlog + rmem. */
export function tcpBacklogLimit(sim: Sim): number {
  const t = sim.w.tcp;
  return t.rcvbuf + (t.sndbuf >> 1) + TCP_BACKLOG_HEADROOM;
}

/**
 * May `skb` be merged into the backlog tail? Contiguous, both ACK, no SYN/RST/URG, same ECE/CWR.
 * Simplification: the TCP options are taken as equal (segments of one burst carry the same
 * timestamp value, TSval ticks in milliseconds).
 */
function backlogCoalescable(tail: Skb, skb: Skb): boolean {
  if (skbEndSeq(tail) !== skb.seq) return false;
  if ((tail.tcpFlags | skb.tcpFlags) & (TCP_SYN | TCP_RST | TCP_URG)) return false;
  if (!(tail.tcpFlags & skb.tcpFlags & TCP_ACK)) return false;
  if ((tail.tcpFlags ^ skb.tcpFlags) & (TCP_ECE | TCP_CWR)) return false;
  return true;
}

/** tcp_add_backlog(): park the skb until release_sock; false when it was dropped. */
export function tcpAddBacklog(sim: Sim, skb: Skb): boolean {
  const t = sim.w.tcp;
  const tail = t.backlog[t.backlog.length - 1];
  // Coalescing is tried even above the limit: it costs no new skb.
  if (tail !== undefined && backlogCoalescable(tail, skb)) {
    const flags = skb.tcpFlags;
    const ack = skb.ack;
    const segs = Math.max(1, skb.segs);
    const delta = skbTryCoalesce(tail, skb);
    if (delta >= 0) {
      tail.tcpFlags |= flags;
      tail.ack = ack;
      t.backlogLen += delta;
      bump(sim, 'tcp.TCPBacklogCoalesce');
      bump(sim, 'tcp.backlog_segments', segs);
      record(sim, TC.ADD_BACKLOG, skb.id, t.backlogLen, 1);
      return true;
    }
  }
  // sk_add_backlog -> sk_rcvqueues_full: backlog + receive memory above the limit.
  if (t.backlogLen + t.rmemAlloc > tcpBacklogLimit(sim)) {
    bump(sim, 'tcp.TCPBacklogDrop');
    tcpDrop(sim, skb, 'SOCKET_BACKLOG', false);
    return false;
  }
  t.backlog.push(skb);
  t.backlogLen += skb.truesize;
  bump(sim, 'tcp.backlog_segments', Math.max(1, skb.segs));
  record(sim, TC.ADD_BACKLOG, skb.id, t.backlogLen, 0);
  return true;
}

/**
 * hooks.tcpV4Rcv: tcp_v4_rcv() after the socket lookup (there is one socket). The reader owns the
 * socket (inside tcp_recvmsg) -> backlog; otherwise tcp_v4_do_rcv processes it now.
 */
export function tcpV4Rcv(sim: Sim, skb: Skb): void {
  const t = sim.w.tcp;
  t.acct.rxSkbs++;
  t.acct.rxBytes += skb.len;
  record(sim, TC.V4_RCV, skb.id, skb.seq, skb.len);
  if (!t.ownedByUser) tcpV4DoRcv(sim, skb);
  else tcpAddBacklog(sim, skb);
}
