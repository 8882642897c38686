/**
 * The PDU header handlers of lib/nvmf/tcp.c (v24.09): common header checks
 * (nvmf_tcp_pdu_ch_handle), the header length still to read (nvme_tcp_pdu_calc_psh_len), the
 * full-header dispatch with its digest check (nvmf_tcp_pdu_psh_handle), and the handlers of
 * ICReq, CapsuleCmd, H2CData and H2CTermReq headers. Errors become C2HTermReqs exactly where
 * and how v24.09 sends them, with its FES and FEI.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { charge } from '../../engine/cpu';
import { crc32c } from '../../wire/crc32c';
import { pduTypeName } from '../../wire/nvme-tcp/constants';
import { bump } from '../../ledger/ledger';
import { spdkSockSetRecvbuf } from '../sock/posix';
import { noteDataIovs, setDataBuf } from './buffers';
import {
  C_CALC_PSH_LEN,
  C_CAPSULE_HDR,
  C_CH_HANDLE,
  C_H2C_HDR,
  C_H2C_TERM_REQ,
  C_HDGST_BAD,
  C_HDGST_OK,
  C_ICREQ_HANDLE,
  C_PSH_HANDLE,
  C_SET_DATA_BUF,
} from './codes';
import {
  CAPSULE_CMD_LEN,
  CH_LEN,
  CPDA_MAX,
  DIGEST_LEN,
  FEI_H2C_CCCID,
  FEI_H2C_TTAG,
  FEI_HLEN,
  FEI_IC_HPDA,
  FEI_IC_PFV,
  FEI_PDO,
  FEI_PDU_TYPE,
  FEI_PLEN,
  FEI_PSH_UNEXPECTED_TYPE,
  FEI_TERM_FES,
  FES_DATA_TRANSFER_OUT_OF_RANGE,
  FES_HDGST_ERROR,
  FES_INVALID_DATA_UNSUPPORTED_PARAMETER,
  FES_INVALID_HEADER_FIELD,
  FES_PDU_SEQUENCE_ERROR,
  H2C_DATA_HDR_LEN,
  HPDA_MAX,
  IC_REQ_LEN,
  MIN_SOCK_PIPE_SIZE,
  OFF_HAS_HDGST,
  OFF_PSH_LEN,
  PDU_TYPE_C2H_DATA,
  PDU_TYPE_CAPSULE_CMD,
  PDU_TYPE_H2C_DATA,
  PDU_TYPE_H2C_TERM_REQ,
  PDU_TYPE_IC_REQ,
  QS_INVALID,
  QS_RUNNING,
  RECV_BUF_SIZE_FACTOR,
  TERM_REQ_HDR_LEN,
  TERM_REQ_PDU_MAX_SIZE,
  TS_AWAITING_R2T_ACK,
  TS_AWAITING_ZCOPY_RELEASE,
  TS_TRANSFERRING_C2H,
  TS_TRANSFERRING_H2C,
  typeHasHdgst,
} from './constants';
import { RE } from './machine-defs';
import { cmdCid, setRecvState } from './qpair';
import { nvmfTcpReqGet, nvmfTcpReqProcess } from './req';
import { sendC2hTermReq, sendIcResp } from './send';
import { type PduState, SPACE_PDU } from './state';

export function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
export function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/**
 * nvme_tcp_pdu_calc_psh_len, in the C's 8-bit arithmetic: header length, plus the header digest,
 * plus for CapsuleCmd/H2CData with data the padding up to PDO, minus the 8 CH bytes. A PDO
 * below the header end wraps the "padding" around and makes psh_len PDO - 8 (mod 256): v24.09
 * then reads that many bytes as header, past the 152-byte header buffer when PDO < 8.
 */
export function calcPshLen(pdu: PduState, hdgstEnable: boolean): number {
  const img = pdu.img;
  const type = img[0]!;
  const pdo = img[3]!;
  const plen = u32(img, 4);
  let psh = img[2]!;
  if (typeHasHdgst(type) && hdgstEnable) {
    img[OFF_HAS_HDGST] = 1;
    psh = (psh + DIGEST_LEN) & 0xff;
  }
  if (
    plen > psh &&
    (type === PDU_TYPE_CAPSULE_CMD || type === PDU_TYPE_H2C_DATA || type === PDU_TYPE_C2H_DATA)
  ) {
    const padding = (pdo - psh) & 0xff;
    if (padding > 0) psh = pdo;
  }
  psh = (psh - CH_LEN) & 0xff;
  img[OFF_PSH_LEN] = psh;
  return psh;
}

