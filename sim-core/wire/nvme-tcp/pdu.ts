/**
 * Whole NVMe/TCP PDUs: layout, emit and parse.
 *
 * Layout of a PDU:  CH+PSH (hlen bytes) | HDGST? | PAD? | DATA | DDGST?
 *   - HDGST (4 bytes, CRC-32C of the hlen header bytes, little-endian) on
 *     CapsuleCmd, CapsuleResp, H2CData, C2HData and R2T when negotiated.
 *   - DATA starts at PDO, for CapsuleCmd/H2CData/C2HData that carry data:
 *     the first multiple of (PDA + 1) * 4 at or after the header (+digest);
 *     the pad bytes are zero. Without data, PDO is 0.
 *   - DDGST (CRC-32C of the data only, little-endian) follows the data when
 *     negotiated and there is data.
 *   - TermReq data (the offending header) follows its header directly,
 *     without PDO, padding or digests.
 *   - plen counts everything.
 */

import { crc32c } from '../crc32c';
import { getU32LE, putU32LE } from '../bytes';
import { fail, hex, isOffset, type ParseError } from '../result';
import type { CapsuleCmdPdu, CapsuleRespPdu } from './capsule';
import { type CommonHeader, emitCommonHeaderInto } from './common-header';
import {
  CH_FLAG_DDGSTF,
  CH_FLAG_HDGSTF,
  CH_LEN,
  DIGEST_LEN,
  NVME_TCP_PDA_MAX,
  PDU_C2H_DATA,
  PDU_C2H_TERM_REQ,
  PDU_CAPSULE_CMD,
  PDU_CAPSULE_RESP,
  PDU_H2C_DATA,
  PDU_H2C_TERM_REQ,
  PDU_IC_REQ,
  PDU_IC_RESP,
  PDU_R2T,
  PDU_TYPES,
  pduTypeName,
  TERM_REQ_MAX_DATA_LEN,
} from './constants';
import { emitCqeInto, parseCqe } from './cqe';
import {
  type C2HDataPdu,
  type H2CDataPdu,
  readC2HData,
  readH2CData,
  writeC2HData,
  writeH2CData,
} from './data-pdu';
import { type IcReqPdu, type IcRespPdu, readIcReq, readIcResp, writeIcReq, writeIcResp } from './ic';
import { type R2TPdu, readR2T, writeR2T } from './r2t';
import { emitSqeInto, parseSqe } from './sqe';
import { readTermReq, type TermReqPdu, writeTermReq } from './term-req';

export type Pdu =
  | IcReqPdu
  | IcRespPdu
  | TermReqPdu
  | CapsuleCmdPdu
  | CapsuleRespPdu
  | H2CDataPdu
  | C2HDataPdu
  | R2TPdu;

export interface PduEmitOptions {
  /** Header digests negotiated on this connection. */
  hdgst: boolean;
  /** Data digests negotiated on this connection. */
  ddgst: boolean;
  /**
   * Data alignment the receiver asked for, 0..31 (default 0): the CPDA from
   * ICResp for host-to-controller PDUs; pass the HPDA from ICReq when
   * emitting C2HData.
   */
  cpda?: number;
}

export interface PduLayout {
  hlen: number;
  /** CH flags as written (type-specific flags plus digest flags). */
  flags: number;
  hdgst: boolean;
  ddgst: boolean;
  pdo: number;
  /** Offset of the data from the PDU start (where it would be when empty). */
  dataOffset: number;
  dataLength: number;
  plen: number;
}

const DIGEST_FLAGS = CH_FLAG_HDGSTF | CH_FLAG_DDGSTF;

/** The data a PDU value carries (empty for types without data). */
export function pduData(p: Pdu): Uint8Array | undefined {
  switch (p.type) {
    case PDU_CAPSULE_CMD:
    case PDU_H2C_DATA:
    case PDU_C2H_DATA:
    case PDU_H2C_TERM_REQ:
    case PDU_C2H_TERM_REQ:
      return p.data;
    default:
      return undefined;
  }
}

