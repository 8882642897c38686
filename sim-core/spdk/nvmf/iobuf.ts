/**
 * Data buffers for writes: the poll group's iobuf channel on the shared pool
 * (spdk_iobuf_get / spdk_iobuf_put in lib/thread/iobuf.c), the request side
 * (spdk_nvmf_request_get_buffers / _free_buffers in lib/nvmf/transport.c) and the
 * control-message buffers for large in-capsule data (nvmf_tcp_control_msg_get / _put).
 *
 * How v24.09 waits: a request that finds no buffer keeps the ones it got and queues an iobuf
 * entry; the next spdk_iobuf_put hands its buffer straight to the first waiter
 * (nvmf_request_iobuf_get_cb), which may queue again for the rest; once it has all, the
 * transport's req_get_buffers_done callback moves it to HAVE_BUFFER. Nothing polls for it.
 *
 * Simplification: one pool of num_shared_buffers buffers of io_unit_size bytes. v24.09 takes
 * buffers of up to 8 KiB from the iobuf small pool and larger ones from the large pool.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { bump } from '../../ledger/ledger';
import {
  C_BUFFER_PUT_FREE,
  C_CTRL_MSG_GET,
  C_CTRL_MSG_PUT,
  C_GET_BUFFERS,
  C_GET_BUFFERS_DONE,
  C_IOBUF_GET,
  C_IOBUF_PUT,
} from './codes';
import { IOBUF_BATCH_SIZE, NVMF_REQ_MAX_BUFFERS } from './constants';
import { nvmfTcpReqGetBuffersDone, nvmfTcpReqProcess } from './req';
import { SPACE_POOL, type TcpReq } from './state';
import { releaseBytes } from './buffers';

const ENOMEM = 12;
const EINVAL = 22;

/** spdk_iobuf_get: a buffer from the cache, else a batch from the pool; none -> queue `reqIdx` (if given). */
export function iobufGet(sim: Sim, reqIdx: number, queue: boolean): number {
  const p = sim.w.nvmf.iobuf;
  let buf: number;
  let from = 0;
  if (p.cache.length > 0) {
    buf = p.cache.shift()!;
  } else {
    const want = Math.min(IOBUF_BATCH_SIZE, Math.max(p.cacheSize, 1));
    const got = p.ring.splice(0, want);
    if (got.length === 0) {
      if (queue) {
        p.queue.push(reqIdx);
        sim.w.nvmf.stats.needBufferWaits++;
        bump(sim, 'nvmf.need_buffer_waits');
      }
      record(sim, C_IOBUF_GET, reqIdx, -1, 1);
      return -1;
    }
    // All but the last go to the cache head, one by one; the last is returned.
    for (let i = 0; i < got.length - 1; i++) p.cache.unshift(got[i]!);
    buf = got[got.length - 1]!;
    from = 1;
  }
  p.owner[buf] = reqIdx;
  record(sim, C_IOBUF_GET, reqIdx, buf, from);
  return buf;
}

/** spdk_iobuf_put: hand the buffer to the first waiting request, else to the cache (or the pool). */
export function iobufPut(sim: Sim, buf: number): void {
  const p = sim.w.nvmf.iobuf;
  const prev = p.owner[buf]!;
  p.owner[buf] = -1;
  dropFreedBytes(sim, buf);
  if (p.queue.length === 0) {
    record(sim, C_IOBUF_PUT, buf, prev, -1);
    if (p.cacheSize === 0) {
      p.ring.push(buf);
      return;
    }
    p.cache.unshift(buf);
    // Return a batch to the pool only once the cache is a batch over its size.
    const sz = Math.min(IOBUF_BATCH_SIZE, p.cacheSize);
    if (p.cache.length >= p.cacheSize + sz) p.ring.push(...p.cache.splice(0, sz));
    return;
  }
  const waiter = p.queue.shift()!;
  p.owner[buf] = waiter;
  record(sim, C_IOBUF_PUT, buf, prev, waiter);
  iobufGetCb(sim, waiter, buf);
  // A waiter that had to queue again keeps its place at the head.
  if (p.queue.length > 0 && p.queue[p.queue.length - 1] === waiter) {
    p.queue.pop();
    p.queue.unshift(waiter);
  }
}

/**
 * A free buffer's bytes are dead when the host only sends generated writes: every byte a write
 * reads back (data digest, DIF, integrity) was written by its own H2C data first. Dropping them
 * keeps keyframes small (a clone no longer copies every buffer the run ever touched); the next
 * user gets zeros (bufferOf). Only a raw stream can send a Read or Compare, which would see a
 * freed buffer's old bytes: then they are kept, as before.
 */
