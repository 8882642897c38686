/**
 * H2CData and C2HData: a piece of a command's data.
 * cccid u16 @8 (command id of the command this belongs to), ttag u16 @10
 * (H2C: the R2T's transfer tag; C2H: reserved), datao u32 @12 (offset of this
 * piece within the command's data), datal u32 @16 (its length, which equals
 * the PDU data length), bytes 20..23 reserved.
 *
 * Flags: LAST_PDU on the last piece of a transfer (the last piece of an R2T's
 * range, for H2C); SUCCESS (C2H only, with LAST_PDU) says no CapsuleResp
 * follows.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import type { PDU_C2H_DATA, PDU_H2C_DATA } from './constants';

export interface H2CDataPdu {
  type: typeof PDU_H2C_DATA;
  flags: number;
  cccid: number;
  ttag: number;
  datao: number;
  /** Written as given (so malformed PDUs can be built); parse checks it. */
  datal: number;
  data: Uint8Array;
}

export interface C2HDataPdu {
  type: typeof PDU_C2H_DATA;
  flags: number;
  cccid: number;
  datao: number;
  datal: number;
  data: Uint8Array;
}

export function readH2CData(b: Uint8Array, o: number, flags: number, data: Uint8Array): H2CDataPdu {
  return {
    type: 0x06,
    flags,
    cccid: getU16LE(b, o + 8),
    ttag: getU16LE(b, o + 10),
    datao: getU32LE(b, o + 12),
    datal: getU32LE(b, o + 16),
    data,
  };
}

export function readC2HData(b: Uint8Array, o: number, flags: number, data: Uint8Array): C2HDataPdu {
  return {
    type: 0x07,
    flags,
    cccid: getU16LE(b, o + 8),
    datao: getU32LE(b, o + 12),
    datal: getU32LE(b, o + 16),
    data,
  };
}

export function writeH2CData(b: Uint8Array, o: number, v: H2CDataPdu): void {
  putU16LE(b, o + 8, v.cccid);
  putU16LE(b, o + 10, v.ttag);
  putU32LE(b, o + 12, v.datao);
  putU32LE(b, o + 16, v.datal);
}

export function writeC2HData(b: Uint8Array, o: number, v: C2HDataPdu): void {
  putU16LE(b, o + 8, v.cccid);
  putU32LE(b, o + 12, v.datao);
  putU32LE(b, o + 16, v.datal);
}
