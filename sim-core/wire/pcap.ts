/**
 * Classic libpcap files: a 24-byte global header, then per packet a 16-byte
 * record header (ts_sec, ts_frac, incl_len, orig_len) and incl_len bytes.
 *
 * The writer produces nanosecond-resolution files (magic 0xA1B23C4D) with
 * LINKTYPE_ETHERNET, little-endian, snaplen 262144: frames without FCS, as
 * Wireshark and tcpdump expect. The reader accepts both byte orders and both
 * resolutions, and never throws.
 */

import { getU16BE, getU16LE, getU32BE, getU32LE, putU16LE, putU32LE } from './bytes';
import { fail, hex, isOffset, type ParseError } from './result';

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
export const PCAP_GLOBAL_HEADER_LEN = 24;
export const PCAP_RECORD_HEADER_LEN = 16;
export const LINKTYPE_ETHERNET = 1;
export const PCAP_DEFAULT_SNAPLEN = 262144;

export interface PcapWriterOptions {
  snaplen?: number;
  linktype?: number;
}

export interface PcapWriter {
  /** Append a frame captured at `timeNs` (non-negative integer nanoseconds). Copies the frame. */
  add(timeNs: number | bigint, frame: Uint8Array): void;
  /** Number of packets added so far. */
  readonly count: number;
  /** The file so far as separate pieces (global header first). */
  chunks(): Uint8Array[];
  /** The whole file as one array. */
  finish(): Uint8Array;
}

export function pcapGlobalHeader(snaplen = PCAP_DEFAULT_SNAPLEN, linktype = LINKTYPE_ETHERNET): Uint8Array {
  const h = new Uint8Array(PCAP_GLOBAL_HEADER_LEN);
  putU32LE(h, 0, PCAP_MAGIC_NSEC);
  putU16LE(h, 4, 2);
  putU16LE(h, 6, 4);
  // thiszone and sigfigs (8..15) stay zero.
  putU32LE(h, 16, snaplen);
  putU32LE(h, 20, linktype);
  return h;
}

export function pcapWriter(opts: PcapWriterOptions = {}): PcapWriter {
  const snaplen = opts.snaplen ?? PCAP_DEFAULT_SNAPLEN;
  const parts: Uint8Array[] = [pcapGlobalHeader(snaplen, opts.linktype ?? LINKTYPE_ETHERNET)];
  let total = PCAP_GLOBAL_HEADER_LEN;
  let count = 0;
  return {
    add(timeNs: number | bigint, frame: Uint8Array): void {
      let sec: number;
      let nsec: number;
      if (typeof timeNs === 'bigint') {
        sec = timeNs >= 0n ? Number(timeNs / 1_000_000_000n) : -1;
        nsec = Number(timeNs % 1_000_000_000n);
      } else {
        // Exact: integer division of a safe integer by 1e9.
        sec = Number.isSafeInteger(timeNs) && timeNs >= 0 ? Math.floor(timeNs / 1e9) : -1;
        nsec = timeNs % 1e9;
      }
      if (sec < 0 || sec > 0xffffffff) {
        throw new RangeError(`pcap: time ${timeNs} ns is not a non-negative integer below 2^32 s`);
      }
      const incl = Math.min(frame.length, snaplen);
      const rec = new Uint8Array(PCAP_RECORD_HEADER_LEN + incl);
      putU32LE(rec, 0, sec);
      putU32LE(rec, 4, nsec);
      putU32LE(rec, 8, incl);
      putU32LE(rec, 12, frame.length);
      rec.set(frame.subarray(0, incl), PCAP_RECORD_HEADER_LEN);
      parts.push(rec);
      total += rec.length;
      count++;
    },
    get count() {
      return count;
    },
    chunks(): Uint8Array[] {
      return parts.slice();
    },
    finish(): Uint8Array {
      const out = new Uint8Array(total);
      let p = 0;
      for (const part of parts) {
        out.set(part, p);
        p += part.length;
      }
      return out;
    },
  };
}

export interface PcapHeader {
  /** True for nanosecond timestamps (magic 0xA1B23C4D). */
  nanosecond: boolean;
  /** True when the file was written big-endian. */
  bigEndian: boolean;
  versionMajor: number;
  versionMinor: number;
  thiszone: number;
  sigfigs: number;
  snaplen: number;
  linktype: number;
}

