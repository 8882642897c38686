/**
 * IPv4 header (RFC 791). The model only ever sends IHL 5 (no options); the
 * parser accepts options (skips them) because pcaps may come from elsewhere.
 *
 * Addresses are uint32 numbers (a.b.c.d = a<<24|b<<16|c<<8|d, unsigned).
 */

import { getU16BE, getU32BE, putU16BE, putU32BE } from './bytes';
import { checksumFromSum, foldSum, onesSum } from './checksum';
import { fail, hex, isOffset, type ParseError } from './result';

export const IPV4_HEADER_LEN = 20;
export const IPPROTO_TCP = 6;
/** Flag bits as they sit in the 3-bit flags field (bit 2 is reserved). */
export const IPV4_FLAG_DF = 0b010;
export const IPV4_FLAG_MF = 0b001;

/** The header fields a sender chooses; length and checksum are derived. */
export interface Ipv4Header {
  dscp: number;
  ecn: number;
  identification: number;
  /** 3 bits: reserved, DF, MF. */
  flags: number;
  /** In 8-byte units, 13 bits. */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  src: number;
  dst: number;
}

export interface Ipv4Parsed {
  ok: true;
  value: Ipv4Header;
  /** IHL * 4. */
  headerLength: number;
  totalLength: number;
  checksum: number;
  checksumOk: boolean;
  payloadOffset: number;
  payloadLength: number;
}

/**
 * Parse an IPv4 header at `offset`. Bytes past totalLength (Ethernet
 * padding) are allowed and ignored; fewer bytes than totalLength are not.
 */
export function parseIpv4(bytes: Uint8Array, offset = 0): Ipv4Parsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < IPV4_HEADER_LEN) {
    return fail(`ipv4: truncated header, need ${IPV4_HEADER_LEN} bytes, have ${bytes.length - offset}`);
  }
  const vihl = bytes[offset]!;
  const version = vihl >>> 4;
  if (version !== 4) return fail(`ipv4.version: expected 4, got ${version}`, 0);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LEN) return fail(`ipv4.ihl: ${vihl & 0x0f} is below the minimum 5`, 0);
  const totalLength = getU16BE(bytes, offset + 2);
  if (totalLength < headerLength) {
    return fail(`ipv4.total_length: ${totalLength} is less than the header length ${headerLength}`, 2);
  }
  if (bytes.length - offset < totalLength) {
    return fail(`ipv4.total_length: ${totalLength} exceeds the ${bytes.length - offset} bytes available`, 2);
  }
  const flagsFrag = getU16BE(bytes, offset + 6);
  const checksum = getU16BE(bytes, offset + 10);
  return {
    ok: true,
    value: {
      dscp: bytes[offset + 1]! >>> 2,
      ecn: bytes[offset + 1]! & 3,
      identification: getU16BE(bytes, offset + 4),
      flags: flagsFrag >>> 13,
      fragmentOffset: flagsFrag & 0x1fff,
      ttl: bytes[offset + 8]!,
      protocol: bytes[offset + 9]!,
      src: getU32BE(bytes, offset + 12),
      dst: getU32BE(bytes, offset + 16),
    },
    headerLength,
    totalLength,
    checksum,
    checksumOk: foldSum(onesSum(bytes, offset, offset + headerLength)) === 0xffff,
    payloadOffset: offset + headerLength,
    payloadLength: totalLength - headerLength,
  };
}

/**
 * Write a 20-byte header at buf[offset..) for a payload of `payloadLength`
 * bytes, with its header checksum. Returns the offset after the header.
 */
export function emitIpv4Into(buf: Uint8Array, offset: number, h: Ipv4Header, payloadLength: number): number {
  const totalLength = IPV4_HEADER_LEN + payloadLength;
  if (!(Number.isInteger(payloadLength) && payloadLength >= 0 && totalLength <= 0xffff)) {
    throw new RangeError(`emitIpv4: payload length ${payloadLength} does not fit total_length`);
  }
  buf[offset] = 0x45;
  buf[offset + 1] = (h.dscp << 2) | (h.ecn & 3);
  putU16BE(buf, offset + 2, totalLength);
  putU16BE(buf, offset + 4, h.identification);
  putU16BE(buf, offset + 6, ((h.flags & 7) << 13) | (h.fragmentOffset & 0x1fff));
  buf[offset + 8] = h.ttl;
  buf[offset + 9] = h.protocol;
  buf[offset + 10] = 0;
  buf[offset + 11] = 0;
  putU32BE(buf, offset + 12, h.src);
  putU32BE(buf, offset + 16, h.dst);
  putU16BE(buf, offset + 10, checksumFromSum(onesSum(buf, offset, offset + IPV4_HEADER_LEN)));
  return offset + IPV4_HEADER_LEN;
}

export function emitIpv4(h: Ipv4Header, payloadLength: number): Uint8Array {
  const out = new Uint8Array(IPV4_HEADER_LEN);
  emitIpv4Into(out, 0, h, payloadLength);
  return out;
}

/** "10.0.0.1" */
export function ipv4ToString(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}`;
}

/** Parse dotted-quad; undefined if malformed. */
export function ipv4FromString(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let addr = 0;
  for (let k = 1; k <= 4; k++) {
    const part = Number(m[k]);
    if (part > 255) return undefined;
    addr = addr * 256 + part;
  }
  return addr;
}

export function ipProtocolName(p: number): string {
  return p === IPPROTO_TCP ? 'TCP' : hex(p);
}
