/**
 * The SPDK recv pipe as drawn (spdk/sock/state.ts, spdk/sock/pipe.ts): read and write heads,
 * the full flag, the bytes held (cut by the PDU they belong to), and the iovecs of the last
 * readv that filled it, one or two (when the free space wrapped past the end).
 *
 * Which stream bytes the pipe holds: every byte tcp_recvmsg copies out of the socket goes either
 * into the pipe or, only while the pipe is empty, straight to the caller (posix_sock_readv's
 * direct path). So the bytes held are always the last ones copied: the stream range that ends at
 * copied_seq.
 */
import type { World } from '../engine/world';
import { spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { pipeSpans } from './pipe-spans';
import type { PipeView } from './types';

/** The last spdk_pipe_writer_advance row: bytes written and the write offset after. */
export interface PipeWrite {
  step: number;
  bytes: number;
  writeAfter: number;
}

/** The iovecs a write of `bytes` ending at offset `writeAfter` used, in a pipe of `sz` bytes. */
export function writeIovs(bytes: number, writeAfter: number, sz: number): [number, number][] {
  if (bytes <= 0 || sz <= 0) return [];
  const start = (((writeAfter - bytes) % sz) + sz) % sz;
  const first = Math.min(bytes, sz - start);
  return first === bytes
    ? [[start, bytes]]
    : [
        [start, first],
        [0, bytes - first],
      ];
}

export function pipeView(w: World, last: PipeWrite | null): PipeView | null {
  const s = w.sock;
  const p = s.recvPipe;
  if (p === null) return null;
  const bytes = spdkPipeReaderBytesAvailable(p);
  return {
    sz: p.sz,
    read: p.read,
    write: p.write,
    full: p.full,
    bytes,
    lastWriteIovs: last === null ? [] : writeIovs(last.bytes, last.writeAfter, p.sz),
    lastWriteStep: last === null ? -1 : last.step,
    socketHasData: s.socketHasData,
    pipeHasData: s.pipeHasData,
    spans: pipeSpans(w, p, bytes),
    rewindOnEmpty: p.rewindOnEmpty,
  };
}
