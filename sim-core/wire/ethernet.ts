/**
 * Ethernet II header: destination MAC, source MAC, EtherType (14 bytes).
 *
 * There is no FCS anywhere in this model: igb strips the CRC before DMA
 * (RCTL.SECRC) and pcap files carry frames without it, so a frame here is
 * header + payload (+ zero padding up to the 60-byte minimum). No VLAN tags.
 *
 * MAC addresses are numbers in 0..2^48-1 (most significant byte first on the
 * wire): exact in a double, comparable with ===, and free of allocation.
 */

import { getU16BE, putU16BE } from './bytes';
import { fail, hex, isOffset, type ParseError } from './result';

export const ETHERNET_HEADER_LEN = 14;
/** Smallest frame on the wire without FCS (64 with it); shorter ones are zero-padded. */
export const ETHERNET_MIN_FRAME_LEN = 60;
export const ETHERTYPE_IPV4 = 0x0800;

export interface EthernetHeader {
  dst: number;
  src: number;
  ethertype: number;
}

export interface EthernetParsed {
  ok: true;
  value: EthernetHeader;
  /** Offset of the first byte after the header. */
  payloadOffset: number;
}

function getMac(b: Uint8Array, o: number): number {
  return (
    (b[o]! * 0x10000 + ((b[o + 1]! << 8) | b[o + 2]!)) * 0x1000000 +
    ((b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!)
  );
}

function putMac(b: Uint8Array, o: number, mac: number): void {
  const hi = Math.floor(mac / 0x1000000);
  const lo = mac - hi * 0x1000000;
  b[o] = hi >>> 16;
  b[o + 1] = hi >>> 8;
  b[o + 2] = hi;
  b[o + 3] = lo >>> 16;
  b[o + 4] = lo >>> 8;
  b[o + 5] = lo;
}

export function parseEthernet(bytes: Uint8Array, offset = 0): EthernetParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < ETHERNET_HEADER_LEN) {
    return fail(
      `ethernet: truncated header, need ${ETHERNET_HEADER_LEN} bytes at ${offset}, have ${bytes.length - offset}`,
    );
  }
  return {
    ok: true,
    value: {
      dst: getMac(bytes, offset),
      src: getMac(bytes, offset + 6),
      ethertype: getU16BE(bytes, offset + 12),
    },
    payloadOffset: offset + ETHERNET_HEADER_LEN,
  };
}

/** Write the header at buf[offset..offset+14); returns the offset after it. */
export function emitEthernetInto(buf: Uint8Array, offset: number, h: EthernetHeader): number {
  putMac(buf, offset, h.dst);
  putMac(buf, offset + 6, h.src);
  putU16BE(buf, offset + 12, h.ethertype);
  return offset + ETHERNET_HEADER_LEN;
}

export function emitEthernet(h: EthernetHeader): Uint8Array {
  const out = new Uint8Array(ETHERNET_HEADER_LEN);
  emitEthernetInto(out, 0, h);
  return out;
}

/** "aa:bb:cc:dd:ee:ff" */
export function macToString(mac: number): string {
  const b = new Uint8Array(6);
  putMac(b, 0, mac);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Parse "aa:bb:cc:dd:ee:ff" (or with '-'); undefined if malformed. */
export function macFromString(s: string): number | undefined {
  const parts = s.split(/[:-]/);
  if (parts.length !== 6) return undefined;
  let mac = 0;
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{2}$/.test(p)) return undefined;
    mac = mac * 256 + Number.parseInt(p, 16);
  }
  return mac;
}

export function ethertypeName(t: number): string {
  return t === ETHERTYPE_IPV4 ? 'IPv4' : hex(t, 4);
}
