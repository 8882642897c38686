import type { Preset } from './types';

/**
 * 512-byte in-capsule writes: every read SPDK makes is under MIN_SOCK_PIPE_SIZE (1024): the 8-byte
 * common header, the 64-byte PSH, and the 512-byte payload. So every byte goes through the 33,344-byte
 * recv pipe (two CPU copies per byte) and 200 PDUs of 584 bytes at QD 32 keep it busy.
 *
 * In SPDK v24.09 the pipe never wraps on this path: posix_sock_read refills it only when it is empty
 * and spdk_pipe_reader_advance rewinds both offsets to 0 when it empties (since v24.05). To show the
 * wrapping two-iovec readv that the seed article describes, this preset turns that rewind off
 * (spdk.pipeRewindOnEmpty = false: the pre-v24.05 pipe), and its description says so.
 */
export const pipeWrap: Preset = {
  id: 'pipe-wrap',
  title: 'Many small PDUs through the recv pipe (pre-v24.05 pipe)',
  description:
    'Two hundred 512-byte writes: every header and payload read is under 1024 bytes, so SPDK reads them through its recv ' +
    'pipe and each byte is copied twice. This preset uses the pipe of SPDK before v24.05, which kept its offsets when it ' +
    'emptied, so the free space wraps and posix_sock_read calls readv with two iovecs; v24.09 rewinds an empty pipe to 0 and never wraps here.',
  overrides: {
    workload: { writes: 200, ioSizeBytes: 512, queueDepth: 32 },
    spdk: { pipeRewindOnEmpty: false },
  },
};
