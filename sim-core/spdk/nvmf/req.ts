/**
 * The tcp_req lifecycle: nvmf_tcp_req_process (lib/nvmf/tcp.c, v24.09) loops through the
 * request's states while they change, like the C's do/while; a state that waits for something
 * outside (buffers, the R2T write, data, the backend, the response write) ends the loop, and
 * whatever brings that event calls it again.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { charge } from '../../engine/cpu';
import { bump } from '../../ledger/ledger';
import { noteDataIovs, setDataBuf } from './buffers';
import { C_REQ_GET, C_REQ_PUT, C_SET_DATA_BUF } from './codes';
import {
  CAPSULE_CMD_LEN,
  DIGEST_LEN,
  FUSE_FIRST,
  FUSE_NONE,
  FUSE_SECOND,
  NVME_OPC_COMPARE,
  NVME_OPC_FABRIC,
  NVME_OPC_READ,
  NVME_OPC_WRITE,
  SC_ABORTED_MISSING_FUSED,
  SC_INVALID_OPCODE,
  SC_SUCCESS,
  SCT_GENERIC,
  SGL_TYPE_BIT_BUCKET,
  SGL_TYPE_DATA_BLOCK,
  SGL_TYPE_KEYED_DATA_BLOCK,
  SGL_TYPE_LAST_SEGMENT,
  SGL_TYPE_SEGMENT,
  SGL_TYPE_TRANSPORT_DATA_BLOCK,
  TS_COMPLETED,
  TS_EXECUTED,
  TS_FREE,
  TS_HAVE_BUFFER,
  TS_NEED_BUFFER,
  TS_NEW,
  TS_READY_TO_COMPLETE,
  TS_READY_TO_EXECUTE,
  XFER_BIDIRECTIONAL,
  XFER_CONTROLLER_TO_HOST,
  XFER_HOST_TO_CONTROLLER,
  XFER_NONE,
} from './constants';
import { nvmfRequestExec } from './ctrlr';
import { difCtxInit } from './dif';
import { ctrlMsgPut, requestFreeBuffers, requestGetBuffersAbort } from './iobuf';
import { checkWriteIntegrity } from './integrity';
import { RE, TE } from './machine-defs';
import {
  cmdCid,
  cmdFctype,
  cmdFuse,
  cmdOpcode,
  qpairIsActive,
  setCpl,
  setRecvState,
  setReqState,
  statusCode,
  statusSc,
} from './qpair';
import { sendC2hData, sendCapsuleResp, sendR2t } from './send';
import { parseSgl } from './sgl';
import { NVMF_QPAIR_ENABLED, SPACE_CTRL, type TcpReq } from './state';

/** nvmf_tcp_req_get: the first free request, reset, in NEW. */
export function nvmfTcpReqGet(sim: Sim): TcpReq | null {
  const n = sim.w.nvmf;
  const idx = n.freeQueue.shift();
  if (idx === undefined) return null;
  const req = n.reqs[idx]!;
  req.rsp = { cdw0: 0, cdw1: 0, sqhd: 0, sqid: 0, cid: 0, status: 0 };
  req.h2cOffset = 0;
  req.hasInCapsuleData = false;
  req.difEnabled = false;
  req.executed = false;
  n.queueDepth++;
  setReqState(sim, req, TE.CAPSULE_CMD_RECEIVED);
  return req;
}

/** nvmf_tcp_req_put. */
function reqPut(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  n.freeQueue.push(req.idx);
  n.queueDepth--;
  setReqState(sim, req, TE.RELEASED);
  record(sim, C_REQ_PUT, req.idx, n.queueDepth, 0);
}

/** nvmf_tcp_request_free: the response is out (or the qpair is going): COMPLETED, then processed. */
export function nvmfTcpRequestFree(sim: Sim, req: TcpReq, event: number = TE.RESPONSE_SENT): void {
  setReqState(sim, req, event);
  nvmfTcpReqProcess(sim, req);
}

/** nvmf_tcp_req_get_buffers_done: the iobuf callback gave the request its last buffer. */
export function nvmfTcpReqGetBuffersDone(sim: Sim, req: TcpReq): void {
  setReqState(sim, req, TE.BUFFERS_ACQUIRED);
  nvmfTcpReqProcess(sim, req);
}

