/**
 * The SPDK side of the one connection socket (struct spdk_posix_sock in
 * module/sock/posix/posix.c, v24.09) and its place in the posix sock group.
 * Plain data: a keyframe clones it, recv pipe bytes included.
 */
import type { Scenario } from '../../scenario/types';
import type { SpdkPipe } from './pipe';

/** Index of the recorded "has data" machine's state: bit 0 socket_has_data, bit 1 pipe_has_data. */
export const enum SockDataState {
  None = 0,
  Socket = 1,
  Pipe = 2,
  Both = 3,
}

export interface SockCounters {
  /** epoll_wait calls (one per group poll) and the EPOLLIN events they returned. */
  epollWaits: number;
  epollEvents: number;
  /** Times the group poll handed the socket back for its callback. */
  callbacks: number;
  /** posix_sock_readv calls by path, and calls that ended in -EAGAIN. */
  readvPlain: number;
  readvDirect: number;
  readvFromPipe: number;
  eagain: number;
  /** posix_sock_read: readv calls that filled the pipe, and those with two iovecs. */
  pipeFills: number;
  pipeFillsTwoIov: number;
  /** Bytes by path: plain readv (no pipe yet), direct readv, into the pipe, out of the pipe. */
  plainBytes: number;
  directBytes: number;
  pipeInBytes: number;
  pipeOutBytes: number;
}

export interface SockState {
  /** Recorded machine state (SockDataState), kept equal to the two flags below. */
  state: SockDataState;
  /** recv_pipe: null until the target sizes it (spdk_sock_set_recvbuf at ICReq). */
  recvPipe: SpdkPipe | null;
  /** recv_buf_sz: the pipe size asked last (0 = none). */
  recvBufSz: number;
  /** impl_opts.enable_recv_pipe (true by default in v24.09). */
  enableRecvPipe: boolean;
  /** The socket was added to a sock group (the nvmf poll group adds it before ICReq). */
  inGroup: boolean;
  /** The kernel socket may hold bytes (set by epoll EPOLLIN, cleared when a read drains it). */
  socketHasData: boolean;
  /** The recv pipe holds bytes. */
  pipeHasData: boolean;
  /** On the group's socks_with_data list (v24.09 keeps it listed while either flag is set). */
  onSocksWithData: boolean;
  counters: SockCounters;
}

export function initSockState(_scenario: Scenario): SockState {
  return {
    state: SockDataState.None,
    recvPipe: null,
    recvBufSz: 0,
    enableRecvPipe: true,
    inGroup: true,
    socketHasData: false,
    pipeHasData: false,
    onSocksWithData: false,
    counters: {
      epollWaits: 0,
      epollEvents: 0,
      callbacks: 0,
      readvPlain: 0,
      readvDirect: 0,
      readvFromPipe: 0,
      eagain: 0,
      pipeFills: 0,
      pipeFillsTwoIov: 0,
      plainBytes: 0,
      directBytes: 0,
      pipeInBytes: 0,
      pipeOutBytes: 0,
    },
  };
}
