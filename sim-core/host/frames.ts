/**
 * Ethernet II / IPv4 / TCP frames of both directions, built with wire/frame. Sequence numbers
 * come from stream offsets here; checksums, IP ids and timestamps are real.
 */
import { ETHERTYPE_IPV4 } from '../wire/ethernet';
import { emitFrame } from '../wire/frame';
import { IPPROTO_TCP, IPV4_FLAG_DF } from '../wire/ipv4';
import { TCP_ACK, TCP_PSH, type TcpOptions, type TcpSackBlock } from '../wire/tcp';
import {
  HOST_IP,
  HOST_MAC,
  HOST_WINDOW_FIELD,
  IP_TTL,
  NVME_TCP_PORT,
  TARGET_IP,
  TARGET_MAC,
} from './addresses';
import type { HostState } from './state';

/** Host sequence number of stream offset `off` (offset 0 follows the SYN). */
export function hostSeq(h: HostState, off: number): number {
  return (h.tcp.iss + 1 + off) >>> 0;
}

export function targetSeq(h: HostState, off: number): number {
  return (h.tgt.iss + 1 + off) >>> 0;
}

/** Stream offset of host sequence number `seq`, taken as the one nearest to `near` (handles wrap). */
export function hostOffset(h: HostState, seq: number, near: number): number {
  return near + ((seq - hostSeq(h, near)) | 0);
}

/** TCP timestamp clock: Linux 6.5 ticks in milliseconds (tcp_time_stamp_raw). */
export function tsClock(nowNs: number, offset: number): number {
  return (offset + Math.floor(nowNs / 1_000_000)) >>> 0;
}

function ipHeader(id: number, src: number, dst: number) {
  return {
    dscp: 0,
    ecn: 0,
    identification: id & 0xffff,
    flags: IPV4_FLAG_DF,
    fragmentOffset: 0,
    ttl: IP_TTL,
    protocol: IPPROTO_TCP,
    src,
    dst,
  };
}

/**
 * A host frame carrying stream bytes [off, off + payload length) (or none: a probe), ACKing what
 * the host has received from the target. Takes the next IP id.
 */
export function buildHostFrame(
  h: HostState,
  nowNs: number,
  seq: number,
  payload: readonly Uint8Array[],
  psh: boolean,
  timestamps: boolean,
): { frame: Uint8Array; tsval: number } {
  const t = h.tcp;
  const tsval = tsClock(nowNs, t.tsOffset);
  const options: TcpOptions = timestamps ? { timestamps: { tsval, tsecr: t.tsRecent } } : {};
  const frame = emitFrame({
    eth: { dst: TARGET_MAC, src: HOST_MAC, ethertype: ETHERTYPE_IPV4 },
    ip: ipHeader(t.ipId, HOST_IP, TARGET_IP),
    tcp: {
      srcPort: h.hostPort,
      dstPort: NVME_TCP_PORT,
      seq,
      ack: targetSeq(h, h.rx.nxt),
      flags: TCP_ACK | (psh ? TCP_PSH : 0),
      window: HOST_WINDOW_FIELD,
      urgent: 0,
      options,
    },
    payload,
  });
  t.ipId = (t.ipId + 1) & 0xffff;
  return { frame, tsval };
}

/**
 * A target frame: a pure ACK (no payload) or a piece of its PDU stream, acknowledging up to
 * the target TCP's latest rcv_nxt, with its window and SACK blocks. Takes the next IP id.
 */
export function buildTargetFrame(
  h: HostState,
  nowNs: number,
  off: number,
  payload: Uint8Array,
  psh: boolean,
  timestamps: boolean,
): Uint8Array {
  const g = h.tgt;
  const sack: TcpSackBlock[] = [];
  const maxBlocks = timestamps ? 3 : 4;
  for (const [left, right] of g.sack) {
    if (sack.length === maxBlocks) break;
    sack.push({ left: left >>> 0, right: right >>> 0 });
  }
  const options: TcpOptions = {};
  if (timestamps) options.timestamps = { tsval: tsClock(nowNs, g.tsOffset), tsecr: g.tsRecent };
  if (sack.length > 0) options.sack = sack;
  const frame = emitFrame({
    eth: { dst: HOST_MAC, src: TARGET_MAC, ethertype: ETHERTYPE_IPV4 },
    ip: ipHeader(g.ipId, TARGET_IP, HOST_IP),
    tcp: {
      srcPort: NVME_TCP_PORT,
      dstPort: h.hostPort,
      seq: targetSeq(h, off),
      ack: g.ack >>> 0,
      flags: TCP_ACK | (psh ? TCP_PSH : 0),
      window: Math.min(0xffff, Math.floor(Math.max(0, g.wnd) / 2 ** g.wscale)),
      urgent: 0,
      options,
    },
    payload,
  });
  g.ipId = (g.ipId + 1) & 0xffff;
  return frame;
}