export interface PcapPacket {
  tsSec: number;
  /** Fraction of the second in nanoseconds (converted from microseconds if need be). */
  tsNsec: number;
  origLen: number;
  /** View into the file bytes (incl_len long). */
  data: Uint8Array;
  /** Offset of the record header in the file. */
  offset: number;
}

export interface PcapParsed {
  ok: true;
  header: PcapHeader;
  packets: PcapPacket[];
}

/** Largest incl_len accepted regardless of snaplen (what libpcap tolerates). */
const MAX_RECORD_LEN = 0x4000000;

/** Parse a whole classic pcap file. Never throws. */
export function parsePcap(bytes: Uint8Array, offset = 0): PcapParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < PCAP_GLOBAL_HEADER_LEN) {
    return fail(
      `pcap: truncated global header, need ${PCAP_GLOBAL_HEADER_LEN} bytes, have ${bytes.length - offset}`,
    );
  }
  const magicLE = getU32LE(bytes, offset);
  const magicBE = getU32BE(bytes, offset);
  let bigEndian: boolean;
  let nanosecond: boolean;
  if (magicLE === PCAP_MAGIC_USEC || magicLE === PCAP_MAGIC_NSEC) {
    bigEndian = false;
    nanosecond = magicLE === PCAP_MAGIC_NSEC;
  } else if (magicBE === PCAP_MAGIC_USEC || magicBE === PCAP_MAGIC_NSEC) {
    bigEndian = true;
    nanosecond = magicBE === PCAP_MAGIC_NSEC;
  } else {
    return fail(`pcap.magic: ${hex(magicLE, 8)} is not a pcap magic number`, 0);
  }
  const u16 = bigEndian ? getU16BE : getU16LE;
  const u32 = bigEndian ? getU32BE : getU32LE;
  const header: PcapHeader = {
    nanosecond,
    bigEndian,
    versionMajor: u16(bytes, offset + 4),
    versionMinor: u16(bytes, offset + 6),
    thiszone: u32(bytes, offset + 8) | 0,
    sigfigs: u32(bytes, offset + 12),
    snaplen: u32(bytes, offset + 16),
    linktype: u32(bytes, offset + 20),
  };
  if (header.versionMajor !== 2) return fail(`pcap.version_major: ${header.versionMajor}, expected 2`, 4);
  const maxLen = Math.max(header.snaplen, MAX_RECORD_LEN);
  const packets: PcapPacket[] = [];
  let p = offset + PCAP_GLOBAL_HEADER_LEN;
  while (p < bytes.length) {
    const n = packets.length;
    if (bytes.length - p < PCAP_RECORD_HEADER_LEN) {
      return fail(
        `pcap.record[${n}]: truncated record header at ${p - offset}, ${bytes.length - p} bytes left`,
        p - offset,
      );
    }
    const tsSec = u32(bytes, p);
    const frac = u32(bytes, p + 4);
    const incl = u32(bytes, p + 8);
    const origLen = u32(bytes, p + 12);
    if (frac >= (nanosecond ? 1_000_000_000 : 1_000_000)) {
      return fail(`pcap.record[${n}].ts_frac: ${frac} is not below one second`, p - offset + 4);
    }
    if (incl > maxLen) return fail(`pcap.record[${n}].incl_len: ${incl} exceeds ${maxLen}`, p - offset + 8);
    if (bytes.length - p - PCAP_RECORD_HEADER_LEN < incl) {
      return fail(
        `pcap.record[${n}].incl_len: ${incl}, but only ${bytes.length - p - PCAP_RECORD_HEADER_LEN} bytes remain`,
        p - offset + 8,
      );
    }
    packets.push({
      tsSec,
      tsNsec: nanosecond ? frac : frac * 1000,
      origLen,
      data: bytes.subarray(p + PCAP_RECORD_HEADER_LEN, p + PCAP_RECORD_HEADER_LEN + incl),
      offset: p,
    });
    p += PCAP_RECORD_HEADER_LEN + incl;
  }
  return { ok: true, header, packets };
}
