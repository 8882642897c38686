import type { Preset } from './types';

/**
 * Data segments are counted from the first: 1 ICReq, 2 Connect, 3 the write's CapsuleCmd, then the
 * H2CData of the 128 KiB write in ~91 segments from 4 on. Dropping segment 10 (the 7th H2CData
 * segment) leaves ~84 later segments to wait in the out-of-order queue; their duplicate ACKs trigger a
 * fast retransmit that fills the gap.
 */
export const outOfOrder: Preset = {
  id: 'out-of-order',
  title: 'A lost segment and the out-of-order queue',
  description:
    'One segment of a 128 KiB write is lost on the wire: the segments after it wait in the out-of-order queue until the ' +
    'retransmission fills the gap. Watch the whole run move to the receive queue at once, and every byte still land.',
  overrides: {
    workload: { ioSizeBytes: 131_072 },
    faults: [{ kind: 'drop-segment', segment: 10 }],
  },
};