/** Where everything goes when `p` is emitted with `opts`. Throws RangeError on values that cannot be encoded. */
export function pduLayout(p: Pdu, opts: PduEmitOptions): PduLayout {
  const info = PDU_TYPES[p.type];
  if (info === undefined) throw new RangeError(`emitPdu: unknown PDU type ${p.type}`);
  const cpda = opts.cpda ?? 0;
  if (!(Number.isInteger(cpda) && cpda >= 0 && cpda <= NVME_TCP_PDA_MAX)) {
    throw new RangeError(`emitPdu: cpda ${cpda} is not in 0..${NVME_TCP_PDA_MAX}`);
  }
  const hlen = info.hlen;
  const dataLength = pduData(p)?.length ?? 0;
  const hdgst = opts.hdgst && info.hdgst;
  let flags = p.flags & ~DIGEST_FLAGS & 0xff;
  if (hdgst) flags |= CH_FLAG_HDGSTF;
  const headerEnd = hlen + (hdgst ? DIGEST_LEN : 0);
  let pdo = 0;
  let dataOffset = headerEnd;
  let ddgst = false;
  let plen = headerEnd;
  if (p.type === PDU_H2C_TERM_REQ || p.type === PDU_C2H_TERM_REQ) {
    if (dataLength > TERM_REQ_MAX_DATA_LEN) {
      throw new RangeError(`emitPdu: TermReq data is ${dataLength} bytes, at most ${TERM_REQ_MAX_DATA_LEN}`);
    }
    plen = hlen + dataLength;
  } else if (info.ddgst && dataLength > 0) {
    const align = (cpda + 1) * 4;
    pdo = Math.ceil(headerEnd / align) * align;
    dataOffset = pdo;
    ddgst = opts.ddgst;
    if (ddgst) flags |= CH_FLAG_DDGSTF;
    plen = pdo + dataLength + (ddgst ? DIGEST_LEN : 0);
  }
  if (plen > 0xffffffff) throw new RangeError(`emitPdu: plen ${plen} does not fit 32 bits`);
  return { hlen, flags, hdgst, ddgst, pdo, dataOffset, dataLength, plen };
}

export function pduLength(p: Pdu, opts: PduEmitOptions): number {
  return pduLayout(p, opts).plen;
}

/** Write `p` at buf[offset..); returns plen. */
export function emitPduInto(buf: Uint8Array, offset: number, p: Pdu, opts: PduEmitOptions): number {
  const l = pduLayout(p, opts);
  if (offset + l.plen > buf.length) {
    throw new RangeError(`emitPdu: ${l.plen} bytes do not fit at ${offset} in ${buf.length}`);
  }
  writeHead(buf, offset, p, l);
  const data = pduData(p);
  if (data !== undefined && data.length > 0) {
    const d = offset + l.dataOffset;
    buf.set(data, d);
    if (l.ddgst) putU32LE(buf, d + data.length, crc32c(data));
  }
  return l.plen;
}

/**
 * Only the bytes before the data (header, header digest, padding: [0, dataOffset)), as
 * emitPduInto writes them, for a sender that keeps the data elsewhere. Returns the layout.
 */
export function emitPduHeadInto(buf: Uint8Array, offset: number, p: Pdu, opts: PduEmitOptions): PduLayout {
  const l = pduLayout(p, opts);
  if (offset + l.dataOffset > buf.length) {
    throw new RangeError(`emitPdu: ${l.dataOffset} header bytes do not fit at ${offset} in ${buf.length}`);
  }
  writeHead(buf, offset, p, l);
  return l;
}

