import type { Preset } from './types';

/**
 * The default: no overrides at all. A 4 KiB write equals in_capsule_data_size, so it travels inside
 * its CapsuleCmd (one PDU of 72 + 4096 bytes, three segments at MSS 1448) and is read through the
 * recv pipe (the common header read is under 1024 bytes, so posix_sock_readv fills the pipe).
 */
export const write4kIncapsule: Preset = {
  id: 'write-4k-incapsule',
  title: 'A 4 KiB in-capsule write, end to end',
  description:
    'One 4 KiB write sent inside its command capsule, followed from the igb ring through softirq, GRO and the TCP ' +
    "receive queue to SPDK's recv pipe and the request buffer. Watch the same bytes handed on at every stage until the write completes.",
  overrides: {},
};
