/**
 * The NVMe/TCP target's state for the one I/O connection (struct spdk_nvmf_tcp_qpair and what
 * hangs off it in lib/nvmf/tcp.c at SPDK v24.09), its tcp_reqs, the poll group's shared buffer
 * pool (iobuf channel) and control-message buffers. Plain data: a keyframe clones it.
 *
 * Byte buffers point at nothing: scatter lists are `BufRef` descriptors (which buffer, offset,
 * length) turned into live iovecs only for the duration of one read (buffers.ts).
 */
import type { Scenario } from '../../scenario/types';
import {
  BDEV_MAX_INTERLEAVED_MD_SIZE,
  CAPSULE_CMD_LEN,
  CONTROL_MSG_NUM,
  DIGEST_LEN,
  IN_CAPSULE_DATA_MAX_SIZE,
  PDU_IMAGE_LEN,
  PDU_RAW_LEN,
  QS_INVALID,
  RECV_BUF_SIZE_FACTOR,
  RS_AWAIT_PDU_READY,
  TCP_REQUEST_NUM_STATES,
  TS_FREE,
  XFER_NONE,
} from './constants';
import { type DifCtx, emptyDifCtx } from './dif';

/** Where a piece of a scatter list lives. */
export const SPACE_POOL = 0;
/** A request's own in-capsule buffer (tcp_req->buf); idx = request index. */
export const SPACE_ICD = 1;
/** A control-message buffer (large in-capsule data of admin/fabrics commands); idx = message index. */
export const SPACE_CTRL = 2;
/** The PDU's own header image (H2CTermReq data lands there); idx unused. */
export const SPACE_PDU = 3;
/**
 * Past the end of the request's buffers. v24.09 can map data there (an H2CData whose datao +
 * datal wraps around 2^32 passes its range check): the real target writes into whatever memory
 * follows. Simplification: those bytes are read from the socket and thrown away.
 */
export const SPACE_OVERRUN = 4;

/** One iovec as a descriptor: `len` bytes at `off` of buffer (`space`, `idx`). */
export interface BufRef {
  space: number;
  idx: number;
  off: number;
  len: number;
}

/** struct nvme_tcp_pdu, receive side. */
export interface PduState {
  /** Trace object id of this PDU (a new one for every PDU received). */
  id: number;
  /**
   * hdr.raw (152 bytes) followed by has_hdgst, ddgst_enable, data_digest_crc32, data_digest,
   * ch_valid_bytes, psh_valid_bytes and psh_len at their x86-64 offsets (constants.ts).
   */
  img: Uint8Array;
  dataIov: BufRef[];
  dataLen: number;
  rwOffset: number;
  /** pdu->req: index of the tcp_req, or -1. */
  reqIdx: number;
  /** pdu->dif_ctx is set (it points at reqs[reqIdx].dif). */
  dif: boolean;
  /** Reads that returned bytes while reading the common header. */
  chReads: number;
}

/** struct spdk_nvme_cpl as the target fills it; `status` is the 16-bit field (P, SC, SCT, CRD, M, DNR). */
export interface Cpl {
  cdw0: number;
  cdw1: number;
  sqhd: number;
  sqid: number;
  cid: number;
  status: number;
}

/** struct spdk_nvmf_tcp_req with the parts of struct spdk_nvmf_request it uses. */
export interface TcpReq {
  /** spdk_nvmf_tcp_req_state (machine 2). */
  state: number;
  idx: number;
  /** Transfer tag: index + 1 (nvmf_tcp_qpair_init_mem_resource). */
  ttag: number;
  /** The 64-byte SQE copied from the capsule. */
  cmd: Uint8Array;
  rsp: Cpl;
  /** Trace id of the CapsuleCmd PDU that carried the command. */
  pduId: number;
  length: number;
  /** The data length parse_sgl found (req->length before DIF changes it): what integrity checks. */
  xferLen: number;
  h2cOffset: number;
  /** req->iov. */
  iov: BufRef[];
  dataFromPool: boolean;
  hasInCapsuleData: boolean;
  xfer: number;
  /** The request's send PDU (R2T, CapsuleResp, C2HData) is queued on the socket. */
  pduInUse: boolean;
  /** hdr.raw of the request's send PDU (tcp_req->pdu); v24.09 also copies it into some TermReqs. */
  rspImg: Uint8Array;
  /** rw_offset of the send PDU (C2HData progress). */
  rspRwOffset: number;
  /** tcp_req->buf, allocated on first use. */
  icd: Uint8Array | null;
  /** req->iobuf.remaining_length while waiting in the iobuf queue. */
  iobufRemaining: number;
  difEnabled: boolean;
  dif: DifCtx;
  fusedPair: number;
  fusedFailed: boolean;
  /** The backend ran it (set by nvmfBackendDone): only such writes are integrity-checked. */
  executed: boolean;
}