/** nvmf_tcp_pdu_ch_handle: is this PDU allowed now, and are hlen, pdo and plen right for its type? */
export function chHandle(sim: Sim): void {
  const n = sim.w.nvmf;
  const pdu = n.pdu!;
  const img = pdu.img;
  const type = img[0]!;
  const hlen = img[2]!;
  const pdo = img[3]!;
  const plen = u32(img, 4);
  const name = pduTypeName(type);
  n.stats.pdus[name] = (n.stats.pdus[name] ?? 0) + 1;
  bump(sim, `nvmf.pdus.${name}`);
  if (pdu.chReads > 1) {
    n.stats.chSplit++;
    bump(sim, 'nvmf.ch_split_pdus');
  }
  charge(sim, sim.w.scenario.cpu.costs.pduHandleNs);
  record(sim, C_CH_HANDLE, pdu.id, type, plen);
  let expected = 0;
  let plenError = false;
  let pdoError = false;
  const pdoMisaligned = n.cpda !== 0 && pdo % ((n.cpda + 1) << 2) !== 0;
  if (type === PDU_TYPE_IC_REQ) {
    if (n.qpair.state !== QS_INVALID) {
      sendC2hTermReq(sim, img, FES_PDU_SEQUENCE_ERROR, 0);
      return;
    }
    expected = IC_REQ_LEN;
    plenError = plen !== IC_REQ_LEN;
  } else {
    if (n.qpair.state !== QS_RUNNING) {
      sendC2hTermReq(sim, img, FES_PDU_SEQUENCE_ERROR, 0);
      return;
    }
    switch (type) {
      case PDU_TYPE_CAPSULE_CMD:
        expected = CAPSULE_CMD_LEN;
        if (pdoMisaligned) pdoError = true;
        else plenError = plen < CAPSULE_CMD_LEN;
        break;
      case PDU_TYPE_H2C_DATA:
        expected = H2C_DATA_HDR_LEN;
        if (pdoMisaligned) pdoError = true;
        else plenError = plen < H2C_DATA_HDR_LEN;
        break;
      case PDU_TYPE_H2C_TERM_REQ:
        expected = TERM_REQ_HDR_LEN;
        plenError = plen <= TERM_REQ_HDR_LEN || plen > TERM_REQ_PDU_MAX_SIZE;
        break;
      default:
        sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_PDU_TYPE);
        return;
    }
  }
  if (hlen !== expected) sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_HLEN);
  else if (pdoError) sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_PDO);
  else if (plenError) sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_PLEN);
  else {
    setRecvState(sim, RE.CH_VALID);
    const psh = calcPshLen(pdu, n.hostHdgst);
    record(sim, C_CALC_PSH_LEN, pdu.id, psh, img[OFF_HAS_HDGST]!);
  }
}

/** nvmf_tcp_pdu_psh_handle: the header digest, then the handler of the PDU's type. */
export function pshHandle(sim: Sim): void {
  const n = sim.w.nvmf;
  const pdu = n.pdu!;
  const img = pdu.img;
  const type = img[0]!;
  const hlen = img[2]!;
  record(sim, C_PSH_HANDLE, pdu.id, type, hlen);
  if (img[OFF_HAS_HDGST] !== 0) {
    charge(sim, (hlen * sim.w.scenario.cpu.costs.crcPsPerByte) / 1000);
    const computed = crc32c(img, 0, hlen);
    const received = u32(img, hlen);
    if (computed !== received) {
      record(sim, C_HDGST_BAD, pdu.id, received, computed);
      n.stats.hdgstErrors++;
      bump(sim, 'nvmf.hdgst_errors');
      sendC2hTermReq(sim, img, FES_HDGST_ERROR, 0);
      return;
    }
    record(sim, C_HDGST_OK, pdu.id, received, computed);
  }
  switch (type) {
    case PDU_TYPE_IC_REQ:
      icreqHandle(sim, pdu);
      break;
    case PDU_TYPE_CAPSULE_CMD:
      setRecvState(sim, RE.CAPSULE_CMD_HEADER);
      break;
    case PDU_TYPE_H2C_DATA:
      h2cDataHdrHandle(sim, pdu);
      break;
    case PDU_TYPE_H2C_TERM_REQ:
      h2cTermReqHdrHandle(sim, pdu);
      break;
    default:
      sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_PSH_UNEXPECTED_TYPE);
  }
}

/**
 * nvmf_tcp_icreq_handle: PFV must be 0 and HPDA at most 31. The host's digest choices are
 * taken as they are, CPDA becomes the host's HPDA, and the socket's receive pipe is sized for
 * eight capsules (less 32 bytes per digest not used, at least MIN_SOCK_PIPE_SIZE).
 */
