/**
 * nvmf_tcp_sock_process (lib/nvmf/tcp.c, v24.09), one turn of its do/while loop at a time: the
 * handler of the current receive state runs; the loop goes on while the state changes and
 * stops when a read comes back short ("in progress"), something is awaited, or the connection
 * is dead. Reads go through spdk_sock_recv / spdk_sock_readv (nvme_tcp_read_data /
 * nvme_tcp_readv_data): EAGAIN counts as 0 bytes, end of stream or an error as fatal.
 */
import type { Sim } from '../../engine/sim';
import { newId, record } from '../../engine/sim';
import { charge } from '../../engine/cpu';
import { EAGAIN } from '../../engine/hooks';
import { spdkSockReadv, spdkSockRecv } from '../sock/posix';
import { bufferOf, buildPayloadIovs, liveIovs, noteOverrun } from './buffers';
import {
  C_BUILD_PAYLOAD_IOVS,
  C_DIF_GENERATE,
  C_MD_INTERLEAVE,
  C_READ_DATA,
  C_READV_DATA,
  C_SOCK_PROCESS,
} from './codes';
import {
  CH_LEN,
  DIGEST_LEN,
  NVME_TCP_CONNECTION_FATAL,
  NVME_TCP_PDU_FATAL,
  NVME_TCP_PDU_IN_PROGRESS,
  OFF_CH_VALID_BYTES,
  OFF_DDGST_ENABLE,
  OFF_PSH_LEN,
  OFF_PSH_VALID_BYTES,
  PDU_TYPE_H2C_TERM_REQ,
  QS_INITIALIZING,
  RS_AWAIT_PDU_BUF,
  RS_AWAIT_PDU_CH,
  RS_AWAIT_PDU_PAYLOAD,
  RS_AWAIT_PDU_PSH,
  RS_AWAIT_PDU_READY,
  RS_AWAIT_REQ,
  RS_ERROR,
  RS_QUIESCING,
} from './constants';
import { difGenerateStream } from './dif';
import { capsuleCmdHdrHandle, chHandle, pshHandle } from './handlers';
import { RE } from './machine-defs';
import { payloadHandle } from './payload';
import { setRecvState } from './qpair';
import { type BufRef, newPdu, type PduState } from './state';

/**
 * What a read returned, folded like nvme_tcp_read_data: bytes, 0 for EAGAIN, -1 otherwise.
 * Simplification: spdk_sock_is_connected is "no read has seen the end or an error yet".
 */
function foldRead(sim: Sim, ret: number): number {
  if (ret > 0) return ret;
  if (ret === EAGAIN) return 0;
  sim.w.nvmf.sockConnected = false;
  return NVME_TCP_CONNECTION_FATAL;
}

/** nvme_tcp_read_data into the PDU's header image. */
function readHeader(sim: Sim, pdu: PduState, off: number, len: number): number {
  const rc = foldRead(sim, spdkSockRecv(sim, pdu.img, off, len, 'pdu-header', pdu.id));
  sim.w.nvmf.loopRc = rc;
  record(sim, C_READ_DATA, pdu.id, len, rc);
  return rc;
}

/** nvme_tcp_readv_data: no iovec reads nothing; one goes through spdk_sock_recv. */
function readvData(sim: Sim, pdu: PduState, refs: readonly BufRef[]): number {
  let asked = 0;
  for (const r of refs) asked += r.len;
  let rc = 0;
  if (refs.length > 0) {
    const live = liveIovs(sim, refs, pdu);
    const v = live[0];
    const ret =
      live.length === 1 && v !== undefined
        ? spdkSockRecv(sim, v.buf, v.off, v.len, v.kind, v.owner)
        : spdkSockReadv(sim, live);
    noteOverrun(sim, live, ret, pdu);
    rc = foldRead(sim, ret);
  }
  sim.w.nvmf.loopRc = rc;
  record(sim, refs.length === 1 ? C_READ_DATA : C_READV_DATA, pdu.id, asked, rc);
  return rc;
}

/** AWAIT_PDU_CH: read what is missing of the 8-byte common header. */
function awaitCh(sim: Sim): number | null {
  const n = sim.w.nvmf;
  // The ICResp is still being written: v24.09 waits before reading the next header.
  if (n.qpair.state === QS_INITIALIZING) return n.loopRc;
  const pdu = n.pdu!;
  const img = pdu.img;
  const have = img[OFF_CH_VALID_BYTES]!;
  const rc = readHeader(sim, pdu, have, CH_LEN - have);
  if (rc < 0) {
    setRecvState(sim, RE.SOCKET_ERROR);
    return null;
  }
  if (rc > 0) {
    img[OFF_CH_VALID_BYTES] = (img[OFF_CH_VALID_BYTES]! + rc) & 0xff;
    pdu.chReads++;
  }
  if (img[OFF_CH_VALID_BYTES]! < CH_LEN) return NVME_TCP_PDU_IN_PROGRESS;
  chHandle(sim);
  return null;
}

/**
 * AWAIT_PDU_PSH: read the rest of the header. psh_valid_bytes and psh_len live in the image
 * right after hdr.raw, so an over-long PSH (see calcPshLen) overwrites them as in v24.09.
 */
