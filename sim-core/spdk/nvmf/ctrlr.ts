/**
 * The controller layer above the transport, reduced to a stub (Simplification: lib/nvmf/ctrlr.c,
 * subsystem.c and the bdev layer are not modelled). What it keeps from spdk_nvmf_request_exec
 * at v24.09:
 *  - before Connect (qpair CONNECTING) only a Fabrics Connect is accepted; anything else
 *    completes at once with Command Sequence Error (nvmf_check_qpair_active);
 *  - Connect completes at once with success and enables the queue with its qid and SQ size
 *    (the real one goes through the subsystem thread and checks the host and subsystem NQNs);
 *  - after Connect, other fabrics commands on the queue fail with Invalid Opcode, and every
 *    other command goes to the backend (hooks.backendSubmit) whatever its namespace or opcode,
 *    and always succeeds.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { C_CONNECT, C_REQ_COMPLETE, C_REQ_EXEC } from './codes';
import {
  FABRIC_COMMAND_CONNECT,
  NVME_OPC_FABRIC,
  SC_COMMAND_SEQUENCE_ERROR,
  SC_INVALID_OPCODE,
  SCT_GENERIC,
  TS_AWAITING_ZCOPY_COMMIT,
  TS_EXECUTING,
} from './constants';
import { TE } from './machine-defs';
import { cmdCid, cmdFctype, cmdOpcode, setCpl, setReqState, statusCode } from './qpair';
import { nvmfTcpReqProcess } from './req';
import { NVMF_QPAIR_CONNECTING, NVMF_QPAIR_ENABLED, type TcpReq } from './state';

/** Controller id the stub hands out in the Connect response. */
export const STUB_CNTLID = 1;

/** spdk_nvmf_request_exec. */
export function nvmfRequestExec(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const opc = cmdOpcode(req);
  record(sim, C_REQ_EXEC, req.idx, opc, cmdCid(req));
  if (n.nvmfQpairState !== NVMF_QPAIR_ENABLED) {
    if (
      n.nvmfQpairState === NVMF_QPAIR_CONNECTING &&
      opc === NVME_OPC_FABRIC &&
      cmdFctype(req) === FABRIC_COMMAND_CONNECT
    ) {
      connect(sim, req);
      return;
    }
    setCpl(req, SCT_GENERIC, SC_COMMAND_SEQUENCE_ERROR);
    nvmfRequestComplete(sim, req);
    return;
  }
  if (opc === NVME_OPC_FABRIC) {
    setCpl(req, SCT_GENERIC, SC_INVALID_OPCODE);
    nvmfRequestComplete(sim, req);
    return;
  }
  sim.hooks.backendSubmit(sim, req.idx);
}

/** nvmf_ctrlr_cmd_connect, stubbed: the queue is enabled with the qid and SQ size it asked for. */
function connect(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const qid = req.cmd[42]! | (req.cmd[43]! << 8);
  const sqsize = req.cmd[44]! | (req.cmd[45]! << 8);
  n.qid = qid;
  n.sqHeadMax = sqsize;
  n.nvmfQpairState = NVMF_QPAIR_ENABLED;
  req.rsp.cdw0 = STUB_CNTLID;
  record(sim, C_CONNECT, req.idx, qid, sqsize);
  nvmfRequestComplete(sim, req);
}

/** _nvmf_request_complete -> nvmf_tcp_req_complete. */
export function nvmfRequestComplete(sim: Sim, req: TcpReq): void {
  req.rsp.sqid = 0;
  req.rsp.status &= ~1;
  req.rsp.cid = cmdCid(req);
  record(sim, C_REQ_COMPLETE, req.idx, req.state, statusCode(req.rsp.status));
  if (req.state === TS_EXECUTING || req.state === TS_AWAITING_ZCOPY_COMMIT) {
    setReqState(sim, req, TE.BACKEND_DONE);
  }
  // Other states: v24.09 logs "Unexpected request state" and processes the request anyway.
  nvmfTcpReqProcess(sim, req);
}
