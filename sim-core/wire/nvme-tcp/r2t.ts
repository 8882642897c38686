/**
 * R2T (ready to transfer): the controller asks for a range of a command's
 * data. cccid u16 @8, ttag u16 @10 (echoed in the H2CData PDUs that answer
 * it), r2to u32 @12 (offset), r2tl u32 @16 (length), bytes 20..23 reserved.
 * Header digest possible, never data.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import type { PDU_R2T } from './constants';

export interface R2TPdu {
  type: typeof PDU_R2T;
  flags: number;
  cccid: number;
  ttag: number;
  r2to: number;
  r2tl: number;
}

export function readR2T(b: Uint8Array, o: number, flags: number): R2TPdu {
  return {
    type: 0x09,
    flags,
    cccid: getU16LE(b, o + 8),
    ttag: getU16LE(b, o + 10),
    r2to: getU32LE(b, o + 12),
    r2tl: getU32LE(b, o + 16),
  };
}

export function writeR2T(b: Uint8Array, o: number, v: R2TPdu): void {
  putU16LE(b, o + 8, v.cccid);
  putU16LE(b, o + 10, v.ttag);
  putU32LE(b, o + 12, v.r2to);
  putU32LE(b, o + 16, v.r2tl);
}
