/**
 * H2CTermReq / C2HTermReq: fatal error report before closing the connection.
 * fes u16 @8 (fatal error status), fei u32 @10 (field error information:
 * for an invalid header field, the byte offset of that field in the
 * offending PDU), bytes 14..23 reserved. The data that follows the 24-byte
 * header (no PDO, no digests) is a copy of the offending PDU's header, at
 * most 128 bytes, so the whole PDU is at most 152 bytes.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import type { PDU_C2H_TERM_REQ, PDU_H2C_TERM_REQ } from './constants';

export interface TermReqPdu {
  type: typeof PDU_H2C_TERM_REQ | typeof PDU_C2H_TERM_REQ;
  flags: number;
  fes: number;
  fei: number;
  /** Copy of the offending PDU header (0..128 bytes). */
  data: Uint8Array;
}

export function readTermReq(
  b: Uint8Array,
  o: number,
  type: TermReqPdu['type'],
  flags: number,
  data: Uint8Array,
): TermReqPdu {
  return { type, flags, fes: getU16LE(b, o + 8), fei: getU32LE(b, o + 10), data };
}

export function writeTermReq(b: Uint8Array, o: number, v: TermReqPdu): void {
  putU16LE(b, o + 8, v.fes);
  putU32LE(b, o + 10, v.fei);
}

export function fesName(fes: number): string {
  switch (fes) {
    case 0x01:
      return 'Invalid PDU Header Field';
    case 0x02:
      return 'PDU Sequence Error';
    case 0x03:
      return 'Header Digest Error';
    case 0x04:
      return 'Data Transfer Out of Range';
    case 0x05:
      return 'Data Transfer Limit Exceeded / R2T Limit Exceeded';
    case 0x06:
      return 'Unsupported Parameter';
    default:
      return `FES 0x${fes.toString(16).padStart(2, '0')}`;
  }
}
