/**
 * The PDUs the host sends, built with wire/'s emitters (bytes only, no behaviour): ICReq,
 * the Fabrics Connect CapsuleCmd, write CapsuleCmds and H2CData. A built PDU is kept as
 * header (with header digest and padding), data, and data digest, so that write payload can
 * stay a pattern reference in the send queue.
 */
import {
  connectCommand,
  emitConnectData,
  emitPduHeadInto,
  pduData,
  DIGEST_LEN,
  IC_DGST_DDGST_ENABLE,
  IC_DGST_HDGST_ENABLE,
  NVME_OPC_WRITE,
  NVME_TCP_PFV_1_0,
  PDU_CAPSULE_CMD,
  PDU_H2C_DATA,
  PDU_IC_REQ,
  type Pdu,
  type PduEmitOptions,
  pduLayout,
  CH_FLAG_LAST_PDU,
  sglInCapsule,
  sglTransport,
  sqeFromConnect,
  sqeFromRw,
} from '../wire/nvme-tcp/index';
import { putU32LE } from '../wire/bytes';
import { crc32c } from '../wire/crc32c';
import { patternBlock } from './send-queue';
import type { Part } from './state';

export interface BuiltPdu {
  type: number;
  /** Common header + PDU-specific header, header digest and padding (bytes [0, dataOffset)). */
  head: Uint8Array;
  /** Data, or null. */
  data: Part | null;
  /** Data digest (4 bytes), or null. */
  tail: Uint8Array | null;
  hlen: number;
  hdgst: boolean;
  ddgst: boolean;
  plen: number;
}

export interface Negotiated {
  hdgst: boolean;
  ddgst: boolean;
  cpda: number;
}

/** Logical block size of the simulated namespace. */
export const LBA_BYTES = 512;
export const NSID = 1;
/** The I/O queue the host connects (the admin queue 0 is left out). */
export const IO_QID = 1;
/** SPDK's host gives the Connect command the first free request slot: command id 0. */
export const CONNECT_CID = 0;
/** The controller id of the admin queue's Connect, which SPDK's target hands out first. */
export const CNTLID = 1;
export const HOST_NQN = 'nqn.2014-08.org.nvmexpress:uuid:6f2c1e10-7a52-4c1b-9d3e-2b8f0c4d5a61';
export const SUB_NQN = 'nqn.2016-06.io.spdk:cnode1';
/** Host id of the Connect data: the UUID in the host NQN. */
const HOST_ID = Uint8Array.from([
  0x6f, 0x2c, 0x1e, 0x10, 0x7a, 0x52, 0x4c, 0x1b, 0x9d, 0x3e, 0x2b, 0x8f, 0x0c, 0x4d, 0x5a, 0x61,
]);

/**
 * Split a PDU into header / data / digest, with the data given as `data`: only the header is
 * emitted (emitPduHeadInto) and the digest computed, so the data (128 KiB for an H2CData) is
 * not copied into a whole-PDU image only to be thrown away. The bytes are emitPdu's.
 */
function split(p: Pdu, opts: PduEmitOptions, data: Part | null): BuiltPdu {
  const l = pduLayout(p, opts);
  const headLen = l.dataLength > 0 ? l.dataOffset : l.plen;
  const buf = new Uint8Array(Math.max(headLen, l.dataOffset));
  emitPduHeadInto(buf, 0, p, opts);
  const head = buf.length === headLen ? buf : buf.slice(0, headLen);
  let tail: Uint8Array | null = null;
  if (l.ddgst) {
    tail = new Uint8Array(DIGEST_LEN);
    putU32LE(tail, 0, crc32c(pduData(p)!));
  }
  return {
    type: p.type,
    head,
    data: l.dataLength > 0 ? data : null,
    tail,
    hlen: l.hlen,
    hdgst: l.hdgst,
    ddgst: l.ddgst,
    plen: l.plen,
  };
}

/** ICReq: PFV 0, HPDA, the digests asked for, MAXR2T 0 (0-based: one R2T outstanding per command). */
export function buildIcReq(hpda: number, wantHdgst: boolean, wantDdgst: boolean): BuiltPdu {
  const dgst = (wantHdgst ? IC_DGST_HDGST_ENABLE : 0) | (wantDdgst ? IC_DGST_DDGST_ENABLE : 0);
  return split(
    { type: PDU_IC_REQ, flags: 0, pfv: NVME_TCP_PFV_1_0, hpda, dgst, maxr2t: 0 },
    { hdgst: false, ddgst: false },
    null,
  );
}

/** Fabrics Connect for the I/O queue, its 1024 bytes of connect data in the capsule. */
export function buildConnect(n: Negotiated, sqsize: number): BuiltPdu {
  const data = emitConnectData({ hostid: HOST_ID, cntlid: CNTLID, subnqn: SUB_NQN, hostnqn: HOST_NQN });
  const sqe = sqeFromConnect(connectCommand({ cid: CONNECT_CID, qid: IO_QID, sqsize }));
  return split({ type: PDU_CAPSULE_CMD, flags: 0, sqe, data }, n, { bytes: data });
}

/**
 * An NVMe Write of `len` bytes at `slba`. With `inCapsule` the data follows the header
 * (SGL Data Block / Offset, address 0); otherwise the SGL is a Transport Data Block and the
 * data goes later in H2CData PDUs.
 */
export function buildWriteCmd(
  n: Negotiated,
  cid: number,
  len: number,
  slba: number,
  inCapsule: boolean,
): BuiltPdu {
  const sqe = sqeFromRw({
    opcode: NVME_OPC_WRITE,
    cid,
    nsid: NSID,
    slba: BigInt(slba),
    blocks: Math.max(1, Math.ceil(len / LBA_BYTES)),
    sgl1: inCapsule ? sglInCapsule(len) : sglTransport(len),
  });
  if (!inCapsule) return split({ type: PDU_CAPSULE_CMD, flags: 0, sqe }, n, null);
  const data = patternBlock(cid, len);
  return split({ type: PDU_CAPSULE_CMD, flags: 0, sqe, data }, n, { cid, off: 0, len, total: len });
}

/** One H2CData PDU: bytes [datao, datao + datal) of command `cid` (whose data is `total` bytes). */
export function buildH2CData(
  n: Negotiated,
  cid: number,
  ttag: number,
  datao: number,
  datal: number,
  total: number,
  last: boolean,
): BuiltPdu {
  const data = patternBlock(cid, total).subarray(datao, datao + datal);
  return split(
    { type: PDU_H2C_DATA, flags: last ? CH_FLAG_LAST_PDU : 0, cccid: cid, ttag, datao, datal, data },
    n,
    { cid, off: datao, len: datal, total },
  );
}

/** The PDU's parts in stream order. */
export function pduParts(b: BuiltPdu): Part[] {
  const parts: Part[] = [{ bytes: b.head }];
  if (b.data !== null) parts.push(b.data);
  if (b.tail !== null) parts.push({ bytes: b.tail });
  return parts;
}
