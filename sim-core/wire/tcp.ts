/**
 * TCP header (RFC 9293) with the options this model uses: MSS, window scale
 * and SACK-permitted (on SYNs), timestamps (every segment once negotiated)
 * and SACK blocks.
 *
 * Emit lays options out the way Linux does, so simulated bytes match a real
 * capture: MSS first; timestamps as NOP,NOP,TS, or SACK-permitted,TS when both
 * go on a SYN; SACK-permitted alone as NOP,NOP,SACK-permitted; NOP,window
 * scale; NOP,NOP,SACK blocks. With timestamps on, the header is 32 bytes, so
 * an MSS of 1460 leaves 1448 payload bytes per segment.
 *
 * Emit does not police which options belong on which segment (a SYN-only
 * option on a data segment is written as asked): that is behaviour, not wire.
 */

import { getU16BE, getU32BE, putU16BE, putU32BE } from './bytes';
import { checksumFromSum, foldSum, onesSum, pseudoHeaderSumV4 } from './checksum';
import { IPPROTO_TCP } from './ipv4';
import { fail, isOffset, type ParseError } from './result';

export const TCP_HEADER_LEN = 20;
export const TCP_MAX_OPTIONS_LEN = 40;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCP_ECE = 0x40;
export const TCP_CWR = 0x80;
/** Byte 12 bit 0 (formerly NS, now AE for AccECN); bits 0x200..0x800 are reserved. */
export const TCP_AE = 0x100;

export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;
export const TCPOPT_WSCALE = 3;
export const TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5;
export const TCPOPT_TIMESTAMP = 8;

export interface TcpSackBlock {
  left: number;
  right: number;
}

/** Each key present means the option is on the segment. */
export interface TcpOptions {
  mss?: number;
  wscale?: number;
  /** Only ever `true`: absence means not sent. */
  sackPermitted?: true;
  timestamps?: { tsval: number; tsecr: number };
  /** 1..4 blocks (1..3 alongside timestamps). */
  sack?: readonly TcpSackBlock[];
}

/** Header fields a sender chooses; data offset and checksum are derived. */
export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** FIN..CWR in the low byte, AE and the reserved bits above (12 bits). */
  flags: number;
  window: number;
  urgent: number;
  options: TcpOptions;
}

export interface TcpParsed {
  ok: true;
  value: TcpHeader;
  /** Data offset * 4. */
  headerLength: number;
  checksum: number;
  /** Whether the checksum verifies; undefined when no addresses were given. */
  checksumOk: boolean | undefined;
  payloadOffset: number;
  payloadLength: number;
}

/** Bytes of options emitTcp writes for `o` (always a multiple of 4). */
export function tcpOptionsLength(o: TcpOptions): number {
  let n = 0;
  if (o.mss !== undefined) n += 4;
  if (o.timestamps !== undefined) n += 12;
  else if (o.sackPermitted) n += 4;
  if (o.wscale !== undefined) n += 4;
  if (o.sack !== undefined && o.sack.length > 0) n += 4 + 8 * o.sack.length;
  return n;
}

export function tcpHeaderLength(o: TcpOptions): number {
  return TCP_HEADER_LEN + tcpOptionsLength(o);
}

function writeOptions(buf: Uint8Array, p: number, o: TcpOptions): void {
  if (o.mss !== undefined) {
    buf[p] = TCPOPT_MSS;
    buf[p + 1] = 4;
    putU16BE(buf, p + 2, o.mss);
    p += 4;
  }
  if (o.timestamps !== undefined) {
    if (o.sackPermitted) {
      buf[p] = TCPOPT_SACK_PERM;
      buf[p + 1] = 2;
    } else {
      buf[p] = TCPOPT_NOP;
      buf[p + 1] = TCPOPT_NOP;
    }
    buf[p + 2] = TCPOPT_TIMESTAMP;
    buf[p + 3] = 10;
    putU32BE(buf, p + 4, o.timestamps.tsval);
    putU32BE(buf, p + 8, o.timestamps.tsecr);
    p += 12;
  } else if (o.sackPermitted) {
    buf[p] = TCPOPT_NOP;
    buf[p + 1] = TCPOPT_NOP;
    buf[p + 2] = TCPOPT_SACK_PERM;
    buf[p + 3] = 2;
    p += 4;
  }
  if (o.wscale !== undefined) {
    buf[p] = TCPOPT_NOP;
    buf[p + 1] = TCPOPT_WSCALE;
    buf[p + 2] = 3;
    buf[p + 3] = o.wscale;
    p += 4;
  }
  if (o.sack !== undefined && o.sack.length > 0) {
    buf[p] = TCPOPT_NOP;
    buf[p + 1] = TCPOPT_NOP;
    buf[p + 2] = TCPOPT_SACK;
    buf[p + 3] = 2 + 8 * o.sack.length;
    p += 4;
    for (const blk of o.sack) {
      putU32BE(buf, p, blk.left);
      putU32BE(buf, p + 4, blk.right);
      p += 8;
    }
  }
}

