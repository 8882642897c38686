import type { Preset } from './types';

/**
 * The benchmark workload. 9,500 x 128 KiB = 1.245 GB of payload; at 10 Gb/s with 1448 payload bytes
 * per 1538 wire bytes that is ~1.06 s. About 860,000 data segments, so the event limit is raised to
 * its maximum (50 M); 5 s of simulated time is ample.
 */
export const tenGSustained: Preset = {
  id: '10g-sustained',
  title: 'One second of saturated 10 GbE',
  description:
    'About 9,500 writes of 128 KiB at queue depth 32 keep a 10 GbE link busy for one second (igb hardware is 1 GbE, so ' +
    'this is a what-if). Watch throughput, CPU copies per payload byte and the final integrity check.',
  overrides: {
    wire: { linkRateBps: 10_000_000_000 },
    workload: { writes: 9500, ioSizeBytes: 131_072, queueDepth: 32 },
    cpu: { reactorCore: 1 },
    limits: { maxEvents: 50_000_000 },
  },
};
