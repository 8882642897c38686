/**
 * What the copy out of the socket is doing at this step, read from the step's trace row (its
 * function and arguments, as the code book names them in sim-core/trace/codes.ts):
 *
 * - kernel: inside the readv syscall, tcp_recvmsg copies from skbs into whatever iovecs SPDK
 *   passed (CPU copy 1). Which iovecs those are is decided before, in posix_sock_readv.
 * - pipe: posix_sock_read fills the empty recv pipe with one readv of its free space (one or
 *   two iovecs).
 * - direct: posix_sock_readv reads straight into the caller's iovecs (a read of at least
 *   MIN_SOCK_PIPE_SIZE, 1024 bytes, while the pipe is empty; or any read before the pipe exists).
 * - from-pipe: posix_sock_recv_from_pipe copies out of the pipe with spdk_iovcpy (CPU copy 2).
 */
import type { RowView } from '../../../sim-types';

export type CopyPath = 'kernel' | 'pipe' | 'direct' | 'from-pipe' | 'alloc';

export interface CopyActivity {
  path: CopyPath;
  /** Plain words with the function's name and the bytes. */
  text: string;
}

/** Rows of the readv syscall on the reading side (net/socket.c, net/ipv4/tcp.c, net/core/datagram.c). */
const KERNEL = new Set([
  'sock_read_iter',
  'lock_sock_nested',
  'skb_copy_datagram_msg',
  'tcp_eat_recv_skb',
  'tcp_cleanup_rbuf',
  'tcp_recvmsg',
  '__sk_flush_backlog',
]);

const B = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} B`;

/** posix_sock_readv's path argument (ReadvPath in sim-core/spdk/sock/codes.ts). */
const READV_PLAIN = 0;
const READV_DIRECT = 1;

export function copyActivity(row: RowView | null): CopyActivity | null {
  if (row === null) return null;
  const { fn, a, b } = row;
  if (row.layer === 'syscall' && KERNEL.has(fn)) {
    if (fn === 'skb_copy_datagram_msg')
      return { path: 'kernel', text: `skb_copy_datagram_msg copies ${B(a)} out of an skb` };
    if (fn === 'tcp_recvmsg') {
      return {
        path: 'kernel',
        text: a < 0 ? 'tcp_recvmsg: nothing to read (EAGAIN)' : `tcp_recvmsg returns ${B(a)}`,
      };
    }
    if (fn === 'sock_read_iter')
      return { path: 'kernel', text: `readv asks for ${B(a)} in ${b} iovec${b === 1 ? '' : 's'}` };
    return { path: 'kernel', text: `${fn} (inside tcp_recvmsg)` };
  }
  switch (fn) {
    case 'spdk_pipe_writer_get_buffer':
      return { path: 'pipe', text: `spdk_pipe_writer_get_buffer: ${B(a)} free from offset ${b}` };
    case 'spdk_pipe_writer_advance':
      return { path: 'pipe', text: `spdk_pipe_writer_advance: ${B(a)} now held` };
    case 'posix_sock_read':
      return a < 0
        ? { path: 'pipe', text: 'posix_sock_read: nothing to read (EAGAIN)' }
        : {
            path: 'pipe',
            text: `posix_sock_read: ${B(a)} into the pipe (${b} iovec${b === 1 ? '' : 's'} offered)`,
          };
    case 'spdk_pipe_reader_get_buffer':
      return { path: 'from-pipe', text: `spdk_pipe_reader_get_buffer: ${B(a)} to read from offset ${b}` };
    case 'spdk_iovcpy':
      return { path: 'from-pipe', text: `spdk_iovcpy copies ${B(a)} out of the pipe` };
    case 'spdk_pipe_reader_advance':
      return { path: 'from-pipe', text: `spdk_pipe_reader_advance: ${B(a)} consumed` };
    case 'posix_sock_recv_from_pipe':
      return a < 0
        ? { path: 'from-pipe', text: 'posix_sock_recv_from_pipe: the pipe is empty (EAGAIN)' }
        : { path: 'from-pipe', text: `posix_sock_recv_from_pipe: ${B(a)}, ${B(b)} left` };
    case 'posix_sock_readv': {
      const got = a < 0 ? 'EAGAIN' : B(a);
      if (b === READV_PLAIN) return { path: 'direct', text: `posix_sock_readv (no pipe yet): ${got}` };
      if (b === READV_DIRECT) return { path: 'direct', text: `posix_sock_readv, direct: ${got}` };
      return { path: 'from-pipe', text: `posix_sock_readv, from the pipe: ${got}` };
    }
    case 'posix_sock_alloc_pipe':
      return { path: 'alloc', text: `posix_sock_alloc_pipe: a ${B(a)} recv pipe` };
    default:
      return null;
  }
}

/** Which arrows of the copy drawing a path lights: the kernel copy feeds both branches. */
export function litArrows(path: CopyPath | null): Set<'kernel' | 'pipe' | 'direct' | 'iovcpy'> {
  switch (path) {
    case 'kernel':
      return new Set(['kernel']);
    case 'pipe':
      return new Set(['kernel', 'pipe']);
    case 'direct':
      return new Set(['kernel', 'direct']);
    case 'from-pipe':
      return new Set(['iovcpy']);
    default:
      return new Set();
  }
}
