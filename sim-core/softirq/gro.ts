/**
 * GRO for IPv4/TCP (net/core/gro.c dev_gro_receive, net/ipv4/af_inet.c inet_gro_receive,
 * net/ipv4/tcp_offload.c tcp_gro_receive, Linux 6.5) and the rx_list batching of gro_normal_one.
 *
 * A segment merges into the held skb of its flow only when: same addresses, ports and L2 header;
 * same TTL/TOS/DF and an IP ID that is fixed or counts up; no CWR; same flags apart from
 * CWR/FIN/PSH, same ack and window (the flag word), same TCP options; payload no longer than the
 * first segment's (the mss); sequence right after the held data; and the result under 64 KiB.
 * Any failure sends the held skb up. A segment with PSH/URG/RST/SYN/FIN, or shorter than the mss,
 * ends the skb it joins (or goes up alone).
 */
import { record, type Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { SKB_HEAD_TRUESIZE } from '../nic/clean';
import { IP_DF, ipIsFragment, type RxSkb } from '../nic/rx-skb';
import { ETHERTYPE_IPV4 } from '../wire/ethernet';
import {
  C_GRO_FLUSH_OLDEST,
  C_GRO_NORMAL_LIST,
  C_GRO_NORMAL_ONE,
  C_NAPI_GRO_COMPLETE,
  C_NAPI_GRO_FLUSH,
  C_NAPI_GRO_RECEIVE,
  C_TCP_GRO_FLUSH,
  FLUSH_64K,
  FLUSH_ACK_WINDOW,
  FLUSH_FLAGS,
  FLUSH_IP,
  FLUSH_NONE,
  FLUSH_NOT_CONTIGUOUS,
  FLUSH_OPTIONS,
  FLUSH_OVER_MSS,
  FLUSH_SHORT,
  GRO_HELD,
  GRO_MERGED_FREE,
  GRO_NORMAL,
} from './codes';
import { jiffiesAt } from './jiffies';
import { GRO_HASH_BUCKETS, MAX_GRO_SKBS } from './state';

/** GRO_LEGACY_MAX_SIZE, also the default gro_ipv4_max_size: a GRO skb stays below 64 KiB. */
export const GRO_LEGACY_MAX_SIZE = 65536;

// tcp_flag_word bits (bytes 12..15 of the TCP header read as one big-endian word).
const TCP_FLAG_FIN = 0x00010000;
const TCP_FLAG_SYN = 0x00020000;
const TCP_FLAG_RST = 0x00040000;
const TCP_FLAG_PSH = 0x00080000;
const TCP_FLAG_URG = 0x00200000;
const TCP_FLAG_CWR = 0x00800000;

/**
 * The GRO bucket of a flow (skb_get_hash_raw & (GRO_HASH_BUCKETS - 1)).
 * Simplification: a simple mix of the 4-tuple stands in for igb's Toeplitz RSS hash.
 */
export function groBucket(rs: RxSkb): number {
  const h = rs.h;
  let x = (h.saddr ^ h.daddr ^ ((h.sport << 16) | h.dport)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x ^= x >>> 16;
  return x & (GRO_HASH_BUCKETS - 1);
}

function sameL2(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 14; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameTcpOptions(p: RxSkb, rs: RxSkb): boolean {
  const n = rs.h.doff - 20;
  if (p.h.doff - 20 < n) return false;
  const a = p.frame;
  const b = rs.frame;
  const pa = p.h.tcpOff + 20;
  const pb = rs.h.tcpOff + 20;
  for (let i = 0; i < n; i++) if (a[pa + i] !== b[pb + i]) return false;
  return true;
}

/** skb_gro_len(p): payload bytes after the headers GRO pulled. */
function groPayload(rs: RxSkb): number {
  return rs.netLen - rs.h.ihl - rs.h.doff;
}

/** napi_gro_receive -> dev_gro_receive -> napi_skb_finish, for one skb igb finished. */
export function napiGroReceive(sim: Sim, rs: RxSkb): void {
  const w = sim.w;
  const napi = w.softirq.napi;
  if (!w.scenario.softirq.gro || rs.h.ethertype !== ETHERTYPE_IPV4) {
    // GRO off (netif_elide_gro), or no GRO handler for the protocol: straight up.
    record(sim, C_NAPI_GRO_RECEIVE, rs.skb.id, GRO_NORMAL, -1);
    groNormalOne(sim, rs, 1);
    return;
  }
  const bucket = groBucket(rs);
  const list = napi.groHash[bucket]!;
  // gro_list_prepare: same_flow starts from the L2 header.
  const same = list.map((p) => sameL2(p.frame, rs.frame));
  rs.count = 1;
  rs.flush = false;
  const h = rs.h;
  let p: RxSkb | null = null;
  let merged = false;
  let reason = FLUSH_NONE;
  let len = 0;
  let ended = false;

  // inet_gro_receive
  if (h.verIhl !== 0x45 || ipIsFragment(h) || !h.ipCsumOk) {
    rs.flush = true;
  } else {
    const ipFlush = ((h.totLen ^ rs.netLen) & 0xffff) !== 0 || (h.fragOff & ~IP_DF & 0xffff) !== 0;
    for (let j = 0; j < list.length; j++) {
      const q = list[j]!;
      if (!same[j]) continue;
      if (q.h.proto !== h.proto || q.h.saddr !== h.saddr || q.h.daddr !== h.daddr) {
        same[j] = false;
        continue;
      }
      if (q.h.ttl !== h.ttl || q.h.tos !== h.tos || ((q.h.fragOff ^ h.fragOff) & IP_DF) !== 0 || ipFlush)
        q.flush = true;
      let flushId = (h.id - q.h.id) & 0xffff;
      if (!q.isAtomic || (h.fragOff & IP_DF) === 0) flushId = (flushId ^ q.count) !== 0 ? 0xffff : 0;
      q.flushId = flushId;
    }
    rs.isAtomic = (h.fragOff & IP_DF) !== 0;
    if (ipFlush) rs.flush = true;
    // tcp4_gro_receive: without CHECKSUM_UNNECESSARY the checksum is checked in software.
    if (!rs.flush && !rs.csumUnnecessary && !h.tcpCsumOk) {
      rs.flush = true;
    } else if (!h.tcpOk) {
      rs.flush = true;
    } else {
      // tcp_gro_receive
      len = groPayload(rs);
      const flags = h.flagWord;
      for (let j = 0; j < list.length; j++) {
        const q = list[j]!;
        if (!same[j]) continue;
        if (q.h.sport !== h.sport || q.h.dport !== h.dport) {
          same[j] = false;
          continue;
        }
        p = q;
        break;
      }
      let mss = 1;
      if (p !== null) {
        if (p.flush) reason = FLUSH_IP;
        else if (flags & TCP_FLAG_CWR) reason = FLUSH_FLAGS;
        else if (((flags ^ p.h.flagWord) & ~(TCP_FLAG_CWR | TCP_FLAG_FIN | TCP_FLAG_PSH)) !== 0)
          reason = FLUSH_ACK_WINDOW;
        else if (h.ack !== p.h.ack) reason = FLUSH_ACK_WINDOW;
        else if (!sameTcpOptions(p, rs)) reason = FLUSH_OPTIONS;
        if (p.flushId !== 1 || p.count !== 1 || !p.isAtomic) {
          if (p.flushId !== 0 && reason === FLUSH_NONE) reason = FLUSH_IP;
        } else {
          p.isAtomic = false;
        }
        mss = p.gsoSize;
        if ((len === 0 || len - 1 >= mss) && reason === FLUSH_NONE) reason = FLUSH_OVER_MSS;
        if ((p.h.seq + groPayload(p)) >>> 0 !== h.seq && reason === FLUSH_NONE) reason = FLUSH_NOT_CONTIGUOUS;
        if (reason === FLUSH_NONE && !skbGroReceive(p, rs, len)) reason = FLUSH_64K;
        if (reason !== FLUSH_NONE) {
          mss = 1;
        } else {
          merged = true;
          p.h.flagWord |= flags & (TCP_FLAG_FIN | TCP_FLAG_PSH);
          p.skb.tcpFlags |= h.flags & 0x09;
        }
      }
      // out_check_final: a short segment or one of these flags ends the skb.
      ended =
        len < mss ||
        (flags & (TCP_FLAG_URG | TCP_FLAG_PSH | TCP_FLAG_RST | TCP_FLAG_SYN | TCP_FLAG_FIN)) !== 0;
      if (merged && ended) reason = len < mss ? FLUSH_SHORT : FLUSH_FLAGS;
      if (ended) rs.flush = true;
    }
  }

  // dev_gro_receive, after the protocol callbacks.
  // pp: the held skb of this flow goes up when the segment did not merge into it, or ended it.
  const pp = p !== null && (!merged || ended) ? p : null;
  if (merged) {
    bump(sim, 'gro.merged');
    record(sim, C_NAPI_GRO_RECEIVE, rs.skb.id, GRO_MERGED_FREE, p!.skb.id);
  }
  if (pp !== null) {
    list.splice(list.indexOf(pp), 1);
    record(sim, C_TCP_GRO_FLUSH, pp.skb.id, reason, rs.skb.id);
    napiGroComplete(sim, pp);
  }
  if (merged) return;
  if (rs.flush) {
    record(sim, C_NAPI_GRO_RECEIVE, rs.skb.id, GRO_NORMAL, bucket);
    groNormalOne(sim, rs, 1);
    return;
  }
  if (list.length >= MAX_GRO_SKBS) {
    const oldest = list.pop()!;
    record(sim, C_GRO_FLUSH_OLDEST, oldest.skb.id, bucket, 0);
    napiGroComplete(sim, oldest);
  }
  rs.age = jiffiesAt(w.now, w.scenario.softirq.hz);
  rs.gsoSize = len;
  rs.flushId = 0;
  list.unshift(rs);
  record(sim, C_NAPI_GRO_RECEIVE, rs.skb.id, GRO_HELD, bucket);
}

/** skb_gro_receive: append the segment's payload frags to the held skb, unless it would reach 64 KiB. */
function skbGroReceive(p: RxSkb, rs: RxSkb, len: number): boolean {
  if (p.netLen + len >= GRO_LEGACY_MAX_SIZE || rs.flush) return false;
  for (const f of rs.skb.frags) p.skb.frags.push(f);
  for (const id of rs.skb.frameIds) p.skb.frameIds.push(id);
  p.skb.len += rs.skb.len;
  p.count += 1;
  p.skb.segs = p.count;
  p.netLen += len;
  // The merged skb's head page is stolen as a frag; only its struct sk_buff is freed.
  p.skb.truesize += rs.skb.truesize - SKB_HEAD_TRUESIZE;
  return true;
}

/** napi_gro_complete: a held skb is finished and goes to gro_normal_one with its segment count. */
export function napiGroComplete(sim: Sim, p: RxSkb): void {
  record(sim, C_NAPI_GRO_COMPLETE, p.skb.id, p.count, p.skb.len);
  groNormalOne(sim, p, p.count);
}

/**
 * napi_gro_flush: send the held skbs up, oldest first in each bucket; with `flushOld` only those
 * held before the current jiffy.
 */
export function napiGroFlush(sim: Sim, flushOld: boolean): void {
  const w = sim.w;
  const napi = w.softirq.napi;
  if (!napi.groHash.some((l) => l.length > 0)) return; // gro_bitmask is 0
  const now = jiffiesAt(w.now, w.scenario.softirq.hz);
  let flushed = 0;
  for (const list of napi.groHash) {
    while (list.length > 0) {
      const oldest = list[list.length - 1]!;
      if (flushOld && oldest.age === now) break;
      list.pop();
      flushed++;
      napiGroComplete(sim, oldest);
    }
  }
  record(sim, C_NAPI_GRO_FLUSH, napi.id, flushed, flushOld ? 1 : 0);
}

/** gro_normal_one: batch on rx_list; at gro_normal_batch segments the list goes up. */
export function groNormalOne(sim: Sim, rs: RxSkb, segs: number): void {
  const napi = sim.w.softirq.napi;
  napi.rxList.push(rs);
  napi.rxCount += segs;
  bump(sim, 'gro.skbs');
  record(sim, C_GRO_NORMAL_ONE, rs.skb.id, napi.rxCount, segs);
  if (napi.rxCount >= sim.w.scenario.softirq.groNormalBatch) groNormalList(sim);
}

/** gro_normal_list: hand rx_list to netif_receive_skb_list_internal (the next op does it). */
export function groNormalList(sim: Sim): void {
  const s = sim.w.softirq;
  const napi = s.napi;
  if (napi.rxCount === 0) return;
  const skbs = napi.rxList.length;
  const segs = napi.rxCount;
  s.listPending.push(napi.rxList);
  napi.rxList = [];
  napi.rxCount = 0;
  record(sim, C_GRO_NORMAL_LIST, napi.id, skbs, segs);
}
