/**
 * tcp_drop_reason (tcp_input.c): free an skb whose data is not kept. Every drop is counted twice:
 * by its upstream drop reason (the kfree_skb tracepoint's reason, as dropwatch shows it) and in
 * bytes for the balance. MIB counters (TCPRcvQDrop ...) are bumped by the callers, as upstream.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import type { Skb } from '../skb/skb';
import { TC, TCP_DROP_REASONS, type TcpDropReason } from './codes';

/** @param charged the skb sat in the receive or out-of-order queue, so its truesize is in sk_rmem_alloc. */
export function tcpDrop(sim: Sim, skb: Skb, reason: TcpDropReason, charged: boolean): void {
  const t = sim.w.tcp;
  if (charged) t.rmemAlloc -= skb.truesize;
  t.acct.dropBytes[reason] = (t.acct.dropBytes[reason] ?? 0) + skb.len;
  bump(sim, `tcp.SKB_DROP_REASON_${reason}`);
  record(sim, TC.DROP, skb.id, TCP_DROP_REASONS.indexOf(reason), skb.len);
}
