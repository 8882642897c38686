import type { Preset } from './types';

/**
 * Linux 6.5's net_rx_action polls each NAPI instance once per run: a poll that used its whole weight
 * (64) goes on the repoll list for the next run. With igb's single RX queue for this one flow, a run
 * uses at most 64 of the default 300 budget, so the budget never runs out. This preset therefore sets
 * net.core.netdev_budget = 64 (a sysctl people do tune), so a full-weight poll exhausts it.
 *
 * Make one softirq find far more than netdev_budget descriptors. At 10 Gb/s a full frame lands
 * every 1.23 µs; with interrupts allowed only every 4 ms (250/s) about 3,250 frames wait per interrupt,
 * which a 4096-descriptor ring can hold. net_rx_action stops after 64 (time_squeeze++) and re-raises
 * NET_RX_SOFTIRQ; __do_softirq restarts up to MAX_SOFTIRQ_RESTART (10) times, i.e. ~640 frames, then, then wakes ksoftirqd for the rest. The reactor has its own core so
 * nothing else slows the receive core. The window must not limit the burst: SPDK asks 16 MiB and
 * rmem_max allows it (sk_rcvbuf 32 MiB); 64 x 128 KiB at QD 64 is 8 MiB, ~7 ms of line rate.
 */
export const budgetSqueeze: Preset = {
  id: 'budget-squeeze',
  title: 'Softirq budget squeeze',
  description:
    'Thousands of frames wait at each interrupt and net.core.netdev_budget is lowered to 64, so one full NAPI poll uses it up ' +
    '(with the default 300 and one RX queue it never runs out): net_rx_action stops, counts a time_squeeze and re-raises the softirq; after ten runs ksoftirqd takes over.',
  overrides: {
    wire: { linkRateBps: 10_000_000_000 },
    nic: { rxRingSize: 4096, itrIntsPerSec: 250 },
    softirq: { netdevBudget: 64 },
    tcp: { rmemMax: 16 * 1024 * 1024, soRcvbufRequest: 16 * 1024 * 1024 },
    cpu: { reactorCore: 1 },
    workload: { writes: 64, ioSizeBytes: 131_072, queueDepth: 64 },
  },
};