/** spdk_nvmf_req_get_xfer: direction from the opcode (fabrics: fctype), NONE for a zero-length SGL. */
function reqGetXfer(req: TcpReq): number {
  const opc = cmdOpcode(req);
  const xfer = (opc === NVME_OPC_FABRIC ? cmdFctype(req) : opc) & 3;
  if (xfer === XFER_NONE) return xfer;
  const type = req.cmd[39]! >>> 4;
  const c = req.cmd;
  switch (type) {
    case SGL_TYPE_DATA_BLOCK:
    case SGL_TYPE_BIT_BUCKET:
    case SGL_TYPE_SEGMENT:
    case SGL_TYPE_LAST_SEGMENT:
    case SGL_TYPE_TRANSPORT_DATA_BLOCK:
      if ((c[32]! | c[33]! | c[34]! | c[35]!) === 0) return XFER_NONE;
      break;
    case SGL_TYPE_KEYED_DATA_BLOCK:
      if ((c[32]! | c[33]! | c[34]!) === 0) return XFER_NONE;
      break;
  }
  return xfer;
}

/** nvmf_tcp_check_fused_ordering: pair FIRST with the SECOND that follows, fail the rest. */
function checkFusedOrdering(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const first = n.fusedFirst >= 0 ? n.reqs[n.fusedFirst]! : null;
  const last = first !== null ? cmdFuse(first) : FUSE_NONE;
  const next = cmdFuse(req);
  if (last === FUSE_NONE && next === FUSE_NONE) return;
  if (first !== null && last === FUSE_FIRST) {
    if (next === FUSE_SECOND) {
      first.fusedPair = req.idx;
      req.fusedPair = first.idx;
      n.fusedFirst = -1;
      return;
    }
    first.fusedFailed = true;
    if (first.state === TS_READY_TO_EXECUTE) nvmfTcpReqProcess(sim, first);
    n.fusedFirst = -1;
  }
  if (next === FUSE_FIRST) n.fusedFirst = req.idx;
  else if (next === FUSE_SECOND) req.fusedFailed = true;
}

/** spdk_nvmf_request_get_dif_ctx: DIF insert applies to reads, writes and compares on an I/O queue after Connect. */
function getDifCtx(sim: Sim, req: TcpReq): boolean {
  const n = sim.w.nvmf;
  if (!n.opts.difInsertOrStrip || n.nvmfQpairState !== NVMF_QPAIR_ENABLED) return false;
  const opc = cmdOpcode(req);
  if (opc === NVME_OPC_FABRIC || n.qid === 0) return false;
  if (opc !== NVME_OPC_READ && opc !== NVME_OPC_WRITE && opc !== NVME_OPC_COMPARE) return false;
  const c = req.cmd;
  difCtxInit(req.dif, (c[40]! | (c[41]! << 8) | (c[42]! << 16) | (c[43]! << 24)) >>> 0);
  return true;
}

/** request_transfer_out: advance the SQ head, then send read data or the completion. */
function requestTransferOut(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  n.sqHead = n.sqHead === n.sqHeadMax ? 0 : n.sqHead + 1;
  req.rsp.sqhd = n.sqHead;
  setReqState(sim, req, TE.RESPONSE_QUEUED);
  const code = statusCode(req.rsp.status);
  const st = n.stats;
  if (cmdOpcode(req) === NVME_OPC_FABRIC) {
    if (code === 0) st.fabricsCompleted++;
    else st.fabricsFailed.push({ cid: cmdCid(req), status: code });
  } else if (code === 0) {
    st.completed++;
    bump(sim, 'nvmf.completed');
    if (cmdOpcode(req) === NVME_OPC_WRITE) st.writesCompleted++;
  } else {
    st.failed.push({ cid: cmdCid(req), status: code });
    bump(sim, 'nvmf.failed');
  }
  if (statusSc(req.rsp.status) === SC_SUCCESS && req.xfer === XFER_CONTROLLER_TO_HOST)
    sendC2hData(sim, req, true);
  else sendCapsuleResp(sim, req);
}

/** READY_TO_EXECUTE: fused pairs wait for each other and run back to back. */
function readyToExecute(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  if (req.difEnabled) req.length = req.dif.elbaLength;
  const fuse = cmdFuse(req);
  const pair = req.fusedPair >= 0 ? n.reqs[req.fusedPair]! : null;
  if (fuse !== FUSE_NONE) {
    if (req.fusedFailed) {
      setCpl(req, SCT_GENERIC, SC_ABORTED_MISSING_FUSED);
      setReqState(sim, req, TE.FUSED_FAILED);
      return;
    }
    if (pair === null || pair.state !== TS_READY_TO_EXECUTE) return;
  }
  setReqState(sim, req, TE.EXECUTE);
  if (fuse === FUSE_SECOND && pair !== null) {
    setReqState(sim, pair, TE.EXECUTE);
    nvmfRequestExec(sim, pair);
    pair.fusedPair = -1;
    req.fusedPair = -1;
  }
  nvmfRequestExec(sim, req);
  if (fuse === FUSE_FIRST && req.fusedPair >= 0) {
    const p = n.reqs[req.fusedPair]!;
    setReqState(sim, p, TE.EXECUTE);
    nvmfRequestExec(sim, p);
    p.fusedPair = -1;
    req.fusedPair = -1;
  }
}

