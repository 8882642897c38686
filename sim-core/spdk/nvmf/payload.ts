/**
 * After the payload is in (lib/nvmf/tcp.c, v24.09): nvmf_tcp_pdu_payload_handle checks the
 * data digest, in line or through the accel framework (I/O queues, no DIF, length a multiple
 * of 4: the answer comes at the next accel poll while the receive side already reads the next
 * PDU), then _nvmf_tcp_pdu_payload_handle lets the request move on. A digest mismatch marks
 * the request with a transient transport error (SCT 0, SC 0x22): it will complete without
 * running, and the connection stays.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { charge } from '../../engine/cpu';
import { CRC32C_INIT, crc32cFinal } from '../../wire/crc32c';
import { bump } from '../../ledger/ledger';
import { crcRefs } from './buffers';
import {
  C_ACCEL_DONE,
  C_ACCEL_SUBMIT,
  C_CAPSULE_PAYLOAD,
  C_DDGST_BAD,
  C_DDGST_OK,
  C_H2C_PAYLOAD,
  C_PAYLOAD_HANDLE,
} from './codes';
import {
  FEI_PDO,
  FES_INVALID_HEADER_FIELD,
  OFF_DATA_DIGEST,
  OFF_DDGST_ENABLE,
  PDU_PDO_MAX_OFFSET,
  PDU_TYPE_CAPSULE_CMD,
  PDU_TYPE_H2C_DATA,
  PDU_TYPE_H2C_TERM_REQ,
  SC_COMMAND_TRANSIENT_TRANSPORT_ERROR,
  SCT_GENERIC,
  TS_TRANSFERRING_H2C,
} from './constants';
import { difSetMdInterleaveIovs } from './dif';
import { u32 } from './handlers';
import { RE, TE } from './machine-defs';
import { setCpl, setRecvState, setReqState, statusSc } from './qpair';
import { nvmfTcpReqProcess } from './req';
import { sendC2hTermReq } from './send';
import { type BufRef, type PduState, SPACE_OVERRUN } from './state';

/** nvme_tcp_pdu_calc_data_digest: CRC32C of the data (DIF: data bytes only), zero-padded to 4 bytes. */
function calcDataDigest(sim: Sim, pdu: PduState): number {
  let refs: readonly BufRef[] = pdu.dataIov;
  if (pdu.dif) {
    const ctx = sim.w.nvmf.reqs[pdu.reqIdx]!.dif;
    const r = difSetMdInterleaveIovs(1 << 30, pdu.dataIov, 0, pdu.dataLen, ctx);
    refs = r.rc < 0 ? [] : r.iovs;
  }
  let st = crcRefs(sim, CRC32C_INIT, refs, pdu);
  const mod = pdu.dataLen % 4;
  if (mod !== 0) st = crcRefs(sim, st, [{ space: SPACE_OVERRUN, idx: 0, off: 0, len: 4 - mod }], pdu);
  return crc32cFinal(st);
}

/** nvmf_tcp_pdu_payload_handle. */
export function payloadHandle(sim: Sim, pdu: PduState): void {
  const n = sim.w.nvmf;
  record(sim, C_PAYLOAD_HANDLE, pdu.id, pdu.img[0]!, pdu.dataLen);
  n.pdu = null;
  setRecvState(sim, RE.PAYLOAD_RECEIVED);
  if (pdu.img[OFF_DDGST_ENABLE] === 0) {
    pduPayloadHandle(sim, pdu);
    return;
  }
  charge(sim, (pdu.dataLen * sim.w.scenario.cpu.costs.crcPsPerByte) / 1000);
  const match = calcDataDigest(sim, pdu) === u32(pdu.img, OFF_DATA_DIGEST);
  if (n.qid !== 0 && !pdu.dif && pdu.dataLen % 4 === 0) {
    // spdk_accel_submit_crc32cv: the software module computes now, calls back at its next poll.
    n.accelPending.push({ pdu, crcMatch: match });
    record(sim, C_ACCEL_SUBMIT, pdu.id, pdu.dataLen, pdu.reqIdx);
    sim.hooks.wakeReactor(sim);
    return;
  }
  dataCrc32CalcDone(sim, pdu, match);
}