/** The poll group's iobuf channel on one shared pool (lib/thread/iobuf.c). */
export interface IobufState {
  bufSize: number;
  /** Buffer bytes, allocated on first use. */
  bufs: (Uint8Array | null)[];
  /** The central pool (an spdk_ring: FIFO). */
  ring: number[];
  /** The channel's cache (STAILQ: index 0 is the head). */
  cache: number[];
  cacheSize: number;
  /** Requests waiting for a buffer, in order (the iobuf entry queue: v24.09's pending buffer queue). */
  queue: number[];
  /** Who holds each buffer (-1: free), for the picture. */
  owner: number[];
}

export interface CtrlMsgState {
  bufs: (Uint8Array | null)[];
  /** Free messages (STAILQ: index 0 is the head). */
  free: number[];
  /** Requests waiting for one. */
  waiting: number[];
}

/** A request PDU queued by spdk_sock_writev_async, written and completed at the next group poll. */
export interface PendingWrite {
  reqIdx: number;
  pduType: number;
  bytes: Uint8Array;
}

/** A data digest handed to the accel framework; its callback runs at the next accel poll. */
export interface AccelTask {
  pdu: PduState;
  crcMatch: boolean;
}

export interface TermReqRecord {
  fes: number;
  fei: number;
  /** Type of the PDU whose header was copied into it. */
  pduType: number;
}

export interface NvmfStats {
  /** PDUs whose common header was received, by type name (ICReq, CapsuleCmd ...). */
  pdus: Record<string, number>;
  termReqs: TermReqRecord[];
  /** I/O commands answered with success, and failed ones with (SCT << 8 | SC). */
  completed: number;
  writesCompleted: number;
  failed: { cid: number; status: number }[];
  /** The same for Fabrics commands (Connect). */
  fabricsCompleted: number;
  fabricsFailed: { cid: number; status: number }[];
  /** Most data iovecs one PDU was mapped onto. */
  maxDataIovs: number;
  needBufferWaits: number;
  /** Common headers that needed more than one read. */
  chSplit: number;
  hdgstErrors: number;
  ddgstErrors: number;
  integrityBytesOk: number;
  integrityErrors: number;
  badCids: number[];
  /** Bytes mapped past the end of a request's buffers (see SPACE_OVERRUN). */
  overrunBytes: number;
}

export interface NvmfOpts {
  inCapsuleDataSize: number;
  maxIoSize: number;
  ioUnitSize: number;
  maxQueueDepth: number;
  difInsertOrStrip: boolean;
  /** Bytes of each tcp_req->buf: SPDK_BDEV_BUF_SIZE_WITH_MD(icd) when DIF insert is on. */
  icdBufSize: number;
}

/** spdk_nvmf_qpair_state values the model uses (include/spdk/nvmf_transport.h). */
export const NVMF_QPAIR_CONNECTING = 1;
export const NVMF_QPAIR_ENABLED = 3;
export const NVMF_QPAIR_DEACTIVATING = 4;

export interface NvmfState {
  /** nvmf_tcp_qpair_state (machine 3). */
  qpair: { state: number };
  /** nvme_tcp_pdu_recv_state (machine 1). */
  recv: { state: number };
  /** pdu_in_progress. */
  pdu: PduState | null;
  /** tcp_pdu_free_queue length and tcp_pdu_working_count (2 * max_queue_depth receive PDUs in all). */
  pdusFree: number;
  pduWorkingCount: number;
  /** The management PDU (ICResp, C2HTermReq): hdr.raw, never zeroed between uses. */
  mgmtImg: Uint8Array;
  hostHdgst: boolean;
  hostDdgst: boolean;
  cpda: number;
  maxr2t: number;
  /** What the ICResp announced (max_io_size); 0 before it is sent. */
  maxh2cdata: number;
  recvBufSize: number;
  waitTerminate: boolean;
  /** spdk_sock_is_connected: false once a read saw the end of the stream or an error. */
  sockConnected: boolean;
  reqs: TcpReq[];
  /** tcp_req_free_queue, in order. */
  freeQueue: number[];
  /** state_cntr[]: requests per state. */
  stateCntr: number[];
  queueDepth: number;
  fusedFirst: number;
  /** The generic spdk_nvmf_qpair: its state, qid (from Connect) and SQ head. */
  nvmfQpairState: number;
  qid: number;
  sqHead: number;
  sqHeadMax: number;
  iobuf: IobufState;
  ctrlMsg: CtrlMsgState | null;
  pendingWrites: PendingWrite[];
  accelPending: AccelTask[];
  /** nvmf_tcp_sock_process in progress across reactor steps, and its running rc. */
  loopActive: boolean;
  loopRc: number;
  /** The last pass stopped after a payload read that got all it asked for: more may be waiting. */
  readAgain: boolean;
  opts: NvmfOpts;
  stats: NvmfStats;
}

export function newPduImage(): Uint8Array {
  return new Uint8Array(PDU_IMAGE_LEN);
}

export function newPdu(id: number): PduState {
  return { id, img: newPduImage(), dataIov: [], dataLen: 0, rwOffset: 0, reqIdx: -1, dif: false, chReads: 0 };
}

