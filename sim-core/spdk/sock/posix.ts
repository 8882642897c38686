/**
 * The receive side of SPDK's posix sock module (module/sock/posix/posix.c at v24.09),
 * reached through spdk_sock_recv / spdk_sock_readv (lib/sock/sock.c).
 *
 * posix_sock_readv has three paths:
 *  - no recv pipe yet (before the target handled ICReq): a plain readv;
 *  - pipe empty and the socket flagged by epoll (or not in a group): a read of at least
 *    MIN_SOCK_PIPE_SIZE goes straight into the caller's iovecs (one CPU copy, the kernel's);
 *    a smaller one makes posix_sock_read fill the pipe with one readv, then is served
 *    from the pipe;
 *  - the pipe holds bytes: every read, however large, is served from the pipe
 *    (posix_sock_recv_from_pipe -> spdk_iovcpy: a second CPU copy).
 * Why the pipe: a PDU header is 8 then 64-120 bytes; reading each with its own readv would
 * cost a system call per header. One readv of up to the pipe's size serves many of them.
 *
 * Return values follow the C functions with errno folded in: bytes, 0 at end of stream,
 * or -errno (EAGAIN when nothing is there).
 */
import type { Sim } from '../../engine/sim';
import { newId, record } from '../../engine/sim';
import { charge, copyCost } from '../../engine/cpu';
import { EAGAIN } from '../../engine/hooks';
import { type Iov, iovTotal } from '../../engine/iov';
import {
  C_ALLOC_PIPE,
  C_IOVCPY,
  C_PIPE_READER_ADVANCE,
  C_PIPE_READER_GET,
  C_PIPE_WRITER_ADVANCE,
  C_PIPE_WRITER_GET,
  C_READV,
  C_RECV_FROM_PIPE,
  C_SET_RECVBUF,
  C_SOCK_READ,
  ReadvPath,
} from './codes';
import { SOCK_OBJ, syncDataState } from './flags';
import { dataBytesOf, spdkIovcpy } from './iovcpy';
import {
  EINVAL,
  type SpdkPipe,
  spdkPipeCreate,
  spdkPipeReaderAdvance,
  spdkPipeReaderBytesAvailable,
  spdkPipeReaderGetBuffer,
  spdkPipeWriterAdvance,
  spdkPipeWriterGetBuffer,
} from './pipe';

/** MIN_SOCK_PIPE_SIZE (include/spdk_internal/sock.h): smallest pipe, and the direct-read threshold. */
export const MIN_SOCK_PIPE_SIZE = 1024;
/** MIN_SO_RCVBUF_SIZE and DEFAULT_SO_RCVBUF_SIZE (include/spdk_internal/sock.h). */
export const MIN_SO_RCVBUF_SIZE = 4 * 1024;
export const DEFAULT_SO_RCVBUF_SIZE = 2 * 1024 * 1024;
/** SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR and SPDK_NVME_TCP_DIGEST_LEN (include/spdk_internal/nvme_tcp.h). */
export const SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR = 8;
export const SPDK_NVME_TCP_DIGEST_LEN = 4;
/** sizeof(struct spdk_nvme_tcp_cmd): the CapsuleCmd PDU header. */
const NVME_TCP_CMD_SIZE = 72;

/**
 * The size lib/nvmf/tcp.c asks for with spdk_sock_set_recvbuf when it handles ICReq:
 * room for eight capsules (header + in-capsule data + both digests), 32 bytes less for each
 * digest not negotiated, at least MIN_SOCK_PIPE_SIZE. Defaults (4096, no digests): 33,344.
 */
export function nvmfTcpRecvBufSize(inCapsuleDataSize: number, hdgst: boolean, ddgst: boolean): number {
  let sz =
    (inCapsuleDataSize + NVME_TCP_CMD_SIZE + 2 * SPDK_NVME_TCP_DIGEST_LEN) *
    SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR;
  if (!hdgst) sz -= SPDK_NVME_TCP_DIGEST_LEN * SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR;
  if (!ddgst) sz -= SPDK_NVME_TCP_DIGEST_LEN * SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR;
  return Math.max(sz, MIN_SOCK_PIPE_SIZE);
}

/**
 * What posix_sock_set_recvbuf then asks the kernel with setsockopt(SO_RCVBUF): at least
 * max(MIN_SO_RCVBUF_SIZE, impl_opts.recv_buf_size) (2 MiB by default). The kernel's clamp
 * and doubling are tcp's business.
 */
export function posixSoRcvbufSize(sz: number, implRecvBufSize = DEFAULT_SO_RCVBUF_SIZE): number {
  return Math.max(sz, MIN_SO_RCVBUF_SIZE, implRecvBufSize);
}

// ---- pipe operations with their rows --------------------------------------------------

