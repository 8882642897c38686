/**
 * NVMe completion queue entry (16 bytes, little-endian), as carried in a
 * CapsuleResp at PDU offset 8: cdw0 @0, reserved dword @4, SQ head u16 @8,
 * SQ id u16 @10, command id u16 @12, status u16 @14.
 *
 * Status field: bit 0 phase tag (unused over fabrics, 0), bits 1-8 status
 * code (SC), bits 9-11 status code type (SCT), bits 12-13 command retry
 * delay, bit 14 more, bit 15 do not retry.
 */

import { getU16LE, getU32LE, putU16LE, putU32LE } from '../bytes';
import { fail, isOffset, type ParseError } from '../result';

export const NVME_CQE_LEN = 16;

export interface NvmeCqe {
  cdw0: number;
  /** Dword 1 (reserved for most commands). */
  cdw1: number;
  sqhd: number;
  sqid: number;
  cid: number;
  /** Whole status field including the phase bit. */
  status: number;
}

export interface CqeParsed {
  ok: true;
  value: NvmeCqe;
}

export const NVME_SCT_GENERIC = 0x0;
export const NVME_SCT_COMMAND_SPECIFIC = 0x1;
export const NVME_SCT_MEDIA_ERROR = 0x2;
export const NVME_SCT_PATH = 0x3;
export const NVME_SCT_VENDOR_SPECIFIC = 0x7;

/* Generic command status codes (SCT 0). */
export const NVME_SC_SUCCESS = 0x00;
export const NVME_SC_INVALID_OPCODE = 0x01;
export const NVME_SC_INVALID_FIELD = 0x02;
export const NVME_SC_COMMAND_ID_CONFLICT = 0x03;
export const NVME_SC_DATA_TRANSFER_ERROR = 0x04;
export const NVME_SC_INTERNAL_DEVICE_ERROR = 0x06;
export const NVME_SC_ABORTED_BY_REQUEST = 0x07;
export const NVME_SC_ABORTED_SQ_DELETION = 0x08;
export const NVME_SC_INVALID_NAMESPACE_OR_FORMAT = 0x0b;
export const NVME_SC_COMMAND_SEQUENCE_ERROR = 0x0c;
export const NVME_SC_DATA_SGL_LENGTH_INVALID = 0x0f;
export const NVME_SC_SGL_DESCRIPTOR_TYPE_INVALID = 0x11;
export const NVME_SC_INVALID_SGL_OFFSET = 0x16;
export const NVME_SC_COMMAND_INTERRUPTED = 0x21;
/** SCT 0, SC 0x22: the transport lost the command; the host may retry it. */
export const NVME_SC_TRANSIENT_TRANSPORT_ERROR = 0x22;
export const NVME_SC_LBA_OUT_OF_RANGE = 0x80;
export const NVME_SC_NAMESPACE_NOT_READY = 0x82;

/* Fabrics Connect status codes (SCT 1, command specific). */
export const NVMF_SC_CONNECT_INCOMPATIBLE_FORMAT = 0x80;
export const NVMF_SC_CONNECT_CONTROLLER_BUSY = 0x81;
export const NVMF_SC_CONNECT_INVALID_PARAMETERS = 0x82;
export const NVMF_SC_CONNECT_RESTART_DISCOVERY = 0x83;
export const NVMF_SC_CONNECT_INVALID_HOST = 0x84;

export interface NvmeStatusFields {
  sc: number;
  sct?: number;
  crd?: number;
  more?: boolean;
  dnr?: boolean;
  phase?: boolean;
}

/** Compose a 16-bit status field. */
export function nvmeStatus(f: NvmeStatusFields): number {
  return (
    (f.phase ? 1 : 0) |
    ((f.sc & 0xff) << 1) |
    (((f.sct ?? 0) & 7) << 9) |
    (((f.crd ?? 0) & 3) << 12) |
    (f.more ? 1 << 14 : 0) |
    (f.dnr ? 1 << 15 : 0)
  );
}

export interface NvmeStatusDecoded {
  phase: boolean;
  sc: number;
  sct: number;
  crd: number;
  more: boolean;
  dnr: boolean;
}

export function decodeNvmeStatus(status: number): NvmeStatusDecoded {
  return {
    phase: (status & 1) !== 0,
    sc: (status >>> 1) & 0xff,
    sct: (status >>> 9) & 7,
    crd: (status >>> 12) & 3,
    more: (status & (1 << 14)) !== 0,
    dnr: (status & (1 << 15)) !== 0,
  };
}

/** True for SCT 0 / SC 0, ignoring phase, CRD, more and DNR. */
export function nvmeStatusIsSuccess(status: number): boolean {
  return ((status >>> 1) & 0x7ff) === 0;
}

export function parseCqe(bytes: Uint8Array, offset = 0): CqeParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < NVME_CQE_LEN) {
    return fail(`cqe: truncated, need ${NVME_CQE_LEN} bytes, have ${bytes.length - offset}`);
  }
  return {
    ok: true,
    value: {
      cdw0: getU32LE(bytes, offset),
      cdw1: getU32LE(bytes, offset + 4),
      sqhd: getU16LE(bytes, offset + 8),
      sqid: getU16LE(bytes, offset + 10),
      cid: getU16LE(bytes, offset + 12),
      status: getU16LE(bytes, offset + 14),
    },
  };
}

export function emitCqeInto(buf: Uint8Array, offset: number, c: NvmeCqe): number {
  putU32LE(buf, offset, c.cdw0);
  putU32LE(buf, offset + 4, c.cdw1);
  putU16LE(buf, offset + 8, c.sqhd);
  putU16LE(buf, offset + 10, c.sqid);
  putU16LE(buf, offset + 12, c.cid);
  putU16LE(buf, offset + 14, c.status);
  return offset + NVME_CQE_LEN;
}

export function emitCqe(c: NvmeCqe): Uint8Array {
  const out = new Uint8Array(NVME_CQE_LEN);
  emitCqeInto(out, 0, c);
  return out;
}
