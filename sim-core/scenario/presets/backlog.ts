import type { Preset } from './types';

/**
 * The reader must hold the socket lock while softirq delivers. With the reactor on its own core the
 * two run truly in parallel; with no interrupt moderation every frame is delivered on its own, every
 * 12.3 µs at 1 Gb/s. A slow copy (4000 ps/byte, 250 MB/s: an exaggerated cache-cold copy) keeps
 * tcp_recvmsg inside lock_sock for ~5.8 µs per 1448-byte segment, so about half the arrivals find the
 * socket owned by user and go to the backlog, drained by release_sock / __sk_flush_backlog.
 */
export const backlog: Preset = {
  id: 'backlog',
  title: 'Segments waiting in the socket backlog',
  description:
    'The reader is still copying inside tcp_recvmsg, holding the socket lock, when softirq on the other core delivers the next ' +
    'segments: they are parked in the backlog. Watch them being processed when the reader calls release_sock.',
  overrides: {
    cpu: { reactorCore: 1, costs: { copyPsPerByte: 4000 } },
    nic: { itrIntsPerSec: 0 },
    workload: { writes: 16, ioSizeBytes: 131_072, queueDepth: 4 },
  },
};
