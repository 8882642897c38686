/**
 * What the target sends (lib/nvmf/tcp.c): ICResp and C2HTermReq on the management PDU, written
 * and flushed at once; R2T, CapsuleResp and C2HData on the request's own PDU, queued with
 * spdk_sock_writev_async and written by the next group poll's flush, whose completion
 * callback moves the request on (nvmfFlushWrites).
 *
 * The management PDU is never zeroed between uses, so a C2HTermReq carries whatever the ICResp
 * left in the bytes it does not set (FEI for FES other than 0x01/0x06, flags, pdo): the model
 * keeps that byte image to send the same bytes.
 *
 * Simplification: socket writes never fail or block; the data digest of C2HData is computed
 * in line (v24.09 may hand it to the accel framework).
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { crc32c, crc32cFinal, CRC32C_INIT } from '../../wire/crc32c';
import { putU16LE, putU32LE } from '../../wire/bytes';
import { pduTypeName } from '../../wire/nvme-tcp/constants';
import { bump } from '../../ledger/ledger';
import { bufferOf, crcRefs, setDataBuf } from './buffers';
import {
  C_ICRESP_SENT,
  C_R2T_COMPLETE,
  C_SEND_C2H_DATA,
  C_SEND_CAPSULE_RESP,
  C_SEND_R2T,
  C_SEND_TERM_REQ,
  C_WRITE_DONE,
} from './codes';
import {
  C2H_DATA_FLAGS_LAST_PDU,
  C2H_DATA_FLAGS_SUCCESS,
  C2H_DATA_HDR_LEN,
  C2H_SUCCESS,
  CAPSULE_RESP_LEN,
  CH_FLAGS_DDGSTF,
  CH_FLAGS_HDGSTF,
  DIGEST_LEN,
  FES_INVALID_DATA_UNSUPPORTED_PARAMETER,
  FES_INVALID_HEADER_FIELD,
  IC_RESP_LEN,
  PDU_TYPE_C2H_DATA,
  PDU_TYPE_C2H_TERM_REQ,
  PDU_TYPE_CAPSULE_RESP,
  PDU_TYPE_IC_RESP,
  PDU_TYPE_R2T,
  R2T_HDR_LEN,
  TERM_REQ_ERROR_DATA_MAX_SIZE,
  TERM_REQ_HDR_LEN,
  TS_COMPLETED,
  typeHasHdgst,
} from './constants';
import { QE, RE, TE } from './machine-defs';
import { cmdCid, recordQ, setQpairState, setRecvState, setReqState, statusCode } from './qpair';
import { nvmfTcpReqProcess, nvmfTcpRequestFree } from './req';
import { newPdu, SPACE_OVERRUN, type TcpReq } from './state';

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** nvmf_tcp_icreq_handle's response: ICResp on the management PDU, flushed at once. */
export function sendIcResp(sim: Sim): void {
  const n = sim.w.nvmf;
  const m = n.mgmtImg;
  m[0] = PDU_TYPE_IC_RESP;
  m[2] = IC_RESP_LEN;
  putU32LE(m, 4, IC_RESP_LEN);
  putU16LE(m, 8, 0);
  m[10] = n.cpda;
  // Only the two digest bits are set; the reserved bits keep what was there.
  m[11] = (m[11]! & ~3) | (n.hostHdgst ? 1 : 0) | (n.hostDdgst ? 2 : 0);
  putU32LE(m, 12, n.opts.maxIoSize);
  n.maxh2cdata = n.opts.maxIoSize;
  setQpairState(sim, QE.ICREQ_RECEIVED);
  bump(sim, 'nvmf.sent.ICResp');
  sim.hooks.targetSend(sim, m.slice(0, IC_RESP_LEN));
  // The flush wrote it all: _mgmt_pdu_write_done -> nvmf_tcp_send_icresp_complete.
  setQpairState(sim, QE.ICRESP_SENT);
  recordQ(sim, C_ICRESP_SENT, n.opts.maxIoSize, m[11]! & 3);
}

/**
 * nvmf_tcp_send_c2h_term_req: FES, FEI (only for FES 0x01 and 0x06), and up to 128 bytes of the
 * offending PDU's header (`hdr`, whose hlen byte decides how many). Then the receive side quiesces.
 */
export function sendC2hTermReq(sim: Sim, hdr: Uint8Array, fes: number, errorOffset: number): void {
  const n = sim.w.nvmf;
  const m = n.mgmtImg;
  m[0] = PDU_TYPE_C2H_TERM_REQ;
  m[2] = TERM_REQ_HDR_LEN;
  putU16LE(m, 8, fes);
  if (fes === FES_INVALID_HEADER_FIELD || fes === FES_INVALID_DATA_UNSUPPORTED_PARAMETER) {
    putU32LE(m, 10, errorOffset);
  }
  const copyLen = Math.min(hdr[2]!, TERM_REQ_ERROR_DATA_MAX_SIZE);
  m.set(hdr.subarray(0, copyLen), TERM_REQ_HDR_LEN);
  putU32LE(m, 4, TERM_REQ_HDR_LEN + copyLen);
  n.waitTerminate = true;
  const fei = u32(m, 10);
  n.stats.termReqs.push({ fes, fei, pduType: hdr[0]! });
  bump(sim, 'nvmf.sent.C2HTermReq');
  record(sim, C_SEND_TERM_REQ, 0, fes, fei);
  setRecvState(sim, RE.TERM_REQ_SENT);
  // Written and flushed at once; the completion only arms the 30 s exit timer (not modelled).
  sim.hooks.targetSend(sim, m.slice(0, TERM_REQ_HDR_LEN + copyLen));
}