/** COMPLETED: check a finished write, give the buffers back, free the slot. */
function completed(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  // A send PDU still queued: the write completion frees the request later.
  if (req.pduInUse) return;
  checkWriteIntegrity(sim, req);
  if (req.dataFromPool) {
    requestFreeBuffers(sim, req);
  } else if (
    req.hasInCapsuleData &&
    (cmdOpcode(req) === NVME_OPC_FABRIC || n.qid === 0) &&
    req.length > n.opts.inCapsuleDataSize &&
    req.iov[0]?.space === SPACE_CTRL
  ) {
    ctrlMsgPut(sim, req.iov[0].idx, req.idx);
  }
  req.length = 0;
  req.iov = [];
  req.fusedFailed = false;
  if (req.fusedPair >= 0) {
    const pair = n.reqs[req.fusedPair]!;
    pair.fusedFailed = true;
    if (pair.state === TS_READY_TO_EXECUTE) nvmfTcpReqProcess(sim, pair);
    req.fusedPair = -1;
  }
  reqPut(sim, req);
}

/** One pass of the switch in nvmf_tcp_req_process. */
function step(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  switch (req.state) {
    case TS_NEW: {
      const pdu = n.pdu!;
      req.cmd.set(pdu.img.subarray(8, CAPSULE_CMD_LEN));
      req.pduId = pdu.id;
      if (getDifCtx(sim, req)) {
        req.difEnabled = true;
        pdu.dif = true;
      }
      record(sim, C_REQ_GET, req.idx, cmdCid(req), cmdOpcode(req));
      checkFusedOrdering(sim, req);
      req.xfer = reqGetXfer(req);
      if (req.xfer === XFER_BIDIRECTIONAL) {
        setCpl(req, SCT_GENERIC, SC_INVALID_OPCODE);
        setRecvState(sim, RE.REQ_NEEDS_NO_PAYLOAD);
        setReqState(sim, req, TE.BIDIRECTIONAL_COMMAND);
        break;
      }
      if (req.xfer === XFER_NONE) {
        setRecvState(sim, RE.REQ_NEEDS_NO_PAYLOAD);
        setReqState(sim, req, TE.NO_DATA);
        break;
      }
      const img = pdu.img;
      const plen = (img[4]! | (img[5]! << 8) | (img[6]! << 16) | (img[7]! << 24)) >>> 0;
      const hdrLen = img[2]! + (n.hostHdgst ? DIGEST_LEN : 0);
      if (plen !== hdrLen) req.hasInCapsuleData = true;
      else setRecvState(sim, RE.REQ_NEEDS_NO_PAYLOAD);
      setReqState(sim, req, TE.DATA_EXPECTED);
      break;
    }
    case TS_NEED_BUFFER:
      parseSgl(sim, req);
      break;
    case TS_HAVE_BUFFER:
      if (req.xfer === XFER_HOST_TO_CONTROLLER) {
        if (req.dataFromPool) {
          sendR2t(sim, req);
        } else {
          setReqState(sim, req, TE.IN_CAPSULE_DATA);
          const pdu = n.pdu!;
          setDataBuf(pdu, req.iov, 0, req.length, pdu.dif ? req.dif : null);
          noteDataIovs(sim, pdu.dataIov.length);
          record(sim, C_SET_DATA_BUF, pdu.id, pdu.dataIov.length, pdu.dataLen);
          setRecvState(sim, RE.IN_CAPSULE_BUFFER_READY);
        }
        break;
      }
      setReqState(sim, req, TE.NO_HOST_DATA);
      break;
    case TS_READY_TO_EXECUTE:
      readyToExecute(sim, req);
      break;
    case TS_EXECUTED:
      if (req.difEnabled) req.length = req.dif.origLength;
      setReqState(sim, req, TE.RESULT_READY);
      break;
    case TS_READY_TO_COMPLETE:
      requestTransferOut(sim, req);
      break;
    case TS_COMPLETED:
      completed(sim, req);
      break;
    default:
      // FREE, the zero-copy states, AWAITING_R2T_ACK, TRANSFERRING_*, EXECUTING: something
      // outside must move the request on.
      break;
  }
}

/** nvmf_tcp_req_process: returns whether the request's state changed. */
export function nvmfTcpReqProcess(sim: Sim, req: TcpReq): boolean {
  if (req.state === TS_FREE) return false;
  if (!qpairIsActive(sim)) {
    if (req.state === TS_NEED_BUFFER) requestGetBuffersAbort(sim, req);
    setReqState(sim, req, TE.QPAIR_INACTIVE);
  }
  let progress = false;
  for (;;) {
    const prev = req.state;
    charge(sim, sim.w.scenario.cpu.costs.pduHandleNs);
    step(sim, req);
    if (req.state === prev) break;
    progress = true;
  }
  return progress;
}
