import type { Preset } from './types';

/**
 * MTU 9000 gives 9014-byte frames (9018 with FCS); with 2048-byte buffers (what igb uses in its
 * legacy-rx mode) each frame spans 5 descriptors, the first four without EOP (igb_is_non_eop).
 * A 128 KiB write gives ~15 such frames (MSS 8948 with timestamps).
 */
export const jumboMultiDesc: Preset = {
  id: 'jumbo-multi-desc',
  title: 'Jumbo frames over several descriptors',
  description:
    'With MTU 9000 and 2048-byte receive buffers, each frame fills five descriptors. Watch igb chain them (no EOP until the ' +
    'last) into one skb before it goes up the stack.',
  overrides: {
    wire: { mtu: 9000 },
    nic: { rxBufferSize: 2048 },
    workload: { ioSizeBytes: 131_072 },
  },
};