function awaitPsh(sim: Sim): number | null {
  const pdu = sim.w.nvmf.pdu!;
  const img = pdu.img;
  const valid = img[OFF_PSH_VALID_BYTES]!;
  const rc = readHeader(sim, pdu, CH_LEN + valid, img[OFF_PSH_LEN]! - valid);
  if (rc < 0) {
    setRecvState(sim, RE.SOCKET_ERROR);
    return null;
  }
  if (rc > 0) img[OFF_PSH_VALID_BYTES] = (img[OFF_PSH_VALID_BYTES]! + rc) & 0xff;
  if (img[OFF_PSH_VALID_BYTES]! < img[OFF_PSH_LEN]!) return NVME_TCP_PDU_IN_PROGRESS;
  pshHandle(sim);
  return null;
}

/** AWAIT_PDU_PAYLOAD: read data (and digest) straight into the request's buffers. */
function awaitPayload(sim: Sim): number | null {
  const n = sim.w.nvmf;
  const pdu = n.pdu!;
  const img = pdu.img;
  // A zero-length payload is waited for forever (v24.09).
  if (pdu.dataLen === 0) return NVME_TCP_PDU_IN_PROGRESS;
  let dataLen = pdu.dataLen;
  if (img[0] !== PDU_TYPE_H2C_TERM_REQ && n.hostDdgst) {
    dataLen = (dataLen + DIGEST_LEN) >>> 0;
    img[OFF_DDGST_ENABLE] = 1;
  }
  const dif = pdu.dif ? n.reqs[pdu.reqIdx]!.dif : null;
  const iovs = buildPayloadIovs(pdu, img[OFF_DDGST_ENABLE] !== 0, dif);
  if (dif !== null) record(sim, C_MD_INTERLEAVE, pdu.id, iovs.mdRc, iovs.mapped);
  record(sim, C_BUILD_PAYLOAD_IOVS, pdu.id, iovs.refs.length, iovs.mapped);
  const rc = readvData(sim, pdu, iovs.refs);
  if (rc < 0) {
    setRecvState(sim, RE.SOCKET_ERROR);
    return null;
  }
  pdu.rwOffset = (pdu.rwOffset + rc) >>> 0;
  if (pdu.rwOffset < dataLen) {
    // The read got all it asked for (at most 17 iovecs' worth), so more may be waiting.
    n.readAgain = rc > 0 && rc === iovs.mapped;
    return NVME_TCP_PDU_IN_PROGRESS;
  }
  if (dif !== null) {
    // v24.09 passes the length with the digest included, which never fits the buffers.
    const r = difGenerateStream(pdu.dataIov, 0, dataLen, dif, (ref) => bufferOf(sim, ref, pdu));
    record(sim, C_DIF_GENERATE, pdu.id, dataLen, r);
    if (r !== 0) {
      setRecvState(sim, RE.DIF_GENERATE_FAILED);
      return null;
    }
  }
  payloadHandle(sim, pdu);
  return null;
}

/** AWAIT_PDU_READY: take a free PDU (or reuse the current one) and zero it. */
function awaitReady(sim: Sim): number | null {
  const n = sim.w.nvmf;
  if (n.pdu === null) {
    if (n.pdusFree === 0) return NVME_TCP_PDU_IN_PROGRESS;
    n.pdusFree--;
    n.pduWorkingCount++;
    n.pdu = newPdu(newId(sim));
  } else {
    const p = n.pdu;
    p.id = newId(sim);
    p.img.fill(0);
    p.dataIov = [];
    p.dataLen = 0;
    p.rwOffset = 0;
    p.reqIdx = -1;
    p.dif = false;
    p.chReads = 0;
  }
  setRecvState(sim, RE.PDU_READY);
  return awaitCh(sim);
}

/** One turn of the loop: the number the C function would return, or null to go round again. */
export function sockProcessIteration(sim: Sim): number | null {
  const n = sim.w.nvmf;
  const state = n.recv.state;
  record(sim, C_SOCK_PROCESS, 0, state, n.pdu?.id ?? 0);
  charge(sim, sim.w.scenario.cpu.costs.pduHandleNs);
  switch (state) {
    case RS_AWAIT_PDU_READY:
      return awaitReady(sim);
    case RS_AWAIT_PDU_CH:
      return awaitCh(sim);
    case RS_AWAIT_PDU_PSH:
      return awaitPsh(sim);
    case RS_AWAIT_REQ:
      capsuleCmdHdrHandle(sim);
      return null;
    case RS_AWAIT_PDU_BUF:
      return null;
    case RS_AWAIT_PDU_PAYLOAD:
      return awaitPayload(sim);
    case RS_QUIESCING:
      if (n.pduWorkingCount !== 0) return NVME_TCP_PDU_IN_PROGRESS;
      setRecvState(sim, RE.ALL_PDUS_RELEASED);
      return null;
    case RS_ERROR:
      if (n.sockConnected && n.waitTerminate) return NVME_TCP_PDU_IN_PROGRESS;
      return NVME_TCP_PDU_FATAL;
    default:
      throw new Error(`nvmf: receive state ${state} is invalid`);
  }
}