/**
 * Write the header at buf[offset..). The `payloadLength` payload bytes must
 * already sit right after where the header goes: the checksum covers the
 * IPv4 pseudo-header (src, dst), the header and the payload. Returns the
 * offset of the payload.
 */
export function emitTcpInto(
  buf: Uint8Array,
  offset: number,
  h: TcpHeader,
  payloadLength: number,
  src: number,
  dst: number,
): number {
  const optLen = tcpOptionsLength(h.options);
  if (optLen > TCP_MAX_OPTIONS_LEN) {
    throw new RangeError(`emitTcp: options need ${optLen} bytes, at most ${TCP_MAX_OPTIONS_LEN} fit`);
  }
  const hlen = TCP_HEADER_LEN + optLen;
  putU16BE(buf, offset, h.srcPort);
  putU16BE(buf, offset + 2, h.dstPort);
  putU32BE(buf, offset + 4, h.seq);
  putU32BE(buf, offset + 8, h.ack);
  buf[offset + 12] = ((hlen >>> 2) << 4) | ((h.flags >>> 8) & 0x0f);
  buf[offset + 13] = h.flags;
  putU16BE(buf, offset + 14, h.window);
  buf[offset + 16] = 0;
  buf[offset + 17] = 0;
  putU16BE(buf, offset + 18, h.urgent);
  writeOptions(buf, offset + TCP_HEADER_LEN, h.options);
  const segLen = hlen + payloadLength;
  const sum = onesSum(buf, offset, offset + segLen, pseudoHeaderSumV4(src, dst, IPPROTO_TCP, segLen));
  putU16BE(buf, offset + 16, checksumFromSum(sum));
  return offset + hlen;
}

/** Header + payload as one new array, checksum filled in. */
export function emitTcp(h: TcpHeader, payload: Uint8Array, src: number, dst: number): Uint8Array {
  const out = new Uint8Array(tcpHeaderLength(h.options) + payload.length);
  out.set(payload, out.length - payload.length);
  emitTcpInto(out, 0, h, payload.length, src, dst);
  return out;
}

/**
 * Parse a segment occupying bytes[offset, end) (end = IPv4 payload end).
 * Pass the IPv4 addresses to have the checksum verified.
 */
export function parseTcp(
  bytes: Uint8Array,
  offset = 0,
  end = bytes.length,
  addrs?: { src: number; dst: number },
): TcpParsed | ParseError {
  if (!isOffset(bytes, offset) || !isOffset(bytes, end) || end < offset) {
    return fail(`tcp: bad range [${offset}, ${end}) in ${bytes.length} bytes`);
  }
  if (end - offset < TCP_HEADER_LEN) {
    return fail(`tcp: truncated header, need ${TCP_HEADER_LEN} bytes, have ${end - offset}`);
  }
  const b12 = bytes[offset + 12]!;
  const headerLength = (b12 >>> 4) * 4;
  if (headerLength < TCP_HEADER_LEN) return fail(`tcp.data_offset: ${b12 >>> 4} is below the minimum 5`, 12);
  if (headerLength > end - offset) {
    return fail(
      `tcp.data_offset: header length ${headerLength} exceeds the ${end - offset} segment bytes`,
      12,
    );
  }
  const options: TcpOptions = {};
  const optErr = parseOptions(bytes, offset + TCP_HEADER_LEN, offset + headerLength, options);
  if (optErr !== undefined) return fail(optErr.error, optErr.at - offset);
  const checksum = getU16BE(bytes, offset + 16);
  let checksumOk: boolean | undefined;
  if (addrs !== undefined) {
    const len = end - offset;
    const sum = onesSum(bytes, offset, end, pseudoHeaderSumV4(addrs.src, addrs.dst, IPPROTO_TCP, len));
    checksumOk = foldSum(sum) === 0xffff;
  }
  return {
    ok: true,
    value: {
      srcPort: getU16BE(bytes, offset),
      dstPort: getU16BE(bytes, offset + 2),
      seq: getU32BE(bytes, offset + 4),
      ack: getU32BE(bytes, offset + 8),
      flags: ((b12 & 0x0f) << 8) | bytes[offset + 13]!,
      window: getU16BE(bytes, offset + 14),
      urgent: getU16BE(bytes, offset + 18),
      options,
    },
    headerLength,
    checksum,
    checksumOk,
    payloadOffset: offset + headerLength,
    payloadLength: end - offset - headerLength,
  };
}