/** nvmf_tcp_req_pdu_init: the request's send PDU starts from zero. */
function reqPduInit(req: TcpReq): Uint8Array {
  req.rspImg.fill(0);
  req.rspRwOffset = 0;
  return req.rspImg;
}

/**
 * nvmf_tcp_qpair_write_req_pdu: header digest, then queue the bytes (header, digest, padding,
 * `data`, data digest) for the next flush.
 */
function queueReqPdu(
  sim: Sim,
  req: TcpReq,
  hlen: number,
  padding: number,
  data: Uint8Array | null,
  ddgst: number | null,
): void {
  const n = sim.w.nvmf;
  const img = req.rspImg;
  const type = img[0]!;
  let hdrLen = hlen;
  if (typeHasHdgst(type) && n.hostHdgst) {
    putU32LE(img, hlen, crc32c(img, 0, hlen));
    hdrLen += DIGEST_LEN;
  }
  const total = hdrLen + padding + (data?.length ?? 0) + (ddgst !== null ? DIGEST_LEN : 0);
  const bytes = new Uint8Array(total);
  bytes.set(img.subarray(0, hdrLen + padding), 0);
  if (data !== null) bytes.set(data, hdrLen + padding);
  if (ddgst !== null) putU32LE(bytes, total - DIGEST_LEN, ddgst);
  req.pduInUse = true;
  n.pendingWrites.push({ reqIdx: req.idx, pduType: type, bytes });
  sim.hooks.wakeReactor(sim);
}

/** nvmf_tcp_send_r2t_pdu: one R2T for the whole request (r2to = what is already in, r2tl = length). */
export function sendR2t(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const img = reqPduInit(req);
  img[0] = PDU_TYPE_R2T;
  img[2] = R2T_HDR_LEN;
  let plen = R2T_HDR_LEN;
  if (n.hostHdgst) {
    img[1]! |= CH_FLAGS_HDGSTF;
    plen += DIGEST_LEN;
  }
  putU32LE(img, 4, plen);
  putU16LE(img, 8, cmdCid(req));
  putU16LE(img, 10, req.ttag);
  putU32LE(img, 12, req.h2cOffset);
  putU32LE(img, 16, req.length);
  setReqState(sim, req, TE.R2T_QUEUED);
  record(sim, C_SEND_R2T, req.idx, req.h2cOffset, req.length);
  queueReqPdu(sim, req, R2T_HDR_LEN, 0, null, null);
}

/** nvmf_tcp_send_capsule_resp_pdu: the 16-byte completion in a CapsuleResp. */
export function sendCapsuleResp(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const img = reqPduInit(req);
  img[0] = PDU_TYPE_CAPSULE_RESP;
  img[2] = CAPSULE_RESP_LEN;
  let plen = CAPSULE_RESP_LEN;
  if (n.hostHdgst) {
    img[1]! |= CH_FLAGS_HDGSTF;
    plen += DIGEST_LEN;
  }
  putU32LE(img, 4, plen);
  const r = req.rsp;
  putU32LE(img, 8, r.cdw0);
  putU32LE(img, 12, r.cdw1);
  putU16LE(img, 16, r.sqhd);
  putU16LE(img, 18, r.sqid);
  putU16LE(img, 20, r.cid);
  putU16LE(img, 22, r.status);
  record(sim, C_SEND_CAPSULE_RESP, req.idx, r.cid, statusCode(r.status));
  queueReqPdu(sim, req, CAPSULE_RESP_LEN, 0, null, null);
}

/**
 * _nvmf_tcp_send_c2h_data: the read data in one C2HData PDU (LAST_PDU, and SUCCESS when the
 * completion has nothing to say, so no CapsuleResp follows).
 * Simplification: reads with DIF strip are sent without checking or removing the PI.
 */
