/**
 * The out-of-order queue (tcp_input.c): tcp_data_queue_ofo keeps segments that arrive beyond a
 * gap, ordered by sequence number (an rb-tree upstream, a sorted array here); tcp_ofo_queue moves
 * them to the receive queue once the gap is filled.
 *
 * Partial overlaps are kept as upstream does (the reader skips bytes it already has); skbs fully
 * covered by another are dropped (TCPOFOMerge). Only the nearest lower neighbour is examined for
 * overlap: in a queue without fully covered skbs it is the one that decides.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { type Skb, skbEndSeq } from '../skb/skb';
import { tcpSackCompressSendAck } from './ack';
import { TC } from './codes';
import { tcpTryCoalesce } from './coalesce';
import { tcpDrop } from './drop';
import { skDataReady } from './ready';
import { tcpTryRmemSchedule } from './rmem';
import { tcpDsackExtend, tcpDsackSet, tcpSackNewOfoSkb } from './sack';
import { after, before } from './seq';
import { ICSK_ACK_SCHED } from './state';
import { segInfo, tcpGrowWindow } from './window';

/** tcp_data_queue_ofo(). */
export function tcpDataQueueOfo(sim: Sim, skb: Skb): void {
  const t = sim.w.tcp;
  const info = segInfo(skb);
  const seq = skb.seq;
  const end = skbEndSeq(skb);

  if (tcpTryRmemSchedule(sim, info)) {
    bump(sim, 'tcp.TCPOFODrop');
    skDataReady(sim);
    tcpDrop(sim, skb, 'PROTO_MEM', false);
    return;
  }
  t.ack.pending |= ICSK_ACK_SCHED;
  bump(sim, 'tcp.TCPOFOQueue');
  bump(sim, 'tcp.ofo_segments', Math.max(1, skb.segs)); // tp->rcv_ooopack
  const q = t.ofoQueue;
  const addSack = (): void => {
    if (t.sackOk) tcpSackNewOfoSkb(t, seq, end, () => tcpSackCompressSendAck(sim));
  };
  const keep = (): void => {
    // Non-SACK peers keep the window still so duplicate ACKs trigger fast retransmit.
    if (t.sackOk) tcpGrowWindow(sim, info);
    t.rmemAlloc += skb.truesize; // skb_set_owner_r
    record(sim, TC.DATA_QUEUE_OFO, skb.id, seq, q.length);
  };

  if (q.length === 0) {
    // The first out-of-order segment: one SACK block.
    if (t.sackOk) t.sacks = [[seq, end]];
    q.push(skb);
    keep();
    return;
  }

  // Nearest skb starting at or before seq.
  let p = q.length - 1;
  while (p >= 0 && after(q[p]!.seq, seq)) p--;
  let pos: number;
  if (p >= 0) {
    const prev = q[p]!;
    const prevEnd = skbEndSeq(prev);
    if (before(seq, prevEnd)) {
      if (!after(end, prevEnd)) {
        // Every byte is already here.
        bump(sim, 'tcp.TCPOFOMerge');
        tcpDrop(sim, skb, 'TCP_OFOMERGE', false);
        tcpDsackSet(sim, seq, end);
        addSack();
        return;
      }
      if (after(seq, prev.seq)) {
        // Partial overlap: keep both, D-SACK the shared part.
        tcpDsackSet(sim, seq, prevEnd);
        pos = p + 1;
        q.splice(pos, 0, skb);
      } else {
        // Same start and longer: the new skb replaces the old one.
        q[p] = skb;
        pos = p;
        tcpDsackExtend(sim, prev.seq, prevEnd);
        bump(sim, 'tcp.TCPOFOMerge');
        tcpDrop(sim, prev, 'TCP_OFOMERGE', true);
      }
    } else if (tcpTryCoalesce(sim, prev, skb, false)) {
      // Appended to its neighbour (tcp_ooo_try_coalesce).
      if (t.sackOk) tcpGrowWindow(sim, info);
      addSack();
      record(sim, TC.DATA_QUEUE_OFO, skb.id, seq, q.length);
      return;
    } else {
      pos = p + 1;
      q.splice(pos, 0, skb);
    }
  } else {
    pos = 0;
    q.splice(pos, 0, skb);
  }

  // merge_right: drop later skbs the new one covers entirely.
  while (pos + 1 < q.length) {
    const n = q[pos + 1]!;
    const nEnd = skbEndSeq(n);
    if (!after(end, n.seq)) break;
    if (before(end, nEnd)) {
      tcpDsackExtend(sim, n.seq, end);
      break;
    }
    q.splice(pos + 1, 1);
    tcpDsackExtend(sim, n.seq, nEnd);
    bump(sim, 'tcp.TCPOFOMerge');
    tcpDrop(sim, n, 'TCP_OFOMERGE', true);
  }
  addSack();
  keep();
}

/** tcp_ofo_queue(): move skbs that are now in order to the receive queue. */
export function tcpOfoQueue(sim: Sim): void {
  const t = sim.w.tcp;
  const q = t.ofoQueue;
  let dsackHigh = t.rcvNxt;
  while (q.length > 0) {
    const skb = q[0]!;
    if (after(skb.seq, t.rcvNxt)) break;
    const end = skbEndSeq(skb);
    if (before(skb.seq, dsackHigh)) {
      const d = dsackHigh;
      if (before(end, dsackHigh)) dsackHigh = end;
      tcpDsackExtend(sim, skb.seq, d);
    }
    q.shift();
    if (!after(end, t.rcvNxt)) {
      tcpDrop(sim, skb, 'TCP_OFO_DROP', true);
      continue;
    }
    const tail = t.receiveQueue[t.receiveQueue.length - 1];
    const eaten = tail !== undefined && tcpTryCoalesce(sim, tail, skb, true);
    t.rcvNxt = end;
    if (!eaten) t.receiveQueue.push(skb);
    record(sim, TC.OFO_QUEUE, skb.id, skb.seq, t.rcvNxt);
  }
}
