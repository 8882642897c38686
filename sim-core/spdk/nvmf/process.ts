/**
 * What the reactor calls (spdk/reactor.ts):
 *  - nvmfTcpSockProcessStep: one turn of nvmf_tcp_sock_process's loop (the socket callback
 *    nvmf_tcp_sock_cb runs the whole loop; the reactor calls this until it returns false);
 *  - nvmfProcessPending: the rest of a poll of the TCP poll group: the flush of queued PDUs
 *    (posix_sock_group_impl_poll flushes before it looks for data), the await_req list of
 *    nvmf_tcp_poll_group_poll, and the accel poller's digest callbacks;
 *  - nvmfBackendDone: the bdev completion of a request (nvmf_tcp_req_complete).
 *
 * Simplification: after a C2HTermReq v24.09 arms a 30 s timer (nvmf_tcp_qpair_handle_timeout)
 * that drops the connection if the host does not; the model does not schedule it.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { C_CLOSE_QPAIR, C_DISCONNECT, C_SOCK_PROCESS_END } from './codes';
import {
  QS_EXITED,
  QS_EXITING,
  QS_RUNNING,
  RS_AWAIT_REQ,
  TS_AWAITING_R2T_ACK,
  TS_EXECUTING,
  TS_NEED_BUFFER,
  TS_NEW,
  TS_TRANSFERRING_C2H,
  TS_TRANSFERRING_H2C,
} from './constants';
import { nvmfRequestComplete } from './ctrlr';
import { requestGetBuffersAbort } from './iobuf';
import { QE, TE } from './machine-defs';
import { nvmfAccelPoll } from './payload';
import { recordQ, setQpairState } from './qpair';
import { sockProcessIteration } from './recv';
import { nvmfTcpRequestFree } from './req';
import { abortPendingWrites, nvmfFlushWrites } from './send';
import { NVMF_QPAIR_DEACTIVATING } from './state';

/**
 * One turn of nvmf_tcp_sock_process. Returns true when the reactor should call again: the loop
 * goes on (the receive state changed), or the call ended after a payload read that got all it
 * asked for, so bytes may still be waiting (v24.09 is then called back by the next poll, the
 * socket or the pipe still reporting data; the model calls again at once, a new call).
 * Returns false when the call ended with nothing more to read now; as tcp_sock_cb does, a
 * negative result drops the connection.
 */
export function nvmfTcpSockProcessStep(sim: Sim): boolean {
  const n = sim.w.nvmf;
  // After the qpair is destroyed its socket has no callback any more.
  if (n.qpair.state === QS_EXITED) return false;
  if (!n.loopActive) {
    n.loopActive = true;
    n.loopRc = 0;
  }
  n.readAgain = false;
  const prev = n.recv.state;
  const ret = sockProcessIteration(sim);
  if (ret === null && n.recv.state !== prev) return true;
  const rc = ret ?? n.loopRc;
  n.loopActive = false;
  record(sim, C_SOCK_PROCESS_END, 0, rc, n.recv.state);
  if (rc < 0) nvmfTcpQpairDisconnect(sim);
  return n.readAgain && rc >= 0;
}

/** The whole nvmf_tcp_sock_process loop, as the await_req list runs it. */
function sockProcessAll(sim: Sim): void {
  while (nvmfTcpSockProcessStep(sim)) {
    // each turn records its own rows
  }
}

/** nvmf_tcp_poll_group_poll's second half: a qpair waiting for a free request tries again. */
export function nvmfAwaitReqPoll(sim: Sim): boolean {
  const n = sim.w.nvmf;
  if (n.recv.state !== RS_AWAIT_REQ || n.loopActive || n.qpair.state === QS_EXITED) return false;
  sockProcessAll(sim);
  return n.recv.state !== RS_AWAIT_REQ;
}

/** Everything a poll of the group does besides socket callbacks. Returns whether anything moved. */
/**
 * What nvmf_tcp_poll_group_poll does after spdk_sock_group_poll has run the socket callbacks:
 * the qpairs waiting for a free request, digest (accel) completions, closing a finished qpair.
 * (Queued PDU writes are flushed before, inside spdk_sock_group_poll: nvmfFlushWrites.)
 */
export function nvmfAfterSockPoll(sim: Sim): boolean {
  let progress = nvmfAwaitReqPoll(sim);
  progress = nvmfAccelPoll(sim) || progress;
  progress = maybeCloseQpair(sim) || progress;
  if (progress) sim.hooks.wakeReactor(sim);
  return progress;
}

/** Everything the poll group does besides the socket callbacks, in one call (used by tests). */
export function nvmfProcessPending(sim: Sim): boolean {
  let progress = nvmfFlushWrites(sim);
  progress = nvmfAwaitReqPoll(sim) || progress;
  progress = nvmfAccelPoll(sim) || progress;
  progress = maybeCloseQpair(sim) || progress;
  if (progress) sim.hooks.wakeReactor(sim);
  return progress;
}

/** The backend finished request `reqIdx` (always with success: the bdev is a stub). */
export function nvmfBackendDone(sim: Sim, reqIdx: number): void {
  const req = sim.w.nvmf.reqs[reqIdx];
  if (req === undefined || req.state !== TS_EXECUTING) {
    throw new Error(`nvmf: backend completion for request ${reqIdx} that is not executing`);
  }
  req.executed = true;
  nvmfRequestComplete(sim, req);
  maybeCloseQpair(sim);
  sim.hooks.wakeReactor(sim);
}

/**
 * nvmf_tcp_qpair_disconnect: the qpair goes EXITING and the generic qpair stops taking work
 * (spdk_nvmf_qpair_disconnect), which closes the transport qpair once no request is executing.
 */
export function nvmfTcpQpairDisconnect(sim: Sim): void {
  const n = sim.w.nvmf;
  recordQ(sim, C_DISCONNECT, n.qpair.state, 0);
  if (n.qpair.state > QS_RUNNING) return;
  setQpairState(sim, QE.DISCONNECT);
  n.nvmfQpairState = NVMF_QPAIR_DEACTIVATING;
  maybeCloseQpair(sim);
}

/**
 * nvmf_tcp_close_qpair -> _nvmf_tcp_qpair_destroy: EXITED; closing the socket aborts queued
 * writes; nvmf_tcp_cleanup_all_states frees requests still waiting for buffers, data or their
 * response.
 * Simplification: the generic layer's teardown (spdk_nvmf_qpair_disconnect and its messages)
 * is reduced to "once no request is executing"; requests are drained in index order, where
 * v24.09 walks its working queue in arrival order.
 */
function maybeCloseQpair(sim: Sim): boolean {
  const n = sim.w.nvmf;
  if (n.qpair.state !== QS_EXITING || n.stateCntr[TS_EXECUTING]! > 0) return false;
  setQpairState(sim, QE.QPAIR_CLOSED);
  n.sockConnected = false;
  recordQ(sim, C_CLOSE_QPAIR, n.queueDepth, 0);
  abortPendingWrites(sim);
  const drain = (state: number) => {
    for (const req of n.reqs) if (req.state === state) nvmfTcpRequestFree(sim, req, TE.QPAIR_CLOSED);
  };
  drain(TS_TRANSFERRING_C2H);
  drain(TS_NEW);
  for (const req of n.reqs) if (req.state === TS_NEED_BUFFER) requestGetBuffersAbort(sim, req);
  drain(TS_NEED_BUFFER);
  drain(TS_EXECUTING);
  drain(TS_TRANSFERRING_H2C);
  drain(TS_AWAITING_R2T_ACK);
  return true;
}
