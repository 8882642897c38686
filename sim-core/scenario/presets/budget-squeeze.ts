import type { Preset } from './types';

/**
 * Make one softirq find far more than netdev_budget (300) descriptors. At 10 Gb/s a full frame lands
 * every 1.23 µs; with interrupts allowed only every 4 ms (250/s) about 3,250 frames wait per interrupt,
 * which a 4096-descriptor ring can hold. net_rx_action stops after 300 (time_squeeze++) and re-raises
 * NET_RX_SOFTIRQ; __do_softirq restarts up to MAX_SOFTIRQ_RESTART (10) times, i.e. ~3,000 frames in
 * ~1.2 ms with the default costs, then wakes ksoftirqd for the rest. The reactor has its own core so
 * nothing else slows the receive core. The window must not limit the burst: SPDK asks 16 MiB and
 * rmem_max allows it (sk_rcvbuf 32 MiB); 64 x 128 KiB at QD 64 is 8 MiB, ~7 ms of line rate.
 */
export const budgetSqueeze: Preset = {
  id: 'budget-squeeze',
  title: 'Softirq budget squeeze',
  description:
    'Thousands of frames wait at each interrupt, more than the 300-packet budget of one softirq run: net_rx_action stops, ' +
    'counts a time_squeeze and tries again. Watch ksoftirqd take over after ten restarts.',
  overrides: {
    wire: { linkRateBps: 10_000_000_000 },
    nic: { rxRingSize: 4096, itrIntsPerSec: 250 },
    tcp: { rmemMax: 16 * 1024 * 1024, soRcvbufRequest: 16 * 1024 * 1024 },
    cpu: { reactorCore: 1 },
    workload: { writes: 64, ioSizeBytes: 131_072, queueDepth: 64 },
  },
};
