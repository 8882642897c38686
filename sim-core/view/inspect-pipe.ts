/**
 * The inspector for the SPDK recv pipe (struct spdk_pipe in spdk_posix_sock, spdk/sock/state.ts):
 * its read and write offsets, the full flag, the bytes it holds, and those bytes in reading
 * order, labelled by PDU field.
 *
 * Which stream bytes the pipe holds: posix_sock_readv serves a read from the pipe whenever the
 * pipe has data and reads the socket directly only when the pipe is empty, so the bytes in the
 * pipe are always the last ones tcp_recvmsg copied: they end at copied_seq.
 */
import type { World } from '../engine/world';
import { spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { bytes, field, notPresent } from './inspect-format';
import { HexBuilder } from './inspect-hex';
import type { InspectSelection, InspectView } from './inspect-types';
import { type PipeWrite, writeIovs } from './pipe';

export function inspectPipe(w: World, sel: InspectSelection, last: PipeWrite | null): InspectView {
  const s = w.sock;
  const p = s.recvPipe;
  const title = 'recv_pipe (spdk_pipe)';
  if (p === null) {
    return notPresent(
      sel,
      'pipe',
      sel.id,
      title,
      'The recv pipe does not exist yet at this step: the target sizes it (spdk_sock_set_recvbuf) when the ICReq arrives.',
    );
  }
  const avail = spdkPipeReaderBytesAvailable(p);
  const iovs = last === null ? [] : writeIovs(last.bytes, last.writeAfter, p.sz);
  const fields = [
    field('sz', p.sz, 'bytes of the ring buffer (recv_buf_sz)'),
    field('read', p.read, 'offset of the next byte to read'),
    field('write', p.write, 'offset of the next byte to write'),
    field('full', p.full, 'read == write means full when set, empty when clear'),
    field('spdk_pipe_reader_bytes_available', avail),
    field('free', p.sz - avail, 'what spdk_pipe_writer_get_buffer can hand out'),
    field('socket_has_data', s.socketHasData, 'set when the kernel socket may hold bytes (EPOLLIN seen)'),
    field('pipe_has_data', s.pipeHasData, 'set while the pipe holds bytes'),
    field(
      'last readv into the pipe',
      iovs.length === 0 ? 'none yet' : iovs.map(([o, n]) => `[${o}, ${o + n})`).join(' and '),
      iovs.length === 2
        ? 'the free space wrapped past the end: two iovecs'
        : 'posix_sock_read fills the pipe with one readv',
    ),
    field('pipe fills (two iovecs)', `${s.counters.pipeFills} (${s.counters.pipeFillsTwoIov})`),
    field('bytes in / out of the pipe', `${s.counters.pipeInBytes} / ${s.counters.pipeOutBytes}`),
  ];
  const hb = new HexBuilder(w);
  const t = w.tcp;
  if (avail > 0 && t !== null) {
    const first = Math.min(avail, p.sz - p.read);
    const held = new Uint8Array(Math.min(avail, hb.room));
    held.set(p.buf.subarray(p.read, p.read + Math.min(first, held.length)));
    if (held.length > first) held.set(p.buf.subarray(0, held.length - first), first);
    hb.addStream(held, (t.copiedSeq - avail) >>> 0);
  }
  return {
    selection: sel,
    kind: 'pipe',
    id: sel.id,
    present: true,
    title,
    summary: `${bytes(avail)} held of ${p.sz}${p.full ? ' (full)' : ''}; read at ${p.read}, write at ${p.write}.`,
    fields,
    hex:
      avail === 0
        ? null
        : hb.done({
            total: avail,
            base: p.read,
            modulo: p.sz,
            caption: `The bytes the pipe holds, in reading order from read = ${p.read}${p.read + avail > p.sz ? ' (they wrap past the end to offset 0)' : ''}.`,
          }),
  };
}
