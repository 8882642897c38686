/**
 * Ethernet II / IPv4 / TCP frames of both directions, built with wire/frame. Sequence numbers
 * come from stream offsets here; checksums, IP ids and timestamps are real.
 */
import { ETHERNET_HEADER_LEN, ETHERNET_MIN_FRAME_LEN, ETHERTYPE_IPV4 } from '../wire/ethernet';
import { emitFrame, emitFrameInto, type Frame } from '../wire/frame';
import { IPPROTO_TCP, IPV4_FLAG_DF, IPV4_HEADER_LEN } from '../wire/ipv4';
import { TCP_ACK, TCP_PSH, type TcpOptions, type TcpSackBlock, tcpHeaderLength } from '../wire/tcp';
import {
  HOST_IP,
  HOST_MAC,
  HOST_WINDOW_FIELD,
  IP_TTL,
  NVME_TCP_PORT,
  TARGET_IP,
  TARGET_MAC,
} from './addresses';
import { partBytes, partLength, patternBlock } from './send-queue';
import type { HostState, Part } from './state';

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
 * A host frame as it waits on the link: its header fields and its payload as send-queue parts
 * (pattern references and header bytes), built into bytes when it reaches the target's port.
 * Plain data and a fraction of the frame's size, so the frames in flight (a whole window of
 * them at 10 GbE) cost a keyframe little. The bytes are the same as if built when sent: every
 * field is taken at send time and the parts never change.
 */
export interface HostFrameRecipe {
  /** Bytes on the wire: the built frame's length (named like a Uint8Array's, for code that counts frames in flight). */
  length: number;
  seq: number;
  ack: number;
  psh: boolean;
  ipId: number;
  srcPort: number;
  /** TCP timestamps option: present, and its TSval / TSecr. */
  timestamps: boolean;
  tsval: number;
  tsecr: number;
  /**
   * The payload, when it is one piece of a write's data (the usual case, kept inline: fewer
   * objects for a keyframe to copy): `plen` bytes from offset `off` of command `cid`'s
   * `total`-byte pattern. plen is 0 otherwise.
   */
  cid: number;
  off: number;
  plen: number;
  total: number;
  /** Any other payload, as parts (pieces of PDU headers and data); null when none or inline. */
  parts: Part[] | null;
}

/** A host frame on the link: built bytes (control frames) or a recipe (data frames). */
export type HostWireFrame = Uint8Array | HostFrameRecipe;

/** Option shapes of host frames, for their header length (the values do not matter). */
const TS_OPTIONS: TcpOptions = { timestamps: { tsval: 0, tsecr: 0 } };
const NO_OPTIONS: TcpOptions = {};

function recipeFrame(r: HostFrameRecipe, payload: readonly Uint8Array[]): Frame {
  const options: TcpOptions = r.timestamps ? { timestamps: { tsval: r.tsval, tsecr: r.tsecr } } : {};
  return {
    eth: { dst: TARGET_MAC, src: HOST_MAC, ethertype: ETHERTYPE_IPV4 },
    ip: ipHeader(r.ipId, HOST_IP, TARGET_IP),
    tcp: {
      srcPort: r.srcPort,
      dstPort: NVME_TCP_PORT,
      seq: r.seq,
      ack: r.ack,
      flags: TCP_ACK | (r.psh ? TCP_PSH : 0),
      window: HOST_WINDOW_FIELD,
      urgent: 0,
      options,
    },
    payload,
  };
}

/**
 * A host frame carrying `payload` (stream bytes from sequence number `seq`, or none: a probe),
 * ACKing what the host has received from the target. Takes the next IP id.
 */
export function hostFrameRecipe(
  h: HostState,
  nowNs: number,
  seq: number,
  payload: Part[],
  psh: boolean,
  timestamps: boolean,
): HostFrameRecipe {
  const t = h.tcp;
  const one = payload.length === 1 ? payload[0]! : null;
  const inline = one !== null && !('bytes' in one) ? one : null;
  const r: HostFrameRecipe = {
    length: 0,
    seq,
    ack: targetSeq(h, h.rx.nxt),
    psh,
    ipId: t.ipId,
    srcPort: h.hostPort,
    timestamps,
    tsval: tsClock(nowNs, t.tsOffset),
    tsecr: t.tsRecent,
    cid: inline?.cid ?? 0,
    off: inline?.off ?? 0,
    plen: inline?.len ?? 0,
    total: inline?.total ?? 0,
    parts: inline === null && payload.length > 0 ? payload : null,
  };
  let plen = 0;
  for (const p of payload) plen += partLength(p);
  const tcpHlen = tcpHeaderLength(timestamps ? TS_OPTIONS : NO_OPTIONS);
  r.length = Math.max(ETHERNET_HEADER_LEN + IPV4_HEADER_LEN + tcpHlen + plen, ETHERNET_MIN_FRAME_LEN);
  t.ipId = (t.ipId + 1) & 0xffff;
  return r;
}

function recipeSlices(f: HostFrameRecipe): Uint8Array[] {
  const slices: Uint8Array[] = [];
  if (f.plen > 0) slices.push(patternBlock(f.cid, f.total).subarray(f.off, f.off + f.plen));
  else if (f.parts !== null) for (const p of f.parts) slices.push(partBytes(p));
  return slices;
}

/** The bytes of a host frame on the link, a recipe built now as a new array. */
export function wireBytes(f: HostWireFrame): Uint8Array {
  if (f instanceof Uint8Array) return f;
  return emitFrame(recipeFrame(f, recipeSlices(f)));
}

const SLAB_BYTES = 16 * 1024;

/** wireBytes, a recipe built into the link's slab (state.ts, LinkState.slab). */
export function wireBytesInSlab(h: HostState, f: HostWireFrame): Uint8Array {
  if (f instanceof Uint8Array) return f;
  const l = h.link;
  const n = f.length;
  if (l.slabUsed + n > l.slab.length) {
    l.slab = new Uint8Array(Math.max(SLAB_BYTES, n));
    l.slabUsed = 0;
  }
  const at = l.slabUsed;
  const written = emitFrameInto(l.slab, at, recipeFrame(f, recipeSlices(f)));
  if (written !== n) throw new Error(`host frame: built ${written} bytes, expected ${n}`);
  // 8-byte aligned starts, like wire/arena.ts.
  l.slabUsed = (at + n + 7) & ~7;
  return l.slab.subarray(at, at + n);
}

/** A host frame built at once (the bare probe); see hostFrameRecipe. */
export function buildHostFrame(
  h: HostState,
  nowNs: number,
  seq: number,
  payload: Part[],
  psh: boolean,
  timestamps: boolean,
): { frame: Uint8Array; tsval: number } {
  const r = hostFrameRecipe(h, nowNs, seq, payload, psh, timestamps);
  return { frame: wireBytes(r), tsval: r.tsval };
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
