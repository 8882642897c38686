/**
 * NVMe SGL descriptor (16 bytes, little-endian): address u64 @0, length u32
 * @8, three bytes @12 (reserved, or part of the key for keyed descriptors),
 * identifier @15 = type << 4 | subtype.
 *
 * NVMe/TCP uses two forms in SGL1 of a command: in-capsule data (Data Block,
 * subtype Offset: 0x01, address = offset into the capsule data, i.e. 0) and
 * data moved by H2CData/C2HData PDUs (Transport Data Block, subtype
 * Transport-specific 0xA: 0x5A, address 0).
 */

import { getU24LE, getU32LE, getU64LE, putU24LE, putU32LE, putU64LE } from '../bytes';
import { fail, isOffset, type ParseError } from '../result';

export const SGL_DESCRIPTOR_LEN = 16;

export const SGL_TYPE_DATA_BLOCK = 0x0;
export const SGL_TYPE_BIT_BUCKET = 0x1;
export const SGL_TYPE_SEGMENT = 0x2;
export const SGL_TYPE_LAST_SEGMENT = 0x3;
export const SGL_TYPE_KEYED_DATA_BLOCK = 0x4;
export const SGL_TYPE_TRANSPORT_DATA_BLOCK = 0x5;

export const SGL_SUBTYPE_ADDRESS = 0x0;
export const SGL_SUBTYPE_OFFSET = 0x1;
export const SGL_SUBTYPE_TRANSPORT = 0xa;

/** Identifier byte of an in-capsule data descriptor. */
export const SGL_ID_IN_CAPSULE = (SGL_TYPE_DATA_BLOCK << 4) | SGL_SUBTYPE_OFFSET;
/** Identifier byte of a transport data block descriptor (data via R2T/H2CData or C2HData). */
export const SGL_ID_TRANSPORT = (SGL_TYPE_TRANSPORT_DATA_BLOCK << 4) | SGL_SUBTYPE_TRANSPORT;

export interface SglDescriptor {
  address: bigint;
  length: number;
  /** Bytes 12..14 as a little-endian u24 (zero for the descriptors above). */
  reserved: number;
  type: number;
  subtype: number;
}

export interface SglParsed {
  ok: true;
  value: SglDescriptor;
}

/** Descriptor for `length` bytes of in-capsule data starting at capsule offset `offset`. */
export function sglInCapsule(length: number, offset = 0n): SglDescriptor {
  return { address: offset, length, reserved: 0, type: SGL_TYPE_DATA_BLOCK, subtype: SGL_SUBTYPE_OFFSET };
}

/** Descriptor for `length` bytes moved by data PDUs. */
export function sglTransport(length: number): SglDescriptor {
  return {
    address: 0n,
    length,
    reserved: 0,
    type: SGL_TYPE_TRANSPORT_DATA_BLOCK,
    subtype: SGL_SUBTYPE_TRANSPORT,
  };
}

export function sglId(s: SglDescriptor): number {
  return ((s.type & 0xf) << 4) | (s.subtype & 0xf);
}

export function sglDescribe(s: SglDescriptor): string {
  const id = sglId(s);
  if (id === SGL_ID_IN_CAPSULE) return 'Data Block / Offset (in-capsule)';
  if (id === SGL_ID_TRANSPORT) return 'Transport Data Block / Transport';
  return `type ${s.type} subtype ${s.subtype}`;
}

export function parseSgl(bytes: Uint8Array, offset = 0): SglParsed | ParseError {
  if (!isOffset(bytes, offset) || bytes.length - offset < SGL_DESCRIPTOR_LEN) {
    return fail(`sgl: truncated, need ${SGL_DESCRIPTOR_LEN} bytes, have ${bytes.length - offset}`);
  }
  const id = bytes[offset + 15]!;
  return {
    ok: true,
    value: {
      address: getU64LE(bytes, offset),
      length: getU32LE(bytes, offset + 8),
      reserved: getU24LE(bytes, offset + 12),
      type: id >>> 4,
      subtype: id & 0xf,
    },
  };
}

export function emitSglInto(buf: Uint8Array, offset: number, s: SglDescriptor): number {
  putU64LE(buf, offset, s.address);
  putU32LE(buf, offset + 8, s.length);
  putU24LE(buf, offset + 12, s.reserved);
  buf[offset + 15] = sglId(s);
  return offset + SGL_DESCRIPTOR_LEN;
}
