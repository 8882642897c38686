/**
 * NVMe/TCP transport constants (NVMe/TCP Transport Specification 1.0).
 * All multi-byte NVMe/TCP fields are little-endian.
 */

export const PDU_IC_REQ = 0x00;
export const PDU_IC_RESP = 0x01;
export const PDU_H2C_TERM_REQ = 0x02;
export const PDU_C2H_TERM_REQ = 0x03;
export const PDU_CAPSULE_CMD = 0x04;
export const PDU_CAPSULE_RESP = 0x05;
export const PDU_H2C_DATA = 0x06;
export const PDU_C2H_DATA = 0x07;
export const PDU_R2T = 0x09;

export type PduType =
  | typeof PDU_IC_REQ
  | typeof PDU_IC_RESP
  | typeof PDU_H2C_TERM_REQ
  | typeof PDU_C2H_TERM_REQ
  | typeof PDU_CAPSULE_CMD
  | typeof PDU_CAPSULE_RESP
  | typeof PDU_H2C_DATA
  | typeof PDU_C2H_DATA
  | typeof PDU_R2T;

export interface PduTypeInfo {
  name: string;
  /** Fixed header length (common header + PDU specific header), without digest. */
  hlen: number;
  /** May carry a header digest once negotiated. */
  hdgst: boolean;
  /** May carry data, and then a data digest once negotiated, placed at PDO. */
  ddgst: boolean;
}

/** Indexed by PDU type; undefined for 0x08 and everything past 0x09. */
export const PDU_TYPES: readonly (PduTypeInfo | undefined)[] = [
  { name: 'ICReq', hlen: 128, hdgst: false, ddgst: false },
  { name: 'ICResp', hlen: 128, hdgst: false, ddgst: false },
  { name: 'H2CTermReq', hlen: 24, hdgst: false, ddgst: false },
  { name: 'C2HTermReq', hlen: 24, hdgst: false, ddgst: false },
  { name: 'CapsuleCmd', hlen: 72, hdgst: true, ddgst: true },
  { name: 'CapsuleResp', hlen: 24, hdgst: true, ddgst: false },
  { name: 'H2CData', hlen: 24, hdgst: true, ddgst: true },
  { name: 'C2HData', hlen: 24, hdgst: true, ddgst: true },
  undefined,
  { name: 'R2T', hlen: 24, hdgst: true, ddgst: false },
];

export function pduTypeInfo(type: number): PduTypeInfo | undefined {
  return PDU_TYPES[type];
}

export function pduTypeName(type: number): string {
  return PDU_TYPES[type]?.name ?? `unknown(0x${type.toString(16).padStart(2, '0')})`;
}

export const CH_LEN = 8;
export const DIGEST_LEN = 4;

/*
 * Common-header flag bits. The bit values are shared, but their meaning is
 * per PDU type: bits 0/1 (digest present) apply to the types that may carry
 * digests; LAST_PDU (bit 2) is defined for H2CData and C2HData; SUCCESS
 * (bit 3) only for C2HData (the controller skips the CapsuleResp). For
 * ICReq/ICResp/TermReq all flag bits are reserved.
 */
export const CH_FLAG_HDGSTF = 0x01;
export const CH_FLAG_DDGSTF = 0x02;
export const CH_FLAG_LAST_PDU = 0x04;
export const CH_FLAG_SUCCESS = 0x08;

/** ICReq/ICResp DGST field bits: which digests the sender wants enabled. */
export const IC_DGST_HDGST_ENABLE = 0x01;
export const IC_DGST_DDGST_ENABLE = 0x02;

/** PDU format version 1.0 is encoded as 0. */
export const NVME_TCP_PFV_1_0 = 0;
/** HPDA/CPDA are 0..31; alignment in bytes is (value + 1) * 4. */
export const NVME_TCP_PDA_MAX = 31;

/** TermReq fatal error status (FES) values. */
export const FES_INVALID_HEADER_FIELD = 0x01;
export const FES_PDU_SEQUENCE_ERROR = 0x02;
export const FES_HEADER_DIGEST_ERROR = 0x03;
export const FES_DATA_TRANSFER_OUT_OF_RANGE = 0x04;
/** 0x05 has two names (data transfer limit / R2T limit exceeded). */
export const FES_DATA_TRANSFER_LIMIT_EXCEEDED = 0x05;
export const FES_R2T_LIMIT_EXCEEDED = 0x05;
export const FES_UNSUPPORTED_PARAMETER = 0x06;

/**
 * A TermReq PDU is at most 152 bytes in total: its 24-byte header plus at
 * most 128 bytes of the offending PDU's header.
 */
export const TERM_REQ_MAX_PDU_LEN = 152;
export const TERM_REQ_MAX_DATA_LEN = 128;
