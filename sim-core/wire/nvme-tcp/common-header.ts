/**
 * The 8-byte common header (CH) that starts every NVMe/TCP PDU:
 * pdu_type u8, flags u8, hlen u8, pdo u8, plen u32 LE.
 *
 * hlen is the header length without header digest; pdo the offset of the
 * data from the start of the PDU (0 when there is none); plen the length of
 * the whole PDU including digests and padding.
 */

import { getU32LE, putU32LE } from '../bytes';
import { fail, isOffset, type ParseError } from '../result';
import { CH_LEN } from './constants';

export interface CommonHeader {
  type: number;
  flags: number;
  hlen: number;
  pdo: number;
  plen: number;
}

export interface CommonHeaderParsed {
  ok: true;
  value: CommonHeader;
}

/** Read the 8 CH bytes; no field is validated here (see parsePdu). */
export function parseCommonHeader(bytes: Uint8Array, offset = 0): CommonHeaderParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < CH_LEN) {
    return fail(`nvme_tcp.ch: truncated, need ${CH_LEN} bytes, have ${bytes.length - offset}`);
  }
  return {
    ok: true,
    value: {
      type: bytes[offset]!,
      flags: bytes[offset + 1]!,
      hlen: bytes[offset + 2]!,
      pdo: bytes[offset + 3]!,
      plen: getU32LE(bytes, offset + 4),
    },
  };
}

export function emitCommonHeaderInto(buf: Uint8Array, offset: number, ch: CommonHeader): number {
  buf[offset] = ch.type;
  buf[offset + 1] = ch.flags;
  buf[offset + 2] = ch.hlen;
  buf[offset + 3] = ch.pdo;
  putU32LE(buf, offset + 4, ch.plen);
  return offset + CH_LEN;
}

export function emitCommonHeader(ch: CommonHeader): Uint8Array {
  const out = new Uint8Array(CH_LEN);
  emitCommonHeaderInto(out, 0, ch);
  return out;
}
