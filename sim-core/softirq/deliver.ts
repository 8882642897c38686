/**
 * From gro_normal_list to tcp_v4_rcv (net/core/dev.c, net/ipv4/ip_input.c, Linux 6.5).
 *
 * netif_receive_skb_list_internal takes the batched list; with the list API, ip_list_rcv runs
 * ip_rcv_core over every skb first, then each survivor is routed (PRE_ROUTING has no rules, so it
 * passes) and delivered locally. The model does the first part as one op per list and the
 * delivery as one op per skb, where the per-skb protocol cost is charged.
 */
import { charge } from '../engine/cpu';
import { record, type Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import type { RxSkb } from '../nic/rx-skb';
import { ETHERTYPE_IPV4 } from '../wire/ethernet';
import { IPPROTO_TCP } from '../wire/ipv4';
import {
  C_IP_LOCAL_DELIVER,
  C_IP_RCV,
  C_IP_RCV_DROP,
  C_IP_RCV_FINISH,
  C_IP_UNKNOWN_PROTO,
  C_NETIF_RECEIVE_CORE,
  C_NETIF_RECEIVE_LIST,
  C_RX_DROPPED,
  C_TCP_V4_RCV_DROP,
  IPDROP_CSUM,
  IPDROP_HDR,
  IPDROP_TRUNCATED,
} from './codes';

function dropped(sim: Sim, rs: RxSkb): void {
  sim.w.softirq.tally.payloadDropped += rs.skb.len;
}

/** ip_rcv_core's checks; returns 0 when the header is good, else the drop reason. */
export function ipRcvCoreVerdict(rs: RxSkb): number {
  const h = rs.h;
  if (rs.netLen < 20 || h.verIhl >> 4 !== 4 || h.ihl < 20) return IPDROP_HDR;
  if (rs.netLen < h.ihl) return IPDROP_HDR;
  if (!h.ipCsumOk) return IPDROP_CSUM;
  if (rs.netLen < h.totLen) return IPDROP_TRUNCATED;
  if (h.totLen < h.ihl) return IPDROP_HDR;
  return 0;
}

/** One op: netif_receive_skb_list_internal over the oldest pending list, through ip_rcv_core. */
export function netifReceiveListOp(sim: Sim): void {
  const s = sim.w.softirq;
  const list = s.listPending.shift()!;
  record(sim, C_NETIF_RECEIVE_LIST, s.napi.id, list.length, 0);
  for (const rs of list) {
    const h = rs.h;
    bump(sim, 'softirq.processed');
    record(sim, C_NETIF_RECEIVE_CORE, rs.skb.id, h.ethertype, rs.netLen);
    if (h.ethertype !== ETHERTYPE_IPV4) {
      bump(sim, 'nic.rx_dropped');
      dropped(sim, rs);
      record(sim, C_RX_DROPPED, rs.skb.id, h.ethertype, rs.skb.len);
      continue;
    }
    bump(sim, 'ip.InReceives');
    const why = ipRcvCoreVerdict(rs);
    if (why !== 0) {
      if (why === IPDROP_CSUM) bump(sim, 'ip.InCsumErrors');
      bump(sim, why === IPDROP_TRUNCATED ? 'ip.InTruncatedPkts' : 'ip.InHdrErrors');
      dropped(sim, rs);
      record(sim, C_IP_RCV_DROP, rs.skb.id, why, rs.skb.len);
      continue;
    }
    // inet_gro_complete rewrote tot_len of a merged skb to cover all its segments.
    record(sim, C_IP_RCV, rs.skb.id, rs.count > 1 ? rs.netLen : h.totLen, rs.count);
    // Simplification: NF_INET_PRE_ROUTING has no rules and the route is always "local".
    s.deliverQ.push(rs);
    record(sim, C_IP_RCV_FINISH, rs.skb.id, rs.skb.len, 0);
  }
}

/** One op: ip_local_deliver -> ip_local_deliver_finish -> tcp_v4_rcv for the next skb. */
export function ipLocalDeliverOp(sim: Sim): void {
  const s = sim.w.softirq;
  const rs = s.deliverQ.shift()!;
  const h = rs.h;
  charge(sim, sim.w.scenario.cpu.costs.perSkbNs);
  record(sim, C_IP_LOCAL_DELIVER, rs.skb.id, rs.skb.seq, rs.skb.len);
  if (h.proto !== IPPROTO_TCP) {
    bump(sim, 'ip.InUnknownProtos');
    dropped(sim, rs);
    record(sim, C_IP_UNKNOWN_PROTO, rs.skb.id, h.proto, rs.skb.len);
    return;
  }
  // Simplification: tcp_v4_rcv's own header and checksum checks are made here, because the
  // shared Skb carries neither the TCP header nor ip_summed.
  const badHdr = !h.tcpOk;
  const badCsum = !badHdr && !rs.csumUnnecessary && !h.tcpCsumOk;
  if (badHdr || badCsum) {
    if (badCsum) bump(sim, 'tcp.InCsumErrors');
    bump(sim, 'tcp.InErrs');
    dropped(sim, rs);
    record(sim, C_TCP_V4_RCV_DROP, rs.skb.id, badCsum ? 1 : 2, rs.skb.len);
    return;
  }
  bump(sim, 'ip.InDelivers');
  s.tally.payloadToTcp += rs.skb.len;
  s.tally.skbsToTcp++;
  sim.hooks.tcpV4Rcv(sim, rs.skb);
}