function dropFreedBytes(sim: Sim, buf: number): void {
  if (sim.w.scenario.workload.rawStreamHex !== null) return;
  const p = sim.w.nvmf.iobuf;
  const b = p.bufs[buf];
  if (b) {
    p.bufs[buf] = null;
    releaseBytes(b);
  }
}

/** nvmf_request_set_buffer: append one buffer to req->iov; returns the length still to cover. */
function setBuffer(sim: Sim, req: TcpReq, buf: number, length: number): number {
  const len = Math.min(length, sim.w.nvmf.opts.ioUnitSize);
  req.iov.push({ space: SPACE_POOL, idx: buf, off: 0, len });
  return length - len;
}

/** nvmf_request_get_buffers: 0, -ENOMEM (queued, keeping what it got) or -EINVAL (too many). */
function getBuffers(sim: Sim, req: TcpReq, length: number): number {
  const unit = sim.w.nvmf.opts.ioUnitSize;
  const num = Math.ceil(length / unit);
  if (num > NVMF_REQ_MAX_BUFFERS) return -EINVAL;
  for (let i = 0; i < num; i++) {
    const buf = iobufGet(sim, req.idx, true);
    if (buf < 0) {
      req.iobufRemaining = length;
      return -ENOMEM;
    }
    length = setBuffer(sim, req, buf, length);
  }
  req.dataFromPool = true;
  return 0;
}

/** spdk_nvmf_request_get_buffers. */
export function requestGetBuffers(sim: Sim, req: TcpReq, length: number): number {
  req.iov = [];
  const rc = getBuffers(sim, req, length);
  record(sim, C_GET_BUFFERS, req.idx, Math.ceil(length / sim.w.nvmf.opts.ioUnitSize), rc);
  return rc;
}

/** nvmf_request_iobuf_get_cb: a buffer arrived for a waiting request. */
function iobufGetCb(sim: Sim, reqIdx: number, buf: number): void {
  const req = sim.w.nvmf.reqs[reqIdx]!;
  const length = setBuffer(sim, req, buf, req.iobufRemaining);
  if (getBuffers(sim, req, length) === 0) {
    record(sim, C_GET_BUFFERS_DONE, req.idx, req.iov.length, req.length);
    nvmfTcpReqGetBuffersDone(sim, req);
  }
}

/** spdk_nvmf_request_free_buffers. */
export function requestFreeBuffers(sim: Sim, req: TcpReq): void {
  record(sim, C_BUFFER_PUT_FREE, req.idx, req.iov.length, 0);
  const iov = req.iov;
  req.iov = [];
  req.dataFromPool = false;
  for (const r of iov) iobufPut(sim, r.idx);
}

/** nvmf_request_get_buffers_abort: take a waiting request off the queue. */
export function getBuffersAbort(sim: Sim, req: TcpReq): boolean {
  const q = sim.w.nvmf.iobuf.queue;
  const i = q.indexOf(req.idx);
  if (i < 0) return false;
  q.splice(i, 1);
  return true;
}

/** nvmf_tcp_control_msg_get: a free message buffer index, or -1 (the request then waits). */
export function ctrlMsgGet(sim: Sim, req: TcpReq): number {
  const m = sim.w.nvmf.ctrlMsg!;
  const msg = m.free.length > 0 ? m.free.shift()! : -1;
  if (msg < 0) m.waiting.push(req.idx);
  record(sim, C_CTRL_MSG_GET, req.idx, msg, 0);
  return msg;
}

/** nvmf_tcp_control_msg_put: the buffer goes back; the first waiting request is processed again. */
export function ctrlMsgPut(sim: Sim, msg: number, fromReq: number): void {
  const m = sim.w.nvmf.ctrlMsg!;
  m.free.unshift(msg);
  const next = m.waiting.length > 0 ? m.waiting.shift()! : -1;
  record(sim, C_CTRL_MSG_PUT, msg, fromReq, next);
  if (next >= 0) nvmfTcpReqProcess(sim, sim.w.nvmf.reqs[next]!);
}

/** nvmf_tcp_request_get_buffers_abort for a request waiting on either list. */
export function requestGetBuffersAbort(sim: Sim, req: TcpReq): void {
  const m = sim.w.nvmf.ctrlMsg;
  if (m !== null) {
    const i = m.waiting.indexOf(req.idx);
    if (i >= 0) {
      m.waiting.splice(i, 1);
      return;
    }
  }
  getBuffersAbort(sim, req);
}
