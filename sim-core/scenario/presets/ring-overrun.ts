import type { Preset } from './types';

/**
 * The ring fills between two interrupts: at 500 interrupts/s the IRQ may fire only every 2 ms, and a
 * 1 Gb/s link delivers a full frame every 12.3 µs (1538 bytes on the wire), about 162 frames per
 * interval, while an 80-descriptor ring holds 79 (one slot always stays empty). The rest find no armed
 * descriptor and are dropped (rx_missed_errors). 8 x 128 KiB at QD 8 keeps the sender busy for ~8 ms;
 * the default receive window (~200 KiB, 140+ segments) lets it send more than 79 frames unacknowledged.
 * TCP recovers the losses by fast retransmit / RTO, so integrity still holds at the end.
 * The reactor shares the IRQ core (the default), as the description says.
 */
export const ringOverrun: Preset = {
  id: 'ring-overrun',
  title: 'RX ring overrun',
  description:
    'A burst into an 80-descriptor ring with interrupts allowed only every 2 ms: the NIC runs out of armed descriptors ' +
    'and drops frames. Watch TCP retransmit the lost segments so that every byte still lands at the end.',
  overrides: {
    nic: { rxRingSize: 80, itrIntsPerSec: 500 },
    cpu: { reactorCore: 0 },
    workload: { writes: 8, ioSizeBytes: 131_072, queueDepth: 8 },
  },
};
