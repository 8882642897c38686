/**
 * igb_poll's RX half: igb_clean_rx_irq, one descriptor per op, and igb_alloc_rx_buffers.
 *
 * The loop (igb_main.c, Linux 6.5): while fewer than `budget` packets are done, first give
 * buffers back to the NIC once IGB_RX_BUFFER_WRITE (16) descriptors are cleaned, then look at
 * next_to_clean; a descriptor whose length is still 0 (not written back) ends the loop. The first
 * descriptor of a frame becomes an skb, later ones are added as frags; at EOP the skb goes to
 * GRO. On exit the remaining cleaned descriptors are re-armed and an unfinished frame is kept in
 * rx_ring->skb for the next poll.
 */
import { charge } from '../engine/cpu';
import { newId, record, setState, type Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import type { Skb } from '../skb/skb';
import { ETHERNET_HEADER_LEN } from '../wire/ethernet';
import {
  C_IGB_ALLOC,
  C_IGB_CLEAN_DESC,
  C_IGB_CLEAN_DONE,
  C_IGB_IS_NON_EOP,
  C_IGB_POLL,
  C_IGB_SKB_FIELDS,
  DESC_ARMED,
  DESC_DONE,
  DESC_UNARMED,
  RX_DESC_MACHINE,
} from './codes';
import { readRxHeaders, type RxSkb } from './rx-skb';
import { doneCount, IGB_RX_BUFFER_WRITE, igbDescUnused } from './state';

/**
 * SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86_64 (232 rounded to 256): what build_skb adds to the
 * buffer's truesize, and what GRO gives back when it steals a merged skb's head.
 */
export const SKB_HEAD_TRUESIZE = 256;

/** igb_poll starts and igb_clean_rx_irq(q_vector, budget) sets up its locals. */
export function igbPollStart(sim: Sim, budget: number): void {
  const n = sim.w.nic;
  const c = n.clean;
  c.active = true;
  c.budget = budget;
  c.totalPackets = 0;
  c.totalBytes = 0;
  c.cleanedCount = igbDescUnused(n.ntc, n.ntu, n.count);
  record(sim, C_IGB_POLL, 0, budget, doneCount(n));
}

export type CleanStep =
  /** An op was done (a refill, or one descriptor); `skb` is set when a frame was completed (EOP). */
  | { done: 'op'; skb: RxSkb | null }
  /** The loop ends: budget used up or no finished descriptor at next_to_clean. Nothing was done. */
  | { done: 'stop' };

/** One iteration of the igb_clean_rx_irq loop. */
export function igbCleanRxStep(sim: Sim): CleanStep {
  const n = sim.w.nic;
  const c = n.clean;
  if (c.totalPackets >= c.budget) return { done: 'stop' };
  if (c.cleanedCount >= IGB_RX_BUFFER_WRITE) {
    igbAllocRxBuffers(sim, c.cleanedCount);
    c.cleanedCount = 0;
    return { done: 'op', skb: null };
  }
  if (n.desc[n.ntc]!.state !== DESC_DONE) return { done: 'stop' };
  return { done: 'op', skb: cleanOneDescriptor(sim) };
}

function cleanOneDescriptor(sim: Sim): RxSkb | null {
  const n = sim.w.nic;
  const c = n.clean;
  const i = n.ntc;
  const d = n.desc[i]!;
  const frame = d.frame!;
  charge(sim, sim.w.scenario.cpu.costs.perDescriptorNs);
  let rs = n.partial;
  if (rs === null) {
    // igb_build_skb: the skb's head is this buffer; the headers are read from it.
    const h = readRxHeaders(frame);
    const skb: Skb = {
      id: newId(sim),
      seq: h.seq,
      len: 0,
      tcpFlags: h.flags,
      ack: h.ack,
      frags: [],
      segs: 1,
      truesize: SKB_HEAD_TRUESIZE + n.bufTruesize,
      frameIds: [d.frameId],
      consumed: 0,
    };
    rs = {
      skb,
      frame,
      h,
      csumUnnecessary: false,
      netLen: Math.max(0, frame.length - ETHERNET_HEADER_LEN),
      count: 1,
      gsoSize: 0,
      age: 0,
      flush: false,
      flushId: 0,
      isAtomic: true,
    };
  } else {
    // igb_add_rx_frag: this buffer's half page becomes one more frag of the same skb.
    rs.skb.truesize += n.bufTruesize;
  }
  // The TCP payload bytes that sit in this buffer become a frag pointing into the frame.
  const lo = Math.max(d.off, rs.h.payOff);
  const hi = Math.min(d.off + d.len, rs.h.payOff + rs.h.payLen);
  if (hi > lo) {
    rs.skb.frags.push({ bytes: frame, off: lo, len: hi - lo, frameId: d.frameId });
    rs.skb.len += hi - lo;
  }
  c.cleanedCount++;
  n.stats.descCleaned++;
  // igb_reuse_rx_page: the page goes to the next_to_alloc slot for the next refill.
  n.nta = (n.nta + 1) % n.count;
  setState(sim, RX_DESC_MACHINE.id, i, d, DESC_UNARMED);
  record(sim, C_IGB_CLEAN_DESC, i, d.len, rs.skb.id);
  // igb_is_non_eop: advance next_to_clean; without EOP the frame goes on in the next descriptor.
  n.ntc = (i + 1) % n.count;
  record(sim, C_IGB_IS_NON_EOP, i, d.eop ? 0 : 1, n.ntc);
  if (!d.eop) {
    n.partial = rs;
    return null;
  }
  n.partial = null;
  // igb_cleanup_headers found no error bits (the model has none); igb_process_skb_fields:
  // igb_rx_checksum trusts the NIC when it verified both the IP and the TCP checksum.
  const h = rs.h;
  rs.csumUnnecessary = h.ipCsumOk && h.tcpOk && h.tcpCsumOk;
  if (h.ethertype === 0x0800 && (!h.ipCsumOk || (h.tcpOk && !h.tcpCsumOk)))
    bump(sim, 'nic.rx_csum_offload_errors');
  c.totalPackets++;
  c.totalBytes += frame.length;
  bump(sim, 'nic.rx_packets');
  bump(sim, 'nic.rx_bytes', frame.length);
  n.stats.payloadCleaned += rs.skb.len;
  record(sim, C_IGB_SKB_FIELDS, rs.skb.id, rs.csumUnnecessary ? 1 : 0, rs.skb.len);
  return rs;
}

/** The end of igb_clean_rx_irq: re-arm what is left, return the packets done. */
export function igbCleanRxExit(sim: Sim): number {
  const c = sim.w.nic.clean;
  if (c.cleanedCount > 0) {
    igbAllocRxBuffers(sim, c.cleanedCount);
    c.cleanedCount = 0;
  }
  c.active = false;
  record(sim, C_IGB_CLEAN_DONE, 0, c.totalPackets, c.totalPackets >= c.budget ? 1 : 0);
  return c.totalPackets;
}

/** igb_alloc_rx_buffers: arm `count` descriptors from next_to_use on and write the tail. */
export function igbAllocRxBuffers(sim: Sim, count: number): void {
  const n = sim.w.nic;
  if (count <= 0) return;
  const unused = igbDescUnused(n.ntc, n.ntu, n.count);
  if (count > unused)
    throw new Error(`igb_alloc_rx_buffers: ${count} asked, only ${unused} descriptors unused`);
  const first = n.ntu;
  let i = first;
  for (let k = 0; k < count; k++) {
    const d = n.desc[i]!;
    d.frame = null;
    d.off = 0;
    d.len = 0;
    d.eop = false;
    d.frameId = -1;
    setState(sim, RX_DESC_MACHINE.id, i, d, DESC_ARMED);
    i = (i + 1) % n.count;
  }
  n.ntu = i;
  n.nta = i;
  record(sim, C_IGB_ALLOC, first, count, i);
}
