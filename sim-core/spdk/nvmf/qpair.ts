/**
 * State changes of the qpair, its receive machine and its requests (nvmf_tcp_qpair_set_state,
 * nvmf_tcp_qpair_set_recv_state, nvmf_tcp_req_set_state), every one through the compiled
 * XState table and setState; plus the completion-status helpers.
 */
import type { Sim } from '../../engine/sim';
import { record, setState } from '../../engine/sim';
import { NVMF_QPAIR_OBJ } from './codes';
import {
  MACHINE_QPAIR,
  MACHINE_RECV,
  MACHINE_REQ,
  RECV_STATE_NAMES,
  RS_AWAIT_PDU_CH,
  RS_ERROR,
  RS_QUIESCING,
} from './constants';
import { nextState, QPAIR_TABLE, RECV_TABLE, REQ_TABLE } from './machine-defs';
import type { TcpReq } from './state';

/** nvmf_tcp_qpair_set_recv_state, driven by a receive-machine event (RE.*). */
export function setRecvState(sim: Sim, event: number): void {
  const n = sim.w.nvmf;
  const from = n.recv.state;
  const to = nextState(RECV_TABLE, from, event);
  // v24.09 logs "same state" and returns.
  if (to === from) return;
  if (to === RS_QUIESCING && from === RS_AWAIT_PDU_CH && n.pdu !== null) {
    // The PDU that was waiting for its header goes back to the free list (the pointer stays).
    n.pdusFree++;
    n.pduWorkingCount--;
  }
  if (to === RS_ERROR && n.pduWorkingCount !== 0) {
    throw new Error(`nvmf: ERROR with ${n.pduWorkingCount} PDUs in use (${RECV_STATE_NAMES[from]})`);
  }
  setState(sim, MACHINE_RECV, NVMF_QPAIR_OBJ, n.recv, to);
}

/** nvmf_tcp_req_set_state, driven by a tcp_req-machine event (TE.*); keeps state_cntr. */
export function setReqState(sim: Sim, req: TcpReq, event: number): void {
  const n = sim.w.nvmf;
  const from = req.state;
  const to = nextState(REQ_TABLE, from, event);
  n.stateCntr[from]!--;
  n.stateCntr[to]!++;
  setState(sim, MACHINE_REQ, req.idx, req, to);
}

/** nvmf_tcp_qpair_set_state, driven by a qpair-machine event (QE.*). */
export function setQpairState(sim: Sim, event: number): void {
  const n = sim.w.nvmf;
  setState(sim, MACHINE_QPAIR, NVMF_QPAIR_OBJ, n.qpair, nextState(QPAIR_TABLE, n.qpair.state, event));
}

/** Status field of a completion: bit 0 phase, bits 1-8 SC, bits 9-11 SCT, bit 15 DNR. */
export function statusSc(status: number): number {
  return (status >>> 1) & 0xff;
}
export function statusSct(status: number): number {
  return (status >>> 9) & 7;
}
/** SCT << 8 | SC: how the summary reports a status (0x22 = transient transport error). */
export function statusCode(status: number): number {
  return (statusSct(status) << 8) | statusSc(status);
}

/** nvmf_tcp_req_set_cpl: set SCT and SC (other status bits kept) and the command id. */
export function setCpl(req: TcpReq, sct: number, sc: number): void {
  req.rsp.status = (req.rsp.status & ~(0x7ff << 1)) | ((sc & 0xff) << 1) | ((sct & 7) << 9);
  req.rsp.cid = cmdCid(req);
}

export function cmdOpcode(req: TcpReq): number {
  return req.cmd[0]!;
}
export function cmdFuse(req: TcpReq): number {
  return req.cmd[1]! & 3;
}
export function cmdCid(req: TcpReq): number {
  return req.cmd[2]! | (req.cmd[3]! << 8);
}
/** Fabrics commands keep their type in the byte where other commands start the NSID. */
export function cmdFctype(req: TcpReq): number {
  return req.cmd[4]!;
}

/** spdk_nvmf_qpair_is_active: CONNECTING, AUTHENTICATING or ENABLED. */
export function qpairIsActive(sim: Sim): boolean {
  const s = sim.w.nvmf.nvmfQpairState;
  return s === 1 || s === 2 || s === 3;
}

/** Record with the qpair as object. */
export function recordQ(sim: Sim, code: number, a: number, b: number): void {
  record(sim, code, NVMF_QPAIR_OBJ, a, b);
}