function writerGet(sim: Sim, pipe: SpdkPipe, requested: number) {
  const got = spdkPipeWriterGetBuffer(pipe, requested);
  record(sim, C_PIPE_WRITER_GET, pipe.id, got.bytes, pipe.write);
  return got;
}

function writerAdvance(sim: Sim, pipe: SpdkPipe, n: number): void {
  const rc = spdkPipeWriterAdvance(pipe, n);
  if (rc !== 0) throw new Error(`spdk_pipe_writer_advance(${n}) refused: model bug`);
  record(sim, C_PIPE_WRITER_ADVANCE, pipe.id, n, pipe.write);
}

function readerGet(sim: Sim, pipe: SpdkPipe, requested: number) {
  const got = spdkPipeReaderGetBuffer(pipe, requested);
  record(sim, C_PIPE_READER_GET, pipe.id, got.bytes, pipe.read);
  return got;
}

function readerAdvance(sim: Sim, pipe: SpdkPipe, n: number): void {
  const rc = spdkPipeReaderAdvance(pipe, n);
  if (rc !== 0) throw new Error(`spdk_pipe_reader_advance(${n}) refused: model bug`);
  record(sim, C_PIPE_READER_ADVANCE, pipe.id, n, pipe.read);
}

// ---- recv pipe sizing -------------------------------------------------------------------

/**
 * posix_sock_alloc_pipe: give the socket a recv pipe of `sz` bytes (0 frees it). Bytes
 * still in an old pipe move to the new one. Returns 0, -1 (below MIN_SOCK_PIPE_SIZE, as
 * v24.09 returns) or -EINVAL (the old pipe holds more than the new one can take).
 */
export function posixSockAllocPipe(sim: Sim, sz: number): number {
  const s = sim.w.sock;
  if (s.recvBufSz === sz) return 0;
  if (sz === 0) {
    // v24.09 frees the pipe and leaves recv_buf_sz as it was.
    const old = s.recvPipe;
    s.recvPipe = null;
    record(sim, C_ALLOC_PIPE, old?.id ?? 0, 0, 0);
    return 0;
  }
  if (sz < MIN_SOCK_PIPE_SIZE) return -1;
  const pipe = spdkPipeCreate(new Uint8Array(sz), newId(sim), sim.w.scenario.spdk.pipeRewindOnEmpty);
  let moved = 0;
  const old = s.recvPipe;
  if (old !== null) {
    const src = spdkPipeReaderGetBuffer(old, s.recvBufSz);
    if (src.bytes > sz) return EINVAL;
    const dst = spdkPipeWriterGetBuffer(pipe, sz);
    moved = spdkIovcpy(src.iovs, dst.iovs);
    charge(sim, copyCost(sim, moved));
    spdkPipeWriterAdvance(pipe, moved);
  }
  s.recvBufSz = sz;
  s.recvPipe = pipe;
  record(sim, C_ALLOC_PIPE, pipe.id, sz, moved);
  return 0;
}

/**
 * spdk_sock_set_recvbuf -> posix_sock_set_recvbuf: the recv pipe part (when
 * enable_recv_pipe, the default). Returns 0 or the pipe allocation's error.
 *
 * Simplification: the SO_RCVBUF half (setsockopt with posixSoRcvbufSize(sz)) is applied by
 * the tcp stage, which owns sk_rcvbuf; nothing is asked of it from here.
 */
export function spdkSockSetRecvbuf(sim: Sim, sz: number): number {
  const s = sim.w.sock;
  const rc = s.enableRecvPipe ? posixSockAllocPipe(sim, sz) : 0;
  record(sim, C_SET_RECVBUF, SOCK_OBJ, sz, rc);
  return rc;
}

// ---- receive ----------------------------------------------------------------------------

/** The kernel readv, with the ledger's byte counts for reads that bypass the pipe. */
function readvToCaller(sim: Sim, iovs: readonly Iov[], path: ReadvPath): number {
  const n = sim.hooks.sockReadv(sim, iovs);
  if (n > 0) {
    const s = sim.w.sock;
    const l = sim.w.ledger;
    l.directBytes += n;
    if (path === ReadvPath.Plain) s.counters.plainBytes += n;
    else s.counters.directBytes += n;
  }
  return n;
}