function writeHead(buf: Uint8Array, offset: number, p: Pdu, l: PduLayout): void {
  // Zero header, header digest slot and padding: reserved bytes must read 0.
  buf.fill(0, offset, offset + l.dataOffset);
  emitCommonHeaderInto(buf, offset, { type: p.type, flags: l.flags, hlen: l.hlen, pdo: l.pdo, plen: l.plen });
  switch (p.type) {
    case PDU_IC_REQ:
      writeIcReq(buf, offset, p);
      break;
    case PDU_IC_RESP:
      writeIcResp(buf, offset, p);
      break;
    case PDU_H2C_TERM_REQ:
    case PDU_C2H_TERM_REQ:
      writeTermReq(buf, offset, p);
      break;
    case PDU_CAPSULE_CMD:
      emitSqeInto(buf, offset + CH_LEN, p.sqe);
      break;
    case PDU_CAPSULE_RESP:
      emitCqeInto(buf, offset + CH_LEN, p.cqe);
      break;
    case PDU_H2C_DATA:
      writeH2CData(buf, offset, p);
      break;
    case PDU_C2H_DATA:
      writeC2HData(buf, offset, p);
      break;
    case PDU_R2T:
      writeR2T(buf, offset, p);
      break;
  }
  if (l.hdgst) putU32LE(buf, offset + l.hlen, crc32c(buf, offset, offset + l.hlen));
}

export function emitPdu(p: Pdu, opts: PduEmitOptions): Uint8Array {
  const out = new Uint8Array(pduLength(p, opts));
  emitPduInto(out, 0, p, opts);
  return out;
}

export interface PduParseOptions {
  /**
   * Digests negotiated on the connection. When given, they decide whether a
   * digest is present and a CH flag that disagrees is an error; when not,
   * the HDGSTF/DDGSTF flags decide.
   */
  hdgst?: boolean;
  ddgst?: boolean;
  /** When given and non-zero, PDO of a PDU with data must be a multiple of (cpda + 1) * 4. */
  cpda?: number;
}

export interface DigestCheck {
  received: number;
  computed: number;
  ok: boolean;
}

export interface PduParsed {
  ok: true;
  /** Field values; `flags` without the digest bits (see `ch.flags`). */
  value: Pdu;
  ch: CommonHeader;
  /** View of the PDU-specific header (bytes 8..hlen). */
  psh: Uint8Array;
  /** View of the data (empty when none). */
  data: Uint8Array;
  /** Offset of the data from the PDU start. */
  dataOffset: number;
  headerDigest?: DigestCheck;
  dataDigest?: DigestCheck;
  /** False when a digest is present and does not match. */
  digestsOk: boolean;
  /** = ch.plen: bytes consumed. */
  length: number;
}

/**
 * Parse the complete PDU at bytes[offset..). Never throws; a malformed PDU
 * yields an error naming the field, with `offset` = the field's offset in
 * the PDU (what a TermReq would report in FEI). Digest mismatches are not
 * errors: they are reported in headerDigest/dataDigest/digestsOk.
 */
