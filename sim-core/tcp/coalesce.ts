/**
 * skb_try_coalesce (net/core/skbuff.c): append `from`'s payload to `to` without copying bytes, by
 * moving its page frags (and stealing its head as one more frag). Used by the receive and
 * out-of-order queues (tcp_try_coalesce) and by the backlog (tcp_add_backlog).
 *
 * Simplification: our skbs are laid out like igb's build_skb ones: frags[0] stands for the linear
 * head that holds the first segment's payload, the rest are page frags. The tailroom copy that
 * upstream uses for tiny segments (len <= skb_tailroom(to)) is not modelled.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { type Skb, skbEndSeq } from '../skb/skb';
import { TC } from './codes';
import { MAX_SKB_FRAGS, SKB_HEAD_STRUCT_TRUESIZE } from './state';

/** Returns the truesize `to` grows by, or -1 when the two cannot be merged (too many frags). */
export function skbTryCoalesce(to: Skb, from: Skb): number {
  const toFrags = Math.max(0, to.frags.length - 1);
  const fromFrags = Math.max(0, from.frags.length - 1);
  if (toFrags + fromFrags >= MAX_SKB_FRAGS) return -1;
  // The head of `from` becomes a frag of `to`; only its struct sk_buff is freed.
  const delta = Math.max(0, from.truesize - SKB_HEAD_STRUCT_TRUESIZE);
  for (const f of from.frags) to.frags.push(f);
  for (const id of from.frameIds) to.frameIds.push(id);
  to.len += from.len;
  to.segs += Math.max(1, from.segs);
  to.truesize += delta;
  from.frags = [];
  return delta;
}

/** tcp_try_coalesce() (tcp_input.c): merge `from` into `to` when it starts exactly where `to` ends. */
export function tcpTryCoalesce(sim: Sim, to: Skb, from: Skb, fromCharged: boolean): boolean {
  if (from.seq !== skbEndSeq(to)) return false;
  const fromTruesize = from.truesize;
  const fromLen = from.len;
  const delta = skbTryCoalesce(to, from);
  if (delta < 0) return false;
  const t = sim.w.tcp;
  // `to` is charged `delta` more; a charged `from` is freed (its destructor gives its truesize back).
  t.rmemAlloc += delta - (fromCharged ? fromTruesize : 0);
  to.tcpFlags |= from.tcpFlags;
  to.ack = from.ack;
  bump(sim, 'tcp.TCPRcvCoalesce');
  record(sim, TC.TRY_COALESCE, to.id, from.id, fromLen);
  return true;
}
