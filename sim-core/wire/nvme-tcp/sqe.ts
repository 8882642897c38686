/**
 * NVMe submission queue entry (64 bytes, little-endian), as carried in a
 * CapsuleCmd at PDU offset 8. SGL1 occupies the data pointer (dwords 6-9):
 * NVMe over Fabrics always uses SGLs.
 *
 * Fabrics commands (opcode 0x7F) reuse the same 64 bytes with their own
 * layout (see fabrics-connect.ts); the generic form here holds every byte,
 * so converting between the two loses nothing.
 */

import { getU16LE, getU32LE, getU64LE, putU16LE, putU32LE, putU64LE } from '../bytes';
import { fail, isOffset, type ParseError } from '../result';
import { emitSglInto, parseSgl, type SglDescriptor } from './sgl';

export const NVME_SQE_LEN = 64;
/** SQE offsets of the fields (add 8 for the CapsuleCmd PDU offset). */
export const SQE_OFF_SGL1 = 24;
export const SQE_OFF_CDW10 = 40;

export const NVME_OPC_FLUSH = 0x00;
export const NVME_OPC_WRITE = 0x01;
export const NVME_OPC_READ = 0x02;
export const NVME_OPC_FABRICS = 0x7f;

/** Byte 1: FUSE in bits 0-1, PSDT in bits 6-7. PSDT 01b = SGL, metadata pointer contiguous. */
export const SQE_FLAGS_PSDT_SGL = 0x40;

export interface NvmeSqe {
  opcode: number;
  /** Byte 1 as a whole (FUSE, reserved, PSDT). */
  flags: number;
  cid: number;
  nsid: number;
  cdw2: number;
  cdw3: number;
  mptr: bigint;
  sgl1: SglDescriptor;
  cdw10: number;
  cdw11: number;
  cdw12: number;
  cdw13: number;
  cdw14: number;
  cdw15: number;
}

export interface SqeParsed {
  ok: true;
  value: NvmeSqe;
}

export function parseSqe(bytes: Uint8Array, offset = 0): SqeParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < NVME_SQE_LEN) {
    return fail(`sqe: truncated, need ${NVME_SQE_LEN} bytes, have ${bytes.length - offset}`);
  }
  const sgl = parseSgl(bytes, offset + SQE_OFF_SGL1);
  if (!sgl.ok) return sgl;
  const o = offset;
  return {
    ok: true,
    value: {
      opcode: bytes[o]!,
      flags: bytes[o + 1]!,
      cid: getU16LE(bytes, o + 2),
      nsid: getU32LE(bytes, o + 4),
      cdw2: getU32LE(bytes, o + 8),
      cdw3: getU32LE(bytes, o + 12),
      mptr: getU64LE(bytes, o + 16),
      sgl1: sgl.value,
      cdw10: getU32LE(bytes, o + 40),
      cdw11: getU32LE(bytes, o + 44),
      cdw12: getU32LE(bytes, o + 48),
      cdw13: getU32LE(bytes, o + 52),
      cdw14: getU32LE(bytes, o + 56),
      cdw15: getU32LE(bytes, o + 60),
    },
  };
}

export function emitSqeInto(buf: Uint8Array, offset: number, s: NvmeSqe): number {
  const o = offset;
  buf[o] = s.opcode;
  buf[o + 1] = s.flags;
  putU16LE(buf, o + 2, s.cid);
  putU32LE(buf, o + 4, s.nsid);
  putU32LE(buf, o + 8, s.cdw2);
  putU32LE(buf, o + 12, s.cdw3);
  putU64LE(buf, o + 16, s.mptr);
  emitSglInto(buf, o + SQE_OFF_SGL1, s.sgl1);
  putU32LE(buf, o + 40, s.cdw10);
  putU32LE(buf, o + 44, s.cdw11);
  putU32LE(buf, o + 48, s.cdw12);
  putU32LE(buf, o + 52, s.cdw13);
  putU32LE(buf, o + 56, s.cdw14);
  putU32LE(buf, o + 60, s.cdw15);
  return o + NVME_SQE_LEN;
}

export function emitSqe(s: NvmeSqe): Uint8Array {
  const out = new Uint8Array(NVME_SQE_LEN);
  emitSqeInto(out, 0, s);
  return out;
}

/** Fields of an NVM Read or Write: SLBA in cdw10/11, NLB (0's based) in cdw12 bits 0-15. */
export interface NvmRw {
  opcode: typeof NVME_OPC_READ | typeof NVME_OPC_WRITE;
  cid: number;
  nsid: number;
  slba: bigint;
  /** Number of logical blocks, 1-based here (the SQE stores it minus one). */
  blocks: number;
  sgl1: SglDescriptor;
}

export function sqeFromRw(rw: NvmRw): NvmeSqe {
  if (!(Number.isInteger(rw.blocks) && rw.blocks >= 1 && rw.blocks <= 0x10000)) {
    throw new RangeError(`sqeFromRw: blocks ${rw.blocks} is not in 1..65536`);
  }
  const slba = BigInt.asUintN(64, rw.slba);
  return {
    opcode: rw.opcode,
    flags: SQE_FLAGS_PSDT_SGL,
    cid: rw.cid,
    nsid: rw.nsid,
    cdw2: 0,
    cdw3: 0,
    mptr: 0n,
    sgl1: rw.sgl1,
    cdw10: Number(slba & 0xffffffffn),
    cdw11: Number(slba >> 32n),
    cdw12: rw.blocks - 1,
    cdw13: 0,
    cdw14: 0,
    cdw15: 0,
  };
}

export function sqeSlba(s: NvmeSqe): bigint {
  return (BigInt(s.cdw11 >>> 0) << 32n) | BigInt(s.cdw10 >>> 0);
}

/** Number of logical blocks of a Read/Write (1-based). */
export function sqeBlocks(s: NvmeSqe): number {
  return (s.cdw12 & 0xffff) + 1;
}

/** Name of an I/O-queue (NVM command set) or Fabrics opcode; admin opcodes differ. */
export function nvmeOpcodeName(opcode: number): string {
  switch (opcode) {
    case NVME_OPC_FLUSH:
      return 'Flush';
    case NVME_OPC_WRITE:
      return 'Write';
    case NVME_OPC_READ:
      return 'Read';
    case NVME_OPC_FABRICS:
      return 'Fabrics';
    default:
      return `opcode 0x${opcode.toString(16).padStart(2, '0')}`;
  }
}
