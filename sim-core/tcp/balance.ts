/**
 * Byte conservation of the TCP receive side (MODEL.md section 8): every payload byte handed to
 * tcp_v4_rcv was copied to the reader, is still held (receive queue unread, out-of-order queue,
 * backlog), or was counted as dropped (whole skbs, by reason) or as a duplicate (bytes that arrived
 * again while already held). Held bytes are measured from the queues themselves.
 */
import { type Skb, skbEndSeq } from '../skb/skb';
import { ofoUnionBytes } from './input';
import { after, before, seqSpan } from './seq';
import type { TcpState } from './state';

export interface TcpBalance {
  received: number;
  copied: number;
  /** Unread bytes in sk_receive_queue (from copied_seq on, overlaps counted once). */
  heldReceive: number;
  heldOfo: number;
  heldBacklog: number;
  dropped: number;
  droppedByReason: Record<string, number>;
  duplicate: number;
  /** received - (copied + held + dropped + duplicate): 0 when every byte is accounted for. */
  diff: number;
}

/** Unread bytes of the receive queue, overlaps between neighbours counted once. */
function receiveQueueUnread(t: TcpState): number {
  let pos = t.copiedSeq;
  let total = 0;
  for (const skb of t.receiveQueue as readonly Skb[]) {
    const start = before(skb.seq, pos) ? pos : skb.seq;
    const end = skbEndSeq(skb);
    if (after(end, start)) {
      total += seqSpan(start, end);
      pos = end;
    }
  }
  return total;
}

export function tcpBalance(w: { tcp: TcpState }): TcpBalance {
  const t = w.tcp;
  const a = t.acct;
  const heldReceive = receiveQueueUnread(t);
  const heldOfo = ofoUnionBytes(t.ofoQueue);
  let heldBacklog = 0;
  for (const s of t.backlog) heldBacklog += s.len;
  let dropped = 0;
  for (const k in a.dropBytes) dropped += a.dropBytes[k]!;
  const accounted = a.copiedBytes + heldReceive + heldOfo + heldBacklog + dropped + a.dupBytes;
  return {
    received: a.rxBytes,
    copied: a.copiedBytes,
    heldReceive,
    heldOfo,
    heldBacklog,
    dropped,
    droppedByReason: { ...a.dropBytes },
    duplicate: a.dupBytes,
    diff: a.rxBytes - accounted,
  };
}