function icreqHandle(sim: Sim, pdu: PduState): void {
  const n = sim.w.nvmf;
  const img = pdu.img;
  const pfv = u16(img, 8);
  const hpda = img[10]!;
  const dgst = img[11]!;
  record(sim, C_ICREQ_HANDLE, pdu.id, hpda, dgst & 3);
  if (pfv !== 0) {
    sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_IC_PFV);
    return;
  }
  if (hpda > HPDA_MAX) {
    sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_IC_HPDA);
    return;
  }
  n.maxr2t = u32(img, 12);
  n.hostHdgst = (dgst & 1) !== 0;
  if (!n.hostHdgst) n.recvBufSize -= DIGEST_LEN * RECV_BUF_SIZE_FACTOR;
  n.hostDdgst = (dgst & 2) !== 0;
  if (!n.hostDdgst) n.recvBufSize -= DIGEST_LEN * RECV_BUF_SIZE_FACTOR;
  n.recvBufSize = Math.max(n.recvBufSize, MIN_SOCK_PIPE_SIZE);
  // A failure here is only a warning in v24.09.
  spdkSockSetRecvbuf(sim, n.recvBufSize);
  n.cpda = Math.min(hpda, CPDA_MAX);
  sendIcResp(sim);
  setRecvState(sim, RE.ICREQ_ACCEPTED);
}

/**
 * nvmf_tcp_capsule_cmd_hdr_handle (state AWAIT_REQ): a free request takes the command. With
 * none free, v24.09 waits only while responses are still being written (they free requests);
 * otherwise the host sent more commands than the queue depth and the connection quiesces.
 */
export function capsuleCmdHdrHandle(sim: Sim): void {
  const n = sim.w.nvmf;
  const pdu = n.pdu!;
  const req = nvmfTcpReqGet(sim);
  record(sim, C_CAPSULE_HDR, pdu.id, req?.idx ?? -1, n.queueDepth);
  if (req === null) {
    if (n.stateCntr[TS_TRANSFERRING_C2H]! > 0 || n.stateCntr[TS_AWAITING_ZCOPY_RELEASE]! > 0) return;
    setRecvState(sim, RE.NO_FREE_REQUEST);
    return;
  }
  pdu.reqIdx = req.idx;
  nvmfTcpReqProcess(sim, req);
}

/**
 * nvmf_tcp_h2c_data_hdr_handle: the transfer tag names the request (ttag - 1), which must be
 * waiting for data, for this command id, at exactly this offset, with room for datal bytes.
 * The range check adds datao + datal in 32 bits, as the C does.
 */
function h2cDataHdrHandle(sim: Sim, pdu: PduState): void {
  const n = sim.w.nvmf;
  const img = pdu.img;
  const cccid = u16(img, 8);
  const ttag = u16(img, 10);
  const datao = u32(img, 12);
  const datal = u32(img, 16);
  record(sim, C_H2C_HDR, pdu.id, datao, datal);
  if (ttag > n.reqs.length) {
    sendC2hTermReq(sim, img, FES_PDU_SEQUENCE_ERROR, FEI_H2C_TTAG);
    return;
  }
  // Simplification: ttag 0 makes v24.09 read reqs[-1], memory before the array; we take its
  // state as "not waiting for data", which is what that memory almost surely holds.
  const req = ttag === 0 ? null : n.reqs[ttag - 1]!;
  if (req === null || (req.state !== TS_TRANSFERRING_H2C && req.state !== TS_AWAITING_R2T_ACK)) {
    sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_H2C_TTAG);
    return;
  }
  if (cmdCid(req) !== cccid) {
    sendC2hTermReq(sim, img, FES_PDU_SEQUENCE_ERROR, FEI_H2C_CCCID);
    return;
  }
  if (req.h2cOffset !== datao || (datao + datal) >>> 0 > req.length) {
    sendC2hTermReq(sim, img, FES_DATA_TRANSFER_OUT_OF_RANGE, 0);
    return;
  }
  pdu.reqIdx = req.idx;
  if (req.difEnabled) pdu.dif = true;
  setDataBuf(pdu, req.iov, datao, datal, pdu.dif ? req.dif : null);
  noteDataIovs(sim, pdu.dataIov.length);
  record(sim, C_SET_DATA_BUF, pdu.id, pdu.dataIov.length, pdu.dataLen);
  setRecvState(sim, RE.H2C_DATA_HEADER_VALID);
}

/** nvmf_tcp_h2c_term_req_hdr_handle: a known FES, then its data (the host's copy of our header) is read. */
function h2cTermReqHdrHandle(sim: Sim, pdu: PduState): void {
  const img = pdu.img;
  const fes = u16(img, 8);
  const plen = u32(img, 4);
  record(sim, C_H2C_TERM_REQ, pdu.id, fes, plen);
  if (fes > FES_INVALID_DATA_UNSUPPORTED_PARAMETER) {
    sendC2hTermReq(sim, img, FES_INVALID_HEADER_FIELD, FEI_TERM_FES);
    return;
  }
  const hlen = img[2]!;
  pdu.dataIov = [{ space: SPACE_PDU, idx: 0, off: hlen, len: plen - hlen }];
  pdu.dataLen = plen - hlen;
  setRecvState(sim, RE.H2C_TERM_REQ_HEADER);
}
