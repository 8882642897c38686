/**
 * ICReq / ICResp: the first exchange on a connection (128-byte headers,
 * never digests, never data).
 *
 * ICReq (host -> controller): pfv u16 @8, hpda u8 @10 (alignment the host
 * wants for data in C2H PDUs), dgst u8 @11 (digests requested), maxr2t u32 @12
 * (0's based: outstanding R2Ts per command, minus one). ICResp: pfv @8, cpda
 * @10 (alignment the controller wants for data in H2C PDUs), dgst @11 (digests
 * enabled), maxh2cdata u32 @12 (largest H2CData payload it accepts).
 * Bytes 16..127 are reserved.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import type { PDU_IC_REQ, PDU_IC_RESP } from './constants';

export interface IcReqPdu {
  type: typeof PDU_IC_REQ;
  flags: number;
  pfv: number;
  hpda: number;
  /** IC_DGST_HDGST_ENABLE | IC_DGST_DDGST_ENABLE */
  dgst: number;
  maxr2t: number;
}

export interface IcRespPdu {
  type: typeof PDU_IC_RESP;
  flags: number;
  pfv: number;
  cpda: number;
  dgst: number;
  maxh2cdata: number;
}

/* read*: the caller has checked that the 128 header bytes are present. */

export function readIcReq(b: Uint8Array, o: number, flags: number): IcReqPdu {
  return {
    type: 0x00,
    flags,
    pfv: getU16LE(b, o + 8),
    hpda: b[o + 10]!,
    dgst: b[o + 11]!,
    maxr2t: getU32LE(b, o + 12),
  };
}

export function readIcResp(b: Uint8Array, o: number, flags: number): IcRespPdu {
  return {
    type: 0x01,
    flags,
    pfv: getU16LE(b, o + 8),
    cpda: b[o + 10]!,
    dgst: b[o + 11]!,
    maxh2cdata: getU32LE(b, o + 12),
  };
}

/* write*: PSH fields only (bytes 8..hlen); the caller zeroed the header. */

export function writeIcReq(b: Uint8Array, o: number, v: IcReqPdu): void {
  putU16LE(b, o + 8, v.pfv);
  b[o + 10] = v.hpda;
  b[o + 11] = v.dgst;
  putU32LE(b, o + 12, v.maxr2t);
}

export function writeIcResp(b: Uint8Array, o: number, v: IcRespPdu): void {
  putU16LE(b, o + 8, v.pfv);
  b[o + 10] = v.cpda;
  b[o + 11] = v.dgst;
  putU32LE(b, o + 12, v.maxh2cdata);
}