export function parsePdu(bytes: Uint8Array, offset = 0, opts: PduParseOptions = {}): PduParsed | ParseError {
  if (!isOffset(bytes, offset))
    return fail(`pdu: offset ${offset} is outside the ${bytes.length}-byte buffer`);
  const avail = bytes.length - offset;
  if (avail < CH_LEN) return fail(`pdu: truncated common header, need ${CH_LEN} bytes, have ${avail}`);
  const type = bytes[offset]!;
  const chFlags = bytes[offset + 1]!;
  const hlen = bytes[offset + 2]!;
  const pdo = bytes[offset + 3]!;
  const plen = getU32LE(bytes, offset + 4);
  const ch: CommonHeader = { type, flags: chFlags, hlen, pdo, plen };
  const info = PDU_TYPES[type];
  if (info === undefined) return fail(`pdu_type: ${hex(type)} is not a known PDU type`, 0);
  const name = info.name;
  if (hlen !== info.hlen) return fail(`hlen: ${hlen}, expected ${info.hlen} for ${name}`, 2);
  if (plen < hlen) return fail(`plen: ${plen} is less than hlen ${hlen}`, 4);

  // Digest presence: negotiated setting if known, else the flags.
  const hdgstFlag = (chFlags & CH_FLAG_HDGSTF) !== 0;
  const ddgstFlag = (chFlags & CH_FLAG_DDGSTF) !== 0;
  if (hdgstFlag && !info.hdgst)
    return fail(`flags: HDGSTF set on ${name}, which never carries a header digest`, 1);
  if (ddgstFlag && !info.ddgst)
    return fail(`flags: DDGSTF set on ${name}, which never carries a data digest`, 1);
  let hdgst = hdgstFlag;
  if (info.hdgst && opts.hdgst !== undefined) {
    if (opts.hdgst !== hdgstFlag) {
      return fail(`flags: HDGSTF is ${+hdgstFlag} but header digests are ${opts.hdgst ? 'on' : 'off'}`, 1);
    }
    hdgst = opts.hdgst;
  }
  const headerEnd = hlen + (hdgst ? DIGEST_LEN : 0);
  if (plen < headerEnd)
    return fail(`plen: ${plen} leaves no room for the header digest (need ${headerEnd})`, 4);

  let dataOffset = headerEnd;
  let dataEnd = headerEnd;
  let ddgst = false;
  switch (type) {
    case PDU_IC_REQ:
    case PDU_IC_RESP:
      if (plen !== hlen) return fail(`plen: ${plen}, expected ${hlen} for ${name}`, 4);
      break;
    case PDU_H2C_TERM_REQ:
    case PDU_C2H_TERM_REQ:
      if (plen - hlen > TERM_REQ_MAX_DATA_LEN) {
        return fail(`plen: ${plen} exceeds the ${hlen + TERM_REQ_MAX_DATA_LEN}-byte TermReq limit`, 4);
      }
      dataOffset = hlen;
      dataEnd = plen;
      break;
    case PDU_CAPSULE_RESP:
    case PDU_R2T:
      if (plen !== headerEnd) return fail(`plen: ${plen}, expected ${headerEnd} for ${name} (no data)`, 4);
      break;
    default: {
      // CapsuleCmd, H2CData, C2HData: data at PDO, if any.
      if (plen === headerEnd) {
        if (ddgstFlag) return fail(`flags: DDGSTF set on a ${name} without data`, 1);
        if (pdo > plen) return fail(`pdo: ${pdo} points past the end of the PDU (plen ${plen})`, 3);
        break;
      }
      ddgst = ddgstFlag;
      if (opts.ddgst !== undefined) {
        if (opts.ddgst !== ddgstFlag) {
          return fail(`flags: DDGSTF is ${+ddgstFlag} but data digests are ${opts.ddgst ? 'on' : 'off'}`, 1);
        }
        ddgst = opts.ddgst;
      }
      if (pdo < headerEnd) {
        return fail(`pdo: ${pdo} is inside the header (data can start at ${headerEnd} at the earliest)`, 3);
      }
      if (opts.cpda !== undefined && opts.cpda !== 0 && pdo % ((opts.cpda + 1) * 4) !== 0) {
        return fail(`pdo: ${pdo} is not a multiple of ${(opts.cpda + 1) * 4} (cpda ${opts.cpda})`, 3);
      }
      dataOffset = pdo;
      dataEnd = plen - (ddgst ? DIGEST_LEN : 0);
      if (dataEnd <= dataOffset) {
        return fail(`plen: ${plen} leaves no data after pdo ${pdo}${ddgst ? ' and the data digest' : ''}`, 4);
      }
    }
  }
  if (avail < plen) return fail(`plen: ${plen}, but only ${avail} bytes are present (truncated)`, 4);

  const o = offset;
  const data = bytes.subarray(o + dataOffset, o + dataEnd);
  const flags = chFlags & ~DIGEST_FLAGS;
  let value: Pdu;
  switch (type) {
    case PDU_IC_REQ:
      value = readIcReq(bytes, o, flags);
      break;
    case PDU_IC_RESP:
      value = readIcResp(bytes, o, flags);
      break;
    case PDU_H2C_TERM_REQ:
    case PDU_C2H_TERM_REQ:
      value = readTermReq(bytes, o, type, flags, data);
      break;
    case PDU_CAPSULE_CMD: {
      const sqe = parseSqe(bytes, o + CH_LEN);
      if (!sqe.ok) return fail(`sqe: ${sqe.error}`, CH_LEN);
      value = data.length > 0 ? { type, flags, sqe: sqe.value, data } : { type, flags, sqe: sqe.value };
      break;
    }
    case PDU_CAPSULE_RESP: {
      const cqe = parseCqe(bytes, o + CH_LEN);
      if (!cqe.ok) return fail(`cqe: ${cqe.error}`, CH_LEN);
      value = { type, flags, cqe: cqe.value };
      break;
    }
    case PDU_H2C_DATA:
      value = readH2CData(bytes, o, flags, data);
      break;
    case PDU_C2H_DATA:
      value = readC2HData(bytes, o, flags, data);
      break;
    default:
      value = readR2T(bytes, o, flags);
  }
  if ((value.type === PDU_H2C_DATA || value.type === PDU_C2H_DATA) && value.datal !== data.length) {
    return fail(`datal: ${value.datal}, but the ${name} carries ${data.length} data bytes`, 16);
  }

  let digestsOk = true;
  let headerDigest: DigestCheck | undefined;
  let dataDigest: DigestCheck | undefined;
  if (hdgst) {
    const received = getU32LE(bytes, o + hlen);
    const computed = crc32c(bytes, o, o + hlen);
    headerDigest = { received, computed, ok: received === computed };
    digestsOk = headerDigest.ok;
  }
  if (ddgst) {
    const received = getU32LE(bytes, o + dataEnd);
    const computed = crc32c(bytes, o + dataOffset, o + dataEnd);
    dataDigest = { received, computed, ok: received === computed };
    digestsOk &&= dataDigest.ok;
  }
  const result: PduParsed = {
    ok: true,
    value,
    ch,
    psh: bytes.subarray(o + CH_LEN, o + hlen),
    data,
    dataOffset,
    digestsOk,
    length: plen,
  };
  if (headerDigest) result.headerDigest = headerDigest;
  if (dataDigest) result.dataDigest = dataDigest;
  return result;
}

