/**
 * NVMe over Fabrics Connect command (an SQE with opcode 0x7F, FCTYPE 0x01)
 * and its 1024-byte data (sent in-capsule over NVMe/TCP).
 *
 * Connect SQE layout: opcode @0, byte 1 (Linux sets PSDT=SGL here as on
 * every command), cid u16 @2, fctype @4, SGL1 @24, recfmt u16 @40,
 * qid u16 @42, sqsize u16 @44 (0's based), cattr @46, kato u32 @48 (ms).
 * Bytes 5..23, 47 and 52..63 are reserved: written as zero, not read back.
 *
 * Connect data: hostid (16 bytes) @0, cntlid u16 @16, subnqn @256 and
 * hostnqn @512 (256 bytes each, NUL-padded UTF-8), the rest reserved.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import { fail, hex, isOffset, type ParseError } from '../result';
import { readCString, writeCString } from '../text';
import { emitSglInto, parseSgl, type SglDescriptor, sglInCapsule } from './sgl';
import { NVME_OPC_FABRICS, NVME_SQE_LEN, type NvmeSqe, SQE_FLAGS_PSDT_SGL } from './sqe';

export const NVMF_FCTYPE_PROPERTY_SET = 0x00;
export const NVMF_FCTYPE_CONNECT = 0x01;
export const NVMF_FCTYPE_PROPERTY_GET = 0x04;
export const NVMF_FCTYPE_AUTH_SEND = 0x05;
export const NVMF_FCTYPE_AUTH_RECV = 0x06;

export const NVMF_CONNECT_DATA_LEN = 1024;
export const NVMF_NQN_FIELD_LEN = 256;
/** cntlid in the Connect data of an admin queue: let the controller pick one. */
export const NVMF_CNTLID_DYNAMIC = 0xffff;

export interface ConnectCommand {
  /** Byte 1 of the SQE (Linux: 0x40, PSDT=SGL). */
  flags: number;
  cid: number;
  sgl1: SglDescriptor;
  recfmt: number;
  qid: number;
  /** Submission queue size, 0's based. */
  sqsize: number;
  cattr: number;
  /** Keep-alive timeout in milliseconds (admin queue only). */
  kato: number;
}

export interface ConnectData {
  hostid: Uint8Array;
  cntlid: number;
  subnqn: string;
  hostnqn: string;
}

export interface ConnectCommandParsed {
  ok: true;
  value: ConnectCommand;
}

export interface ConnectDataParsed {
  ok: true;
  value: ConnectData;
}

export function fabricsFctype(sqe: NvmeSqe): number | undefined {
  return sqe.opcode === NVME_OPC_FABRICS ? sqe.nsid & 0xff : undefined;
}

export function fctypeName(fctype: number): string {
  switch (fctype) {
    case NVMF_FCTYPE_PROPERTY_SET:
      return 'Property Set';
    case NVMF_FCTYPE_CONNECT:
      return 'Connect';
    case NVMF_FCTYPE_PROPERTY_GET:
      return 'Property Get';
    case NVMF_FCTYPE_AUTH_SEND:
      return 'Authentication Send';
    case NVMF_FCTYPE_AUTH_RECV:
      return 'Authentication Receive';
    default:
      return `fctype ${hex(fctype)}`;
  }
}

/** The generic SQE holding `c` (reserved bytes zero). */
export function sqeFromConnect(c: ConnectCommand): NvmeSqe {
  return {
    opcode: NVME_OPC_FABRICS,
    flags: c.flags,
    cid: c.cid,
    nsid: NVMF_FCTYPE_CONNECT,
    cdw2: 0,
    cdw3: 0,
    mptr: 0n,
    sgl1: c.sgl1,
    cdw10: ((c.recfmt & 0xffff) | ((c.qid & 0xffff) << 16)) >>> 0,
    cdw11: ((c.sqsize & 0xffff) | ((c.cattr & 0xff) << 16)) >>> 0,
    cdw12: c.kato >>> 0,
    cdw13: 0,
    cdw14: 0,
    cdw15: 0,
  };
}

/** Read a generic SQE as a Connect command; an error if it is not one. */
export function connectFromSqe(s: NvmeSqe): ConnectCommandParsed | ParseError {
  if (s.opcode !== NVME_OPC_FABRICS) return fail(`connect.opcode: expected 0x7f, got ${hex(s.opcode)}`, 0);
  if ((s.nsid & 0xff) !== NVMF_FCTYPE_CONNECT) {
    return fail(`connect.fctype: expected 0x01 (Connect), got ${hex(s.nsid & 0xff)}`, 4);
  }
  return {
    ok: true,
    value: {
      flags: s.flags,
      cid: s.cid,
      sgl1: s.sgl1,
      recfmt: s.cdw10 & 0xffff,
      qid: s.cdw10 >>> 16,
      sqsize: s.cdw11 & 0xffff,
      cattr: (s.cdw11 >>> 16) & 0xff,
      kato: s.cdw12 >>> 0,
    },
  };
}

