/**
 * spdk_pipe (lib/util/pipe.c, include/spdk/pipe.h at SPDK v24.09): the ring buffer the posix
 * sock module reads small chunks of the kernel stream into, so that one readv can serve many
 * small reads (PDU headers) afterwards.
 *
 * Shape in v24.09: `read` and `write` offsets into `sz` bytes, and a `full` flag, so the
 * whole buffer can be used (no byte kept free; read == write means empty unless full).
 * Getting a buffer hands out one iovec, or two when the region wraps past the end.
 * Advancing past what is there is refused with -EINVAL. When the reader empties the
 * pipe, both offsets jump back to 0 (v24.09 does this so the same memory is reused, and
 * to give the buffer back to the pipe group).
 *
 * Pure: no Sim. The functions mutate the plain `SpdkPipe` record in place, as the C code
 * mutates its struct; the record is structured-clonable (keyframes).
 *
 * Simplification: the spdk_pipe_group of v24.09 (an emptied pipe lends its buffer to a
 * per poll group list and takes one of the same size back on the next write) is not
 * modelled: with one socket per group it always gets its own buffer back, so the bytes
 * and offsets are the same.
 */
import type { Iov } from '../../engine/iov';

/** -EINVAL, what the advance functions return when asked to move too far. */
export const EINVAL = -22;

export interface SpdkPipe {
  /** Object id, used as the `owner` of the iovecs handed out (trace and picture). */
  id: number;
  buf: Uint8Array;
  sz: number;
  /** Next byte to read. */
  read: number;
  /** Next byte to write. */
  write: number;
  /** read == write means full when set, empty when clear. */
  full: boolean;
  /** Rewind read/write to 0 when emptied (v24.05+). False: the pre-v24.05 pipe (see scenario spdk.pipeRewindOnEmpty). */
  rewindOnEmpty: boolean;
}

/** What a get_buffer call hands out: the non-empty iovecs (0, 1 or 2) and their total. */
export interface PipeBuffer {
  iovs: Iov[];
  bytes: number;
}

/** spdk_pipe_create: an empty pipe over `buf` (its whole length). */
export function spdkPipeCreate(buf: Uint8Array, id = 0, rewindOnEmpty = true): SpdkPipe {
  return { id, buf, sz: buf.length, read: 0, write: 0, full: false, rewindOnEmpty };
}

function pipeIov(pipe: SpdkPipe, off: number, len: number): Iov {
  return { buf: pipe.buf, off, len, kind: 'pipe', owner: pipe.id };
}

function collect(pipe: SpdkPipe, first: [number, number], second: [number, number] | null): PipeBuffer {
  const iovs: Iov[] = [];
  if (first[1] > 0) iovs.push(pipeIov(pipe, first[0], first[1]));
  if (second !== null && second[1] > 0) iovs.push(pipeIov(pipe, second[0], second[1]));
  let bytes = 0;
  for (const v of iovs) bytes += v.len;
  return { iovs, bytes };
}

/**
 * spdk_pipe_writer_get_buffer: free space to write up to `requested` bytes into. When the
 * free space runs from `write` to the end and continues at 0 (read <= write), the
 * request is split in two iovecs.
 */
export function spdkPipeWriterGetBuffer(pipe: SpdkPipe, requested: number): PipeBuffer {
  const { read, write, sz } = pipe;
  if (pipe.full || requested <= 0) return { iovs: [], bytes: 0 };
  if (read <= write) {
    const first = Math.min(requested, sz - write);
    const rest = requested - first;
    const second = rest > 0 ? Math.min(rest, read) : 0;
    return collect(pipe, [write, first], [0, second]);
  }
  return collect(pipe, [write, Math.min(requested, read - write)], null);
}

/**
 * spdk_pipe_writer_advance: `n` bytes were written at `write`. Refuses (-EINVAL, nothing
 * changed) to move past the free space. Returns 0 on success.
 *
 * Simplification: v24.09 marks an empty pipe full when advanced by 0 (read == write after
 * a no-op move); its callers never advance by 0, and here 0 is a no-op.
 */
export function spdkPipeWriterAdvance(pipe: SpdkPipe, n: number): number {
  const { read, sz } = pipe;
  let write = pipe.write;
  if (n > sz || pipe.full || n < 0) return EINVAL;
  if (n === 0) return 0;
  if (read <= write) {
    if (n > sz - write + read) return EINVAL;
    const first = Math.min(n, sz - write);
    write += first;
    if (write === sz) write = 0;
    if (n - first > 0) write = n - first;
  } else {
    if (n > read - write) return EINVAL;
    write += n;
  }
  if (read === write) pipe.full = true;
  pipe.write = write;
  return 0;
}

/** spdk_pipe_reader_bytes_available */
export function spdkPipeReaderBytesAvailable(pipe: SpdkPipe): number {
  const { read, write, sz } = pipe;
  if (read === write && !pipe.full) return 0;
  if (read < write) return write - read;
  return sz - read + write;
}

/**
 * spdk_pipe_reader_get_buffer: stored bytes to read, up to `requested`; two iovecs when
 * they run to the end of the buffer and continue at 0.
 */
export function spdkPipeReaderGetBuffer(pipe: SpdkPipe, requested: number): PipeBuffer {
  const { read, write, sz } = pipe;
  if ((read === write && !pipe.full) || requested <= 0) return { iovs: [], bytes: 0 };
  if (read < write) return collect(pipe, [read, Math.min(requested, write - read)], null);
  const first = Math.min(requested, sz - read);
  const rest = requested - first;
  return collect(pipe, [read, first], [0, rest > 0 ? Math.min(rest, write) : 0]);
}

/**
 * spdk_pipe_reader_advance: `n` bytes were consumed at `read`. Refuses (-EINVAL, nothing
 * changed) to move past the stored bytes. When the pipe becomes empty both offsets go
 * back to 0.
 *
 * Simplification: v24.09 does not check an advance on an already empty pipe (read ==
 * write, not full) that stays within the end of the buffer: it would move `read` past
 * `write` and make unwritten bytes readable. Its callers never do it (they advance by what
 * reader_get_buffer gave); here it is refused like any other advance too far.
 */
export function spdkPipeReaderAdvance(pipe: SpdkPipe, n: number): number {
  const { write, sz } = pipe;
  let read = pipe.read;
  if (n === 0) return 0;
  if (n < 0 || n > spdkPipeReaderBytesAvailable(pipe)) return EINVAL;
  if (read < write) {
    read += n;
  } else {
    const first = Math.min(n, sz - read);
    read += first;
    if (read === sz) read = 0;
    if (n - first > 0) read = n - first;
  }
  // At least one byte left, so the pipe cannot be full any more.
  pipe.full = false;
  if (read === write && pipe.rewindOnEmpty) {
    // Emptied: both offsets back to the start (v24.09 reuses the same memory this way).
    read = 0;
    pipe.write = 0;
  }
  pipe.read = read;
  return 0;
}
