import type { Preset } from './types';

/**
 * SCENARIOS.md lists `gro-on-off`; it is two presets, `gro-on` and `gro-off`, with the same workload so
 * their summaries compare directly. Four 128 KiB writes give long runs of full, in-order segments;
 * with the default ITR (~6000/s) each interrupt finds about 13 of them, which GRO merges.
 */
export const groOn: Preset = {
  id: 'gro-on',
  title: 'GRO on',
  description:
    'Four 128 KiB writes with GRO on: consecutive segments of the flow are merged into a few large skbs before they reach TCP. ' +
    'Watch how many skbs the receive queue gets per interrupt, then compare with gro-off.',
  overrides: {
    softirq: { gro: true },
    workload: { writes: 4, ioSizeBytes: 131_072, queueDepth: 4 },
  },
};
