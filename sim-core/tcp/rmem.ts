/**
 * Receive memory (tcp_input.c): tcp_try_rmem_schedule, tcp_prune_queue, tcp_prune_ofo_queue,
 * tcp_clamp_window. sk_rmem_alloc counts the truesize of queued skbs against sk_rcvbuf.
 *
 * Simplification: No global TCP memory accounting (tcp_mem, sk_forward_alloc): sk_rmem_schedule
 *   always succeeds, so only sk_rcvbuf limits a socket, and "memory pressure" never happens.
 * Simplification: tcp_collapse / tcp_collapse_ofo_queue, which copy queued skbs into tightly packed
 *   ones to win back truesize overhead, are not modelled: pruning goes straight to dropping
 *   out-of-order data. With an honest sender (it respects the window) the buffer never overflows, so this
 *   only shows under injected misbehaviour.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { TC } from './codes';
import { tcpDrop } from './drop';
import { after } from './seq';
import type { SegInfo } from './window';

/** tcp_clamp_window(): the buffer is full; stop quick ACKs and shrink rcv_ssthresh. */
function tcpClampWindow(sim: Sim): void {
  const t = sim.w.tcp;
  t.ack.quick = 0;
  // SO_RCVBUF was set (SOCK_RCVBUF_LOCK), so sk_rcvbuf is never raised here.
  if (t.rmemAlloc > t.rcvbuf) t.rcvSsthresh = Math.min(t.windowClamp, 2 * t.advmss);
}

/** tcp_prune_ofo_queue(): drop out-of-order skbs from the highest sequence down. */
export function tcpPruneOfoQueue(sim: Sim, inSeq: number): boolean {
  const t = sim.w.tcp;
  const q = t.ofoQueue;
  if (q.length === 0) return false;
  let goal = t.rcvbuf >> 3;
  let dropped = 0;
  for (let i = q.length - 1; i >= 0; i--) {
    const skb = q[i]!;
    // Keep what lies before the incoming segment: it may soon fill a hole.
    if (after(inSeq, skb.seq)) break;
    q.splice(i, 1);
    goal -= skb.truesize;
    dropped++;
    tcpDrop(sim, skb, 'TCP_OFO_QUEUE_PRUNE', true);
    if (i === 0 || goal <= 0) {
      if (t.rmemAlloc <= t.rcvbuf) break;
      goal = t.rcvbuf >> 3;
    }
  }
  if (dropped === 0) return false;
  bump(sim, 'tcp.OfoPruned');
  // tcp_sack_reset: the SACK state no longer matches what we hold.
  t.sacks = [];
  t.dsack = null;
  record(sim, TC.PRUNE_OFO_QUEUE, 0, dropped, t.rmemAlloc);
  return true;
}

/** tcp_prune_queue(): returns -1 when the incoming data must be dropped. */
function tcpPruneQueue(sim: Sim, info: SegInfo): number {
  const t = sim.w.tcp;
  bump(sim, 'tcp.PruneCalled');
  record(sim, TC.PRUNE_QUEUE, 0, t.rmemAlloc, t.rcvbuf);
  if (t.rmemAlloc >= t.rcvbuf) tcpClampWindow(sim);
  if (t.rmemAlloc <= t.rcvbuf) return 0;
  tcpPruneOfoQueue(sim, info.seq);
  if (t.rmemAlloc <= t.rcvbuf) return 0;
  bump(sim, 'tcp.RcvPruned');
  return -1;
}

/**
 * tcp_try_rmem_schedule(): may this skb be charged to the socket? Upstream compares the memory
 * already charged (not including this skb) with sk_rcvbuf. Returns true when it must be dropped.
 */
export function tcpTryRmemSchedule(sim: Sim, info: SegInfo): boolean {
  const t = sim.w.tcp;
  if (t.rmemAlloc > t.rcvbuf) {
    if (tcpPruneQueue(sim, info) < 0) return true;
  }
  return false;
}