function newReq(idx: number): TcpReq {
  return {
    state: TS_FREE,
    idx,
    ttag: idx + 1,
    cmd: new Uint8Array(64),
    rsp: { cdw0: 0, cdw1: 0, sqhd: 0, sqid: 0, cid: 0, status: 0 },
    pduId: 0,
    length: 0,
    xferLen: 0,
    h2cOffset: 0,
    iov: [],
    dataFromPool: false,
    hasInCapsuleData: false,
    xfer: XFER_NONE,
    pduInUse: false,
    rspImg: new Uint8Array(PDU_RAW_LEN),
    rspRwOffset: 0,
    icd: null,
    iobufRemaining: 0,
    difEnabled: false,
    dif: emptyDifCtx(),
    fusedPair: -1,
    fusedFailed: false,
    executed: false,
  };
}

/**
 * spdk_iobuf_channel_init: the channel's cache is filled from the pool up front; when the pool
 * cannot fill it, v24.09 retries with no cache at all (transport.c).
 */
function initIobuf(s: Scenario['spdk']): IobufState {
  const n = s.numSharedBuffers;
  const ring: number[] = [];
  for (let i = 0; i < n; i++) ring.push(i);
  // UINT32_MAX means "(num_shared_buffers * 3 / 4) / poll groups" (one poll group here).
  let cacheSize = s.bufCacheSize === 0xffffffff ? Math.floor((n * 3) / 4) : s.bufCacheSize;
  const cache: number[] = [];
  if (cacheSize > n) cacheSize = 0;
  for (let i = 0; i < cacheSize; i++) cache.push(ring.shift()!);
  return {
    bufSize: s.ioUnitSize,
    bufs: new Array<Uint8Array | null>(n).fill(null),
    ring,
    cache,
    cacheSize,
    queue: [],
    owner: new Array<number>(n).fill(-1),
  };
}

export function initNvmfState(scenario: Scenario): NvmfState {
  const s = scenario.spdk;
  const icdBufSize = s.difInsertOrStrip
    ? Math.floor(s.inCapsuleDataSize / 512) * (512 + BDEV_MAX_INTERLEAVED_MD_SIZE)
    : s.inCapsuleDataSize;
  const reqs: TcpReq[] = [];
  const freeQueue: number[] = [];
  for (let i = 0; i < s.maxQueueDepth; i++) {
    reqs.push(newReq(i));
    freeQueue.push(i);
  }
  const stateCntr = new Array<number>(TCP_REQUEST_NUM_STATES).fill(0);
  stateCntr[TS_FREE] = s.maxQueueDepth;
  // nvmf_tcp_poll_group_create makes the control-message list only when in-capsule data can
  // be smaller than what admin and fabrics commands may carry.
  const ctrlMsg: CtrlMsgState | null =
    s.inCapsuleDataSize < IN_CAPSULE_DATA_MAX_SIZE
      ? {
          bufs: new Array<Uint8Array | null>(CONTROL_MSG_NUM).fill(null),
          free: Array.from({ length: CONTROL_MSG_NUM }, (_, i) => i),
          waiting: [],
        }
      : null;
  return {
    qpair: { state: QS_INVALID },
    recv: { state: RS_AWAIT_PDU_READY },
    // nvmf_tcp_qpair_init_mem_resource takes the first receive PDU up front (id 0 until used).
    pdu: newPdu(0),
    pdusFree: 2 * s.maxQueueDepth - 1,
    pduWorkingCount: 1,
    mgmtImg: new Uint8Array(PDU_RAW_LEN),
    // nvmf_tcp_qpair_init: digests count as on until ICReq says otherwise.
    hostHdgst: true,
    hostDdgst: true,
    cpda: 0,
    maxr2t: 0,
    maxh2cdata: 0,
    recvBufSize: (icdBufSize + CAPSULE_CMD_LEN + 2 * DIGEST_LEN) * RECV_BUF_SIZE_FACTOR,
    waitTerminate: false,
    sockConnected: true,
    reqs,
    freeQueue,
    stateCntr,
    queueDepth: 0,
    fusedFirst: -1,
    nvmfQpairState: NVMF_QPAIR_CONNECTING,
    qid: 0,
    sqHead: 0,
    sqHeadMax: 0,
    iobuf: initIobuf(s),
    ctrlMsg,
    pendingWrites: [],
    accelPending: [],
    loopActive: false,
    loopRc: 0,
    readAgain: false,
    opts: {
      inCapsuleDataSize: s.inCapsuleDataSize,
      maxIoSize: s.maxIoSize,
      ioUnitSize: s.ioUnitSize,
      maxQueueDepth: s.maxQueueDepth,
      difInsertOrStrip: s.difInsertOrStrip,
      icdBufSize,
    },
    stats: {
      pdus: {},
      termReqs: [],
      completed: 0,
      writesCompleted: 0,
      failed: [],
      fabricsCompleted: 0,
      fabricsFailed: [],
      maxDataIovs: 0,
      needBufferWaits: 0,
      chSplit: 0,
      hdgstErrors: 0,
      ddgstErrors: 0,
      integrityBytesOk: 0,
      integrityErrors: 0,
      badCids: [],
      overrunBytes: 0,
    },
  };
}