/** data_crc32_calc_done. */
function dataCrc32CalcDone(sim: Sim, pdu: PduState, match: boolean): void {
  const n = sim.w.nvmf;
  const received = u32(pdu.img, OFF_DATA_DIGEST);
  if (!match) {
    record(sim, C_DDGST_BAD, pdu.id, received, calcDataDigest(sim, pdu));
    n.stats.ddgstErrors++;
    bump(sim, 'nvmf.ddgst_errors');
    const req = n.reqs[pdu.reqIdx];
    if (req !== undefined) setCpl(req, SCT_GENERIC, SC_COMMAND_TRANSIENT_TRANSPORT_ERROR);
  } else {
    record(sim, C_DDGST_OK, pdu.id, received, received);
  }
  pduPayloadHandle(sim, pdu);
}

/** The accel framework's poller: digest callbacks submitted earlier run now. */
export function nvmfAccelPoll(sim: Sim): boolean {
  const n = sim.w.nvmf;
  if (n.accelPending.length === 0) return false;
  const tasks = n.accelPending;
  n.accelPending = [];
  for (const t of tasks) {
    record(sim, C_ACCEL_DONE, t.pdu.id, t.crcMatch ? 1 : 0, t.pdu.reqIdx);
    dataCrc32CalcDone(sim, t.pdu, t.crcMatch);
  }
  return true;
}

/** _nvmf_tcp_pdu_payload_handle: by PDU type; then the PDU goes back to the free list. */
function pduPayloadHandle(sim: Sim, pdu: PduState): void {
  const n = sim.w.nvmf;
  switch (pdu.img[0]) {
    case PDU_TYPE_CAPSULE_CMD:
      capsuleCmdPayloadHandle(sim, pdu);
      break;
    case PDU_TYPE_H2C_DATA:
      h2cDataPayloadHandle(sim, pdu);
      break;
    case PDU_TYPE_H2C_TERM_REQ:
      // nvmf_tcp_h2c_term_req_payload_handle: the host ended the connection.
      setRecvState(sim, RE.H2C_TERM_REQ_RECEIVED);
      break;
    default:
      break;
  }
  n.pdusFree++;
  n.pduWorkingCount--;
}

/** nvmf_tcp_capsule_cmd_payload_handle: PDO above 128 is refused only now, after the data. */
function capsuleCmdPayloadHandle(sim: Sim, pdu: PduState): void {
  const req = sim.w.nvmf.reqs[pdu.reqIdx]!;
  const pdo = pdu.img[3]!;
  record(sim, C_CAPSULE_PAYLOAD, req.idx, pdo, statusSc(req.rsp.status));
  if (pdo > PDU_PDO_MAX_OFFSET) {
    sendC2hTermReq(sim, pdu.img, FES_INVALID_HEADER_FIELD, FEI_PDO);
    return;
  }
  if (statusSc(req.rsp.status) === SC_COMMAND_TRANSIENT_TRANSPORT_ERROR)
    setReqState(sim, req, TE.DATA_DIGEST_ERROR);
  else setReqState(sim, req, TE.ALL_DATA_RECEIVED);
  nvmfTcpReqProcess(sim, req);
}

/** nvmf_tcp_h2c_data_payload_handle: count the data in; when all of it is, the write can run. */
function h2cDataPayloadHandle(sim: Sim, pdu: PduState): void {
  const req = sim.w.nvmf.reqs[pdu.reqIdx]!;
  req.h2cOffset = (req.h2cOffset + pdu.dataLen) >>> 0;
  record(sim, C_H2C_PAYLOAD, req.idx, req.h2cOffset, req.length);
  // The R2T's own write completion may still be pending (AWAITING_R2T_ACK): it then finishes this.
  if (req.h2cOffset === req.length && req.state === TS_TRANSFERRING_H2C) {
    if (statusSc(req.rsp.status) === SC_COMMAND_TRANSIENT_TRANSPORT_ERROR)
      setReqState(sim, req, TE.DATA_DIGEST_ERROR);
    else setReqState(sim, req, TE.ALL_DATA_RECEIVED);
    nvmfTcpReqProcess(sim, req);
  }
}
