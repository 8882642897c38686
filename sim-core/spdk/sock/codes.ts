/**
 * Trace codes of the SPDK sock layer (range 500-599; spdk/reactor-codes.ts uses 560-562 and
 * spdk/reactor.ts event kind 570, so this folder keeps to 500-549) and the recorded "has data" machine.
 */
import { defineCodes } from '../../trace/codes';
import { defineMachine } from '../../trace/machines';

export const C_GROUP_POLL = 500;
export const C_EPOLL_WAIT = 501;
export const C_READV = 502;
export const C_SOCK_READ = 503;
export const C_PIPE_WRITER_GET = 504;
export const C_PIPE_WRITER_ADVANCE = 505;
export const C_PIPE_READER_GET = 506;
export const C_PIPE_READER_ADVANCE = 507;
export const C_RECV_FROM_PIPE = 508;
export const C_IOVCPY = 509;
export const C_ALLOC_PIPE = 510;
export const C_SET_RECVBUF = 511;

/** posix_sock_readv row, column b: which path served the read. */
export const enum ReadvPath {
  Plain = 0,
  Direct = 1,
  FromPipe = 2,
}

const POSIX = 'module/sock/posix/posix.c';
const PIPE = 'lib/util/pipe.c';

defineCodes(
  [500, 549],
  [
    {
      code: C_GROUP_POLL,
      fn: 'posix_sock_group_impl_poll',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'EPOLLIN events', b: 'sockets called back' },
      caption:
        'The socket group looks for sockets with data, in the kernel or already in the recv pipe, and hands them to their callback (at most 32 per poll).',
    },
    {
      code: C_EPOLL_WAIT,
      fn: 'epoll_wait',
      file: POSIX,
      repo: 'spdk',
      layer: 'syscall',
      args: { a: 'events (0 or 1: EPOLLIN on the one socket)' },
      caption:
        'One non-blocking epoll_wait: level-triggered, so it reports the socket again and again as long as the kernel holds unread bytes.',
    },
    {
      code: C_READV,
      fn: 'posix_sock_readv',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'bytes returned (negative: -errno)', b: 'path: 0 plain readv, 1 direct, 2 from the pipe' },
      caption:
        "The receive call of the posix sock: small reads are served from the recv pipe (one readv fills it, many reads drain it), large reads go straight into the caller's buffers.",
    },
    {
      code: C_SOCK_READ,
      fn: 'posix_sock_read',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: {
        a: 'bytes read into the pipe (negative: -errno)',
        b: 'iovecs with room: 1, or 2 when the free space wraps',
      },
      caption:
        'One readv pulls as much as the pipe can take from the kernel, so the next small reads cost no system call.',
    },
    {
      code: C_PIPE_WRITER_GET,
      fn: 'spdk_pipe_writer_get_buffer',
      file: PIPE,
      repo: 'spdk',
      layer: 'sock',
      args: { obj: 'pipe id', a: 'free bytes handed out', b: 'write offset' },
      caption: 'The pipe hands out its free space as one region, or two when it wraps past the end.',
    },
    {
      code: C_PIPE_WRITER_ADVANCE,
      fn: 'spdk_pipe_writer_advance',
      file: PIPE,
      repo: 'spdk',
      layer: 'sock',
      args: { obj: 'pipe id', a: 'bytes written', b: 'new write offset' },
      caption: 'The bytes just read from the kernel now count as stored in the pipe.',
    },
    {
      code: C_PIPE_READER_GET,
      fn: 'spdk_pipe_reader_get_buffer',
      file: PIPE,
      repo: 'spdk',
      layer: 'sock',
      args: { obj: 'pipe id', a: 'stored bytes handed out', b: 'read offset' },
      caption: 'The pipe shows the bytes it holds, as one region or two when they wrap.',
    },
    {
      code: C_PIPE_READER_ADVANCE,
      fn: 'spdk_pipe_reader_advance',
      file: PIPE,
      repo: 'spdk',
      layer: 'sock',
      args: { obj: 'pipe id', a: 'bytes consumed', b: 'new read offset' },
      caption:
        'The copied bytes are consumed; when the pipe is empty both offsets jump back to the start so the same memory is reused.',
    },
    {
      code: C_RECV_FROM_PIPE,
      fn: 'posix_sock_recv_from_pipe',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'bytes returned (negative: -errno)', b: 'bytes left in the pipe' },
      caption: 'The read is served from the recv pipe instead of the kernel.',
    },
    {
      code: C_IOVCPY,
      fn: 'spdk_iovcpy',
      file: 'lib/util/iov.c',
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'bytes copied', b: 'of which into request buffers' },
      caption:
        "A second CPU copy: from the pipe into the caller's buffers (the kernel already copied these bytes once).",
    },
    {
      code: C_ALLOC_PIPE,
      fn: 'posix_sock_alloc_pipe',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: { obj: 'pipe id', a: 'size in bytes', b: 'bytes moved from the old pipe' },
      caption:
        'The socket gets its recv pipe, sized to hold about eight capsules, now that the target knows which digests are on.',
    },
    {
      code: C_SET_RECVBUF,
      fn: 'posix_sock_set_recvbuf',
      file: POSIX,
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'size asked', b: 'result (0 or -errno)' },
      caption:
        'The target sizes the receive side of the connection: the recv pipe here, SO_RCVBUF in the kernel.',
    },
  ],
);

/** Machine id of the posix sock "has data" flags (state code 900 + id). */
export const SOCK_DATA_MACHINE = 50;

export const sockDataMachine = defineMachine({
  id: SOCK_DATA_MACHINE,
  name: 'posix sock data',
  upstream: 'struct spdk_posix_sock: socket_has_data, pipe_has_data',
  states: ['none', 'socket_has_data', 'pipe_has_data', 'socket_has_data+pipe_has_data'],
});