/** Short human description, e.g. "H2CData cccid=3 ttag=1 datao=0 datal=8192 LAST". */
export function describePdu(p: Pdu): string {
  const n = pduTypeName(p.type);
  switch (p.type) {
    case PDU_IC_REQ:
      return `${n} pfv=${p.pfv} hpda=${p.hpda} dgst=${p.dgst} maxr2t=${p.maxr2t}`;
    case PDU_IC_RESP:
      return `${n} pfv=${p.pfv} cpda=${p.cpda} dgst=${p.dgst} maxh2cdata=${p.maxh2cdata}`;
    case PDU_H2C_TERM_REQ:
    case PDU_C2H_TERM_REQ:
      return `${n} fes=${p.fes} fei=${p.fei}`;
    case PDU_CAPSULE_CMD:
      return `${n} opc=${hex(p.sqe.opcode)} cid=${p.sqe.cid} nsid=${p.sqe.nsid} data=${p.data?.length ?? 0}`;
    case PDU_CAPSULE_RESP:
      return `${n} cid=${p.cqe.cid} status=${hex(p.cqe.status, 4)}`;
    case PDU_H2C_DATA:
      return `${n} cccid=${p.cccid} ttag=${p.ttag} datao=${p.datao} datal=${p.datal}${p.flags & 4 ? ' LAST' : ''}`;
    case PDU_C2H_DATA:
      return `${n} cccid=${p.cccid} datao=${p.datao} datal=${p.datal}${p.flags & 4 ? ' LAST' : ''}${p.flags & 8 ? ' SUCCESS' : ''}`;
    case PDU_R2T:
      return `${n} cccid=${p.cccid} ttag=${p.ttag} r2to=${p.r2to} r2tl=${p.r2tl}`;
  }
}