/** Expected total length (kind + length + data) of the options we decode. */
function expectedOptionLength(kind: number, len: number): boolean {
  switch (kind) {
    case TCPOPT_MSS:
      return len === 4;
    case TCPOPT_WSCALE:
      return len === 3;
    case TCPOPT_SACK_PERM:
      return len === 2;
    case TCPOPT_TIMESTAMP:
      return len === 10;
    case TCPOPT_SACK:
      return len >= 10 && (len - 2) % 8 === 0;
    default:
      return true;
  }
}

export function tcpOptionName(kind: number): string {
  switch (kind) {
    case TCPOPT_EOL:
      return 'eol';
    case TCPOPT_NOP:
      return 'nop';
    case TCPOPT_MSS:
      return 'mss';
    case TCPOPT_WSCALE:
      return 'wscale';
    case TCPOPT_SACK_PERM:
      return 'sack_perm';
    case TCPOPT_SACK:
      return 'sack';
    case TCPOPT_TIMESTAMP:
      return 'timestamps';
    default:
      return `kind${kind}`;
  }
}

/** Decode options into `out`; on malformed input, the error and where. Unknown kinds are skipped. */
function parseOptions(
  b: Uint8Array,
  p: number,
  end: number,
  out: TcpOptions,
): { error: string; at: number } | undefined {
  while (p < end) {
    const kind = b[p]!;
    if (kind === TCPOPT_EOL) return undefined;
    if (kind === TCPOPT_NOP) {
      p++;
      continue;
    }
    if (p + 1 >= end) return { error: `tcp.options: option kind ${kind} has no length byte`, at: p };
    const len = b[p + 1]!;
    if (len < 2 || p + len > end) {
      return {
        error: `tcp.options.${tcpOptionName(kind)}.length: ${len} does not fit the ${end - p} option bytes left`,
        at: p + 1,
      };
    }
    if (!expectedOptionLength(kind, len)) {
      return {
        error: `tcp.options.${tcpOptionName(kind)}.length: ${len} is not valid for this option`,
        at: p + 1,
      };
    }
    switch (kind) {
      case TCPOPT_MSS:
        out.mss = getU16BE(b, p + 2);
        break;
      case TCPOPT_WSCALE:
        out.wscale = b[p + 2]!;
        break;
      case TCPOPT_SACK_PERM:
        out.sackPermitted = true;
        break;
      case TCPOPT_TIMESTAMP:
        out.timestamps = { tsval: getU32BE(b, p + 2), tsecr: getU32BE(b, p + 6) };
        break;
      case TCPOPT_SACK: {
        const blocks: TcpSackBlock[] = [];
        for (let q = p + 2; q < p + len; q += 8)
          blocks.push({ left: getU32BE(b, q), right: getU32BE(b, q + 4) });
        out.sack = blocks;
        break;
      }
    }
    p += len;
  }
  return undefined;
}

/** "SYN,ACK" style rendering of the flag bits. */
export function tcpFlagsToString(flags: number): string {
  const names = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) if (flags & (1 << i)) out.push(names[i]!);
  return out.join(',');
}
