import type { Preset } from './types';

/**
 * Why MTU 1442: every PDU here has a length that is a multiple of 8 (ICReq 128, Connect 1096, a 4 KiB
 * in-capsule write 4168), and so is MSS 1448 (MTU 1500 with timestamps), so at MTU 1500 a segment
 * boundary can never fall inside an 8-byte common header. MTU 1442 gives MSS 1390. The four writes
 * (QD 4) are queued together after the Connect completes, so they form one 16,672-byte run starting
 * at a segment boundary: segment boundaries fall at 1390 k, write k starts at 4168 k, and
 * 3 x 1390 = 4170, so the headers of writes 2, 3 and 4 are split 2+6, 4+4 and 6+2 bytes.
 * itrIntsPerSec 0 (no moderation) and the reactor on its own core make each segment reach SPDK
 * before the next one arrives (12 µs apart at 1 Gb/s), so the two halves come in separate reads.
 */
export const headerSplit: Preset = {
  id: 'header-split',
  title: 'A PDU header split across two segments',
  description:
    'With MTU 1442 the TCP segment boundaries fall inside the 8-byte common headers of the 2nd, 3rd and 4th writes. ' +
    'Watch ch_valid_bytes stop part way in AWAIT_PDU_CH and complete when the next segment is read.',
  overrides: {
    wire: { mtu: 1442 },
    workload: { writes: 4, queueDepth: 4 },
    nic: { itrIntsPerSec: 0 },
    cpu: { reactorCore: 1 },
  },
};
