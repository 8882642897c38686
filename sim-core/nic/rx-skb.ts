/**
 * The skb as it travels from igb through GRO to ip_rcv: the shared `Skb` (payload frags into the
 * DMA'd frame bytes) plus what the kernel keeps beside it on this part of the path: the offsets of
 * the headers inside the first frame, ip_summed, and the GRO control block (NAPI_GRO_CB).
 *
 * Header reading here is lenient on purpose: it never rejects a frame, it only reports what it
 * found, because the checks belong to ip_rcv_core / tcp_gro_receive, which must see bad frames too.
 */
import type { Skb } from '../skb/skb';
import { getU16BE, getU32BE } from '../wire/bytes';
import { foldSum, onesSum, pseudoHeaderSumV4 } from '../wire/checksum';
import { ETHERNET_HEADER_LEN, ETHERTYPE_IPV4 } from '../wire/ethernet';
import { IPPROTO_TCP } from '../wire/ipv4';

/** What the headers of one received frame say. Offsets are into the frame bytes. */
export interface RxHdr {
  ethertype: number;
  /** Offset of the IPv4 header (after Ethernet). */
  ipOff: number;
  /** First byte of the IP header: version << 4 | IHL. */
  verIhl: number;
  /** IHL * 4. */
  ihl: number;
  tos: number;
  totLen: number;
  id: number;
  /** The 16-bit flags + fragment offset word. */
  fragOff: number;
  ttl: number;
  proto: number;
  saddr: number;
  daddr: number;
  /** The IPv4 header checksum verifies (ip_fast_csum == 0). */
  ipCsumOk: boolean;
  /** A TCP header of at least 20 bytes fits inside tot_len. */
  tcpOk: boolean;
  tcpOff: number;
  /** Data offset * 4. */
  doff: number;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  /** Bytes 12..15 of the TCP header as one word: doff, flags, window (tcp_flag_word). */
  flagWord: number;
  /** TCP flag bits (FIN 0x01 ... CWR 0x80, AE 0x100). */
  flags: number;
  /** The TCP checksum over the segment (pseudo-header included) verifies. */
  tcpCsumOk: boolean;
  payOff: number;
  /** TCP payload bytes according to tot_len (Ethernet padding excluded). */
  payLen: number;
}

export interface RxSkb {
  skb: Skb;
  /** The first segment's frame: its headers stand for the whole (GRO) skb. */
  frame: Uint8Array;
  h: RxHdr;
  /** ip_summed == CHECKSUM_UNNECESSARY: igb's hardware checked the IP and TCP checksums. */
  csumUnnecessary: boolean;
  /** skb->len from the network header: the frame after Ethernet (padding included), grown by GRO merges. */
  netLen: number;
  // NAPI_GRO_CB(skb)
  /** Wire segments in this skb (NAPI_GRO_CB(skb)->count). */
  count: number;
  /** gso_size: payload of the first segment, the MSS GRO compares later segments with. */
  gsoSize: number;
  /** Jiffy when the skb was held (NAPI_GRO_CB(skb)->age). */
  age: number;
  /** NAPI_GRO_CB(skb)->flush: do not merge anything more into it. */
  flush: boolean;
  /** NAPI_GRO_CB(p)->flush_id and is_atomic: the IP ID rule (fixed or incrementing). */
  flushId: number;
  isAtomic: boolean;
}

export const IP_DF = 0x4000;
const IP_MF_OFFSET = 0x3fff;

/** Read the headers of `frame` (length `len`) without judging them. */
export function readRxHeaders(frame: Uint8Array): RxHdr {
  const len = frame.length;
  const h: RxHdr = {
    ethertype: len >= ETHERNET_HEADER_LEN ? getU16BE(frame, 12) : 0,
    ipOff: ETHERNET_HEADER_LEN,
    verIhl: 0,
    ihl: 0,
    tos: 0,
    totLen: 0,
    id: 0,
    fragOff: 0,
    ttl: 0,
    proto: 0,
    saddr: 0,
    daddr: 0,
    ipCsumOk: false,
    tcpOk: false,
    tcpOff: 0,
    doff: 0,
    sport: 0,
    dport: 0,
    seq: 0,
    ack: 0,
    flagWord: 0,
    flags: 0,
    tcpCsumOk: false,
    payOff: len,
    payLen: 0,
  };
  const ip = h.ipOff;
  if (h.ethertype !== ETHERTYPE_IPV4 || len < ip + 20) return h;
  h.verIhl = frame[ip]!;
  h.ihl = (h.verIhl & 0x0f) * 4;
  h.tos = frame[ip + 1]!;
  h.totLen = getU16BE(frame, ip + 2);
  h.id = getU16BE(frame, ip + 4);
  h.fragOff = getU16BE(frame, ip + 6);
  h.ttl = frame[ip + 8]!;
  h.proto = frame[ip + 9]!;
  h.saddr = getU32BE(frame, ip + 12);
  h.daddr = getU32BE(frame, ip + 16);
  const ihlFits = h.ihl >= 20 && ip + h.ihl <= len;
  h.ipCsumOk = ihlFits && foldSum(onesSum(frame, ip, ip + h.ihl)) === 0xffff;
  const ipEnd = ip + h.totLen;
  if (h.verIhl >> 4 !== 4 || !ihlFits || h.proto !== IPPROTO_TCP || ipEnd > len || h.totLen < h.ihl + 20)
    return h;
  const t = ip + h.ihl;
  h.tcpOff = t;
  h.doff = (frame[t + 12]! >> 4) * 4;
  h.sport = getU16BE(frame, t);
  h.dport = getU16BE(frame, t + 2);
  h.seq = getU32BE(frame, t + 4);
  h.ack = getU32BE(frame, t + 8);
  h.flagWord = getU32BE(frame, t + 12);
  h.flags = ((frame[t + 12]! & 0x0f) << 8) | frame[t + 13]!;
  if (h.doff < 20 || t + h.doff > ipEnd) return h;
  h.tcpOk = true;
  h.payOff = t + h.doff;
  h.payLen = ipEnd - h.payOff;
  const segLen = ipEnd - t;
  h.tcpCsumOk =
    foldSum(onesSum(frame, t, ipEnd, pseudoHeaderSumV4(h.saddr, h.daddr, IPPROTO_TCP, segLen))) === 0xffff;
  return h;
}

/** ip_is_fragment: MF set or a non-zero fragment offset. */
export function ipIsFragment(h: RxHdr): boolean {
  return (h.fragOff & IP_MF_OFFSET) !== 0;
}
