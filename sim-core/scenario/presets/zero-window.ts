import type { Preset } from './types';

/**
 * A stalled reader and a small buffer. rmem_max 65536 clamps SPDK's 2 MiB SO_RCVBUF request, so
 * sk_rcvbuf = 131072 (doubled) and the offered window is at most 64076 bytes. The reactor notices
 * readable data only 100 ms later; the host's 128 KiB H2CData PDUs arrive within about 1 ms.
 * Once the queued skbs take half the buffer (about 1.4 bytes of truesize per payload byte), quick-ACK
 * mode ends and an ACK could only offer a smaller window, so __tcp_ack_snd_check leaves it to the
 * 40 ms delayed-ACK timer. That ACK offers the free space left; the host (TCP_NODELAY) sends up to
 * that right edge and waits. The next timer ACK, 40 ms later, finds almost nothing free and
 * advertises window 0 (TCPToZeroWindowAdv): the stall must outlast two delayed ACKs. When the reactor reads,
 * tcp_cleanup_rbuf sends the window update and the host resumes. 4 x 128 KiB at QD 4 gives several
 * such rounds.
 */
export const zeroWindow: Preset = {
  id: 'zero-window',
  title: 'Zero window',
  description:
    'A stalled reactor and a small receive buffer: the receive queue fills, the delayed ACK closes the advertised window to 0 and the host stops sending. ' +
    'Watch the window update after the reactor finally reads, and the host resume.',
  overrides: {
    tcp: { rmemMax: 65_536 },
    spdk: { pollIntervalNs: 100_000_000 },
    cpu: { reactorCore: 1 },
    workload: { writes: 4, ioSizeBytes: 131_072, queueDepth: 4 },
  },
};
