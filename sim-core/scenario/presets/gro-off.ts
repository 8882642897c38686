import type { Preset } from './types';

/** Same workload as `gro-on` (see there), with GRO off: every segment is its own skb through ip_rcv and tcp_v4_rcv. */
export const groOff: Preset = {
  id: 'gro-off',
  title: 'GRO off',
  description:
    'The same four 128 KiB writes with GRO off: every segment travels up the stack as its own skb. ' +
    'Watch the per-skb protocol work grow compared with gro-on.',
  overrides: {
    softirq: { gro: false },
    workload: { writes: 4, ioSizeBytes: 131_072, queueDepth: 4 },
  },
};