export function sendC2hData(sim: Sim, req: TcpReq, init: boolean): void {
  const n = sim.w.nvmf;
  const img = init ? reqPduInit(req) : req.rspImg;
  img[0] = PDU_TYPE_C2H_DATA;
  img[2] = C2H_DATA_HDR_LEN;
  let plen = C2H_DATA_HDR_LEN;
  if (n.hostHdgst) {
    plen += DIGEST_LEN;
    img[1]! |= CH_FLAGS_HDGSTF;
  }
  const datao = req.rspRwOffset;
  const datal = (req.length - datao) >>> 0;
  putU16LE(img, 8, cmdCid(req));
  putU32LE(img, 12, datao);
  putU32LE(img, 16, datal);
  let pdo = plen;
  let padding = 0;
  if (n.cpda !== 0) {
    const align = (n.cpda + 1) << 2;
    if (plen % align !== 0) {
      pdo = Math.floor((plen + align) / align) * align;
      padding = pdo - plen;
      plen = pdo;
    }
  }
  img[3] = pdo;
  plen += datal;
  if (n.hostDdgst) {
    img[1]! |= CH_FLAGS_DDGSTF;
    plen += DIGEST_LEN;
  }
  putU32LE(img, 4, plen);
  const pdu = newPdu(0);
  setDataBuf(pdu, req.iov, datao, datal, null);
  img[1]! |= C2H_DATA_FLAGS_LAST_PDU;
  if (C2H_SUCCESS && req.rsp.cdw0 === 0 && req.rsp.cdw1 === 0) img[1]! |= C2H_DATA_FLAGS_SUCCESS;
  const data = new Uint8Array(datal);
  let o = 0;
  for (const r of pdu.dataIov) {
    const b = bufferOf(sim, r, pdu);
    const k = Math.max(0, Math.min(r.len, b.length - r.off));
    data.set(b.subarray(r.off, r.off + k), o);
    o += r.len;
  }
  let ddgst: number | null = null;
  if (n.hostDdgst && datal > 0) {
    let st = crcRefs(sim, CRC32C_INIT, pdu.dataIov, pdu);
    // Zero padding to a multiple of 4 (nvme_tcp_pdu_calc_data_digest); past-the-end pieces read as zeros.
    if (datal % 4 !== 0)
      st = crcRefs(sim, st, [{ space: SPACE_OVERRUN, idx: 0, off: 0, len: 4 - (datal % 4) }], pdu);
    ddgst = crc32cFinal(st);
  }
  req.rspRwOffset += datal;
  record(sim, C_SEND_C2H_DATA, req.idx, datao, datal);
  queueReqPdu(sim, req, C2H_DATA_HDR_LEN, padding, data, ddgst);
}

/** nvmf_tcp_r2t_complete: the R2T is written; if all data already came, the write can run. */
function r2tComplete(sim: Sim, req: TcpReq): void {
  record(sim, C_R2T_COMPLETE, req.idx, req.h2cOffset, req.length);
  setReqState(sim, req, TE.R2T_SENT);
  if (req.h2cOffset === req.length) {
    setReqState(sim, req, TE.ALL_DATA_RECEIVED);
    nvmfTcpReqProcess(sim, req);
  }
}

/** nvmf_tcp_pdu_c2h_data_complete. */
function c2hDataComplete(sim: Sim, req: TcpReq): void {
  if (req.rspRwOffset < req.length) {
    sendC2hData(sim, req, false);
    return;
  }
  if (req.rspImg[1]! & C2H_DATA_FLAGS_SUCCESS) nvmfTcpRequestFree(sim, req);
  else sendCapsuleResp(sim, req);
}

/** _req_pdu_write_done: the queued PDU left (err 0) or was aborted (err < 0). */
export function reqPduWriteDone(sim: Sim, req: TcpReq, pduType: number, err: number): void {
  req.pduInUse = false;
  record(sim, C_WRITE_DONE, req.idx, pduType, err);
  if (req.state === TS_COMPLETED) {
    nvmfTcpRequestFree(sim, req);
    return;
  }
  if (err !== 0) {
    setRecvState(sim, RE.PDU_WRITE_FAILED);
    return;
  }
  if (pduType === PDU_TYPE_R2T) r2tComplete(sim, req);
  else if (pduType === PDU_TYPE_C2H_DATA) c2hDataComplete(sim, req);
  else nvmfTcpRequestFree(sim, req);
}

/**
 * The flush part of the group poll (_sock_flush in posix_sock_group_impl_poll): every queued
 * request PDU goes to the wire in order, then its completion callback runs.
 */
export function nvmfFlushWrites(sim: Sim): boolean {
  const n = sim.w.nvmf;
  if (n.pendingWrites.length === 0) return false;
  const batch = n.pendingWrites;
  n.pendingWrites = [];
  for (const p of batch) {
    bump(sim, `nvmf.sent.${pduTypeName(p.pduType)}`);
    sim.hooks.targetSend(sim, p.bytes);
    reqPduWriteDone(sim, n.reqs[p.reqIdx]!, p.pduType, 0);
  }
  return true;
}

/** spdk_sock_close aborts what is still queued: each request's callback runs with an error. */
export function abortPendingWrites(sim: Sim): void {
  const n = sim.w.nvmf;
  const batch = n.pendingWrites;
  n.pendingWrites = [];
  for (const p of batch) reqPduWriteDone(sim, n.reqs[p.reqIdx]!, p.pduType, -125);
}