/** posix_sock_read: refill the (empty) pipe with one readv of its free space. */
function posixSockRead(sim: Sim, pipe: SpdkPipe): number {
  const s = sim.w.sock;
  const free = writerGet(sim, pipe, s.recvBufSz);
  if (free.bytes <= 0) return free.bytes;
  const n = sim.hooks.sockReadv(sim, free.iovs);
  if (n <= 0) {
    // An error (EAGAIN included) counts as having drained the kernel socket.
    if (s.inGroup && s.socketHasData) s.onSocksWithData = false;
    s.socketHasData = false;
    syncDataState(sim);
    record(sim, C_SOCK_READ, SOCK_OBJ, n, free.iovs.length);
    return n;
  }
  writerAdvance(sim, pipe, n);
  s.pipeHasData = true;
  // A short read means the kernel had no more: the socket is drained. It stays on
  // socks_with_data because the pipe now has data.
  if (n < free.bytes) s.socketHasData = false;
  syncDataState(sim);
  const l = sim.w.ledger;
  l.pipeBytes += n;
  s.counters.pipeFills++;
  s.counters.pipeInBytes += n;
  if (free.iovs.length === 2) {
    l.readvTwoIov++;
    s.counters.pipeFillsTwoIov++;
  }
  record(sim, C_SOCK_READ, SOCK_OBJ, n, free.iovs.length);
  return n;
}

/** posix_sock_recv_from_pipe: copy what the pipe holds into the caller's iovecs. */
function posixSockRecvFromPipe(sim: Sim, pipe: SpdkPipe, iovs: readonly Iov[]): number {
  const s = sim.w.sock;
  const src = readerGet(sim, pipe, s.recvBufSz);
  if (src.bytes === 0) {
    record(sim, C_RECV_FROM_PIPE, SOCK_OBJ, EAGAIN, 0);
    return EAGAIN;
  }
  const n = spdkIovcpy(src.iovs, iovs);
  if (n === 0) {
    // Only a zero-length destination gets here.
    record(sim, C_RECV_FROM_PIPE, SOCK_OBJ, EINVAL, src.bytes);
    return EINVAL;
  }
  const data = dataBytesOf(iovs, n);
  charge(sim, copyCost(sim, n));
  const l = sim.w.ledger;
  l.pipeCopyBytes += n;
  l.payloadViaPipeBytes += data;
  s.counters.pipeOutBytes += n;
  record(sim, C_IOVCPY, pipe.id, n, data);
  readerAdvance(sim, pipe, n);
  const left = spdkPipeReaderBytesAvailable(pipe);
  if (left === 0) {
    // Drained: off the list unless epoll still says the kernel has bytes.
    if (s.inGroup && !s.socketHasData) s.onSocksWithData = false;
    s.pipeHasData = false;
    syncDataState(sim);
  }
  record(sim, C_RECV_FROM_PIPE, SOCK_OBJ, n, left);
  return n;
}

function done(sim: Sim, n: number, path: ReadvPath): number {
  const c = sim.w.sock.counters;
  if (path === ReadvPath.Plain) c.readvPlain++;
  else if (path === ReadvPath.Direct) c.readvDirect++;
  else c.readvFromPipe++;
  if (n === EAGAIN) c.eagain++;
  record(sim, C_READV, SOCK_OBJ, n, path);
  return n;
}

/** spdk_sock_readv -> posix_sock_readv. Returns bytes, 0 (end of stream) or -errno. */
export function spdkSockReadv(sim: Sim, iovs: readonly Iov[]): number {
  const s = sim.w.sock;
  const pipe = s.recvPipe;
  if (pipe === null) {
    // No pipe yet: a plain readv; the socket leaves the list until epoll flags it again.
    if (s.inGroup && s.socketHasData) {
      s.socketHasData = false;
      s.onSocksWithData = false;
      syncDataState(sim);
    }
    return done(sim, readvToCaller(sim, iovs, ReadvPath.Plain), ReadvPath.Plain);
  }
  // Outside a group nothing epolls the socket, so it must be assumed to have data.
  if (!s.pipeHasData && (!s.inGroup || s.socketHasData)) {
    if (iovTotal(iovs) >= MIN_SOCK_PIPE_SIZE) {
      // Large read, empty pipe: straight into the caller's buffers. v24.09 does not
      // update socket_has_data here, even when the read comes back short or EAGAIN.
      return done(sim, readvToCaller(sim, iovs, ReadvPath.Direct), ReadvPath.Direct);
    }
    const rc = posixSockRead(sim, pipe);
    if (rc <= 0) return done(sim, rc, ReadvPath.FromPipe);
  }
  return done(sim, posixSockRecvFromPipe(sim, pipe, iovs), ReadvPath.FromPipe);
}

/**
 * spdk_sock_recv -> posix_sock_recv: posix_sock_readv with one iovec. `kind` and `owner`
 * say what the destination is (a PDU header, a request buffer ...) for the ledger.
 */
export function spdkSockRecv(
  sim: Sim,
  buf: Uint8Array,
  off: number,
  len: number,
  kind?: Iov['kind'],
  owner?: number,
): number {
  const iov: Iov = { buf, off, len };
  if (kind !== undefined) iov.kind = kind;
  if (owner !== undefined) iov.owner = owner;
  return spdkSockReadv(sim, [iov]);
}
