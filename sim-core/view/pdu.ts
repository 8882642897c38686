/**
 * The PDU in progress as drawn (spdk/nvmf/state.ts, pdu_in_progress): the receive machine's
 * state, how much of the common header (8 bytes) and of the rest of the header (PSH, header
 * digest, padding) is in, and the payload progress (rw_offset against data_len).
 */
import type { World } from '../engine/world';
import {
  CH_FLAGS_DDGSTF,
  CH_LEN,
  DIGEST_LEN,
  OFF_CH_VALID_BYTES,
  OFF_DDGST_ENABLE,
  OFF_HAS_HDGST,
  OFF_PSH_LEN,
  OFF_PSH_VALID_BYTES,
  PDU_IMAGE_LEN,
  PDU_TYPE_CAPSULE_CMD,
  PDU_TYPE_H2C_DATA,
  RECV_STATE_NAMES,
} from '../spdk/nvmf/constants';
import { spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { getU16LE, getU32LE } from '../wire/bytes';
import { pduTypeName } from '../wire/nvme-tcp/constants';
import { ownerOfSeq } from './color';
import { currentPduCid } from './pipe-spans';
import type { PduView } from './types';

/** The command id a received header names, once its bytes are in; -1 otherwise. */
function headerCid(img: Uint8Array, have: number): number {
  if (img[0] === PDU_TYPE_CAPSULE_CMD && have >= 12) return getU16LE(img, 10);
  if (img[0] === PDU_TYPE_H2C_DATA && have >= 10) return getU16LE(img, 8);
  return -1;
}

/**
 * cid of the host PDU this one is read from: the owner of the last stream byte SPDK consumed
 * (copied_seq less what the pipe still holds) once any byte of the PDU is in, else of the next
 * one. Inside an event the counts may lag a read by a row; the byte then still lies in the same
 * PDU (a read never ends a PDU before its counts are updated). When the host no longer knows
 * those bytes, the cid is read from the header itself as far as it is in (pipe-spans.ts).
 */
function streamCid(w: World, consumedOfPdu: number): number {
  if (w.tcp === null) return -1;
  const pipe = w.sock.recvPipe;
  const held = pipe === null ? 0 : spdkPipeReaderBytesAvailable(pipe);
  const next = (w.tcp.copiedSeq - held) >>> 0;
  const o = ownerOfSeq(w, consumedOfPdu > 0 ? (next - 1) >>> 0 : next);
  // The host forgot it (acknowledged long ago): read it from the PDU's own header bytes.
  return o === null ? currentPduCid(w) : o.cid;
}

export function pduView(w: World): PduView {
  const n = w.nvmf;
  const recvStateIndex = n.recv.state;
  const recvState = RECV_STATE_NAMES[recvStateIndex] ?? `state ${recvStateIndex}`;
  const p = n.pdu;
  if (p === null) {
    return {
      recvState,
      recvStateIndex,
      type: '',
      chValid: 0,
      pshLen: 0,
      pshValid: 0,
      padding: 0,
      dataLen: 0,
      rwOffset: 0,
      hasHdgst: false,
      hasDdgst: false,
      header: [],
      cid: -1,
      id: 0,
      hlen: 0,
      pdo: 0,
      plen: 0,
      reqIdx: -1,
      streamCid: -1,
    };
  }
  const img = p.img;
  const chValid = img[OFF_CH_VALID_BYTES]!;
  const chIn = chValid >= CH_LEN;
  const pshValid = chIn ? img[OFF_PSH_VALID_BYTES]! : 0;
  const have = Math.min(PDU_IMAGE_LEN, chIn ? CH_LEN + pshValid : chValid);
  const hasHdgst = img[OFF_HAS_HDGST] !== 0;
  const hlen = chIn ? img[2]! : 0;
  const pdo = chIn ? img[3]! : 0;
  const headerEnd = hlen + (hasHdgst ? DIGEST_LEN : 0);
  const req = p.reqIdx >= 0 ? n.reqs[p.reqIdx] : undefined;
  const fromHeader = headerCid(img, have);
  return {
    recvState,
    recvStateIndex,
    type: chIn ? pduTypeName(img[0]!) : '',
    chValid,
    pshLen: chIn ? img[OFF_PSH_LEN]! : 0,
    pshValid,
    // Bytes between the header (and its digest) and the data offset PDO.
    padding: pdo > headerEnd ? pdo - headerEnd : 0,
    dataLen: p.dataLen,
    rwOffset: p.rwOffset,
    hasHdgst,
    hasDdgst: img[OFF_DDGST_ENABLE] !== 0 || (chIn && (img[1]! & CH_FLAGS_DDGSTF) !== 0 && n.hostDdgst),
    header: Array.from(img.subarray(0, have)),
    cid: fromHeader >= 0 ? fromHeader : req !== undefined ? req.rsp.cid : -1,
    id: p.id,
    hlen,
    pdo,
    plen: chIn ? getU32LE(img, 4) : 0,
    reqIdx: p.reqIdx,
    streamCid: streamCid(w, have + p.rwOffset),
  };
}