/** Parse a Connect SQE straight from bytes (e.g. a CapsuleCmd at PDU offset 8). */
export function parseConnectCommand(bytes: Uint8Array, offset = 0): ConnectCommandParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < NVME_SQE_LEN) {
    return fail(`connect: truncated, need ${NVME_SQE_LEN} bytes, have ${bytes.length - offset}`);
  }
  if (bytes[offset] !== NVME_OPC_FABRICS)
    return fail(`connect.opcode: expected 0x7f, got ${hex(bytes[offset]!)}`, 0);
  if (bytes[offset + 4] !== NVMF_FCTYPE_CONNECT) {
    return fail(`connect.fctype: expected 0x01 (Connect), got ${hex(bytes[offset + 4]!)}`, 4);
  }
  const sgl = parseSgl(bytes, offset + 24);
  if (!sgl.ok) return sgl;
  return {
    ok: true,
    value: {
      flags: bytes[offset + 1]!,
      cid: getU16LE(bytes, offset + 2),
      sgl1: sgl.value,
      recfmt: getU16LE(bytes, offset + 40),
      qid: getU16LE(bytes, offset + 42),
      sqsize: getU16LE(bytes, offset + 44),
      cattr: bytes[offset + 46]!,
      kato: getU32LE(bytes, offset + 48),
    },
  };
}

export function emitConnectCommandInto(buf: Uint8Array, offset: number, c: ConnectCommand): number {
  buf.fill(0, offset, offset + NVME_SQE_LEN);
  buf[offset] = NVME_OPC_FABRICS;
  buf[offset + 1] = c.flags;
  putU16LE(buf, offset + 2, c.cid);
  buf[offset + 4] = NVMF_FCTYPE_CONNECT;
  emitSglInto(buf, offset + 24, c.sgl1);
  putU16LE(buf, offset + 40, c.recfmt);
  putU16LE(buf, offset + 42, c.qid);
  putU16LE(buf, offset + 44, c.sqsize);
  buf[offset + 46] = c.cattr;
  putU32LE(buf, offset + 48, c.kato);
  return offset + NVME_SQE_LEN;
}

export function emitConnectCommand(c: ConnectCommand): Uint8Array {
  const out = new Uint8Array(NVME_SQE_LEN);
  emitConnectCommandInto(out, 0, c);
  return out;
}

export function parseConnectData(bytes: Uint8Array, offset = 0): ConnectDataParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < NVMF_CONNECT_DATA_LEN) {
    return fail(
      `connect_data: truncated, need ${NVMF_CONNECT_DATA_LEN} bytes, have ${bytes.length - offset}`,
    );
  }
  return {
    ok: true,
    value: {
      hostid: bytes.slice(offset, offset + 16),
      cntlid: getU16LE(bytes, offset + 16),
      subnqn: readCString(bytes, offset + 256, NVMF_NQN_FIELD_LEN),
      hostnqn: readCString(bytes, offset + 512, NVMF_NQN_FIELD_LEN),
    },
  };
}

/** Throws RangeError if hostid is not 16 bytes or an NQN does not fit its field. */
export function emitConnectDataInto(buf: Uint8Array, offset: number, d: ConnectData): number {
  if (d.hostid.length !== 16)
    throw new RangeError(`connect_data.hostid: ${d.hostid.length} bytes, expected 16`);
  buf.fill(0, offset, offset + NVMF_CONNECT_DATA_LEN);
  buf.set(d.hostid, offset);
  putU16LE(buf, offset + 16, d.cntlid);
  writeCString(buf, offset + 256, NVMF_NQN_FIELD_LEN, d.subnqn, 'connect_data.subnqn');
  writeCString(buf, offset + 512, NVMF_NQN_FIELD_LEN, d.hostnqn, 'connect_data.hostnqn');
  return offset + NVMF_CONNECT_DATA_LEN;
}

export function emitConnectData(d: ConnectData): Uint8Array {
  const out = new Uint8Array(NVMF_CONNECT_DATA_LEN);
  emitConnectDataInto(out, 0, d);
  return out;
}

/** A Connect command for queue `qid` whose data travels in-capsule. */
export function connectCommand(f: {
  cid: number;
  qid: number;
  sqsize: number;
  kato?: number;
  cattr?: number;
}): ConnectCommand {
  return {
    flags: SQE_FLAGS_PSDT_SGL,
    cid: f.cid,
    sgl1: sglInCapsule(NVMF_CONNECT_DATA_LEN),
    recfmt: 0,
    qid: f.qid,
    sqsize: f.sqsize,
    cattr: f.cattr ?? 0,
    kato: f.kato ?? 0,
  };
}

/** On success, the Connect response carries the controller ID in cdw0 bits 0-15. */
export function connectResponseCntlid(cdw0: number): number {
  return cdw0 & 0xffff;
}
