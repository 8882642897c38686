import type { Preset } from './types';

/**
 * A slow reader and a small buffer. rmem_max 65536 clamps SPDK's 2 MiB SO_RCVBUF request, so
 * sk_rcvbuf = 131072 (doubled). The reactor notices readable data only 5 ms later; at 1 Gb/s the
 * buffer is full in about 1 ms, so the advertised window falls to 0 and the host stalls (persist).
 * When the reactor reads, tcp_cleanup_rbuf sends a window update and the host resumes.
 * 8 x 128 KiB at QD 8 gives 1 MiB, several fill-and-drain rounds.
 */
export const zeroWindow: Preset = {
  id: 'zero-window',
  title: 'Zero window',
  description:
    'A slow reactor and a small receive buffer: the receive queue fills, the advertised window closes and the host stops sending. ' +
    'Watch the window update after the reactor finally reads, and the host resume.',
  overrides: {
    tcp: { rmemMax: 65_536 },
    spdk: { pollIntervalNs: 5_000_000 },
    cpu: { reactorCore: 1 },
    workload: { writes: 8, ioSizeBytes: 131_072, queueDepth: 8 },
  },
};
