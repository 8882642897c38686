/**
 * The allowed range of every numeric knob, by path. One table so the schema, the error messages
 * and any UI control (slider bounds) read the same numbers. Where a bound is a real limit of Linux
 * 6.5 / igb / SPDK v24.09 the comment says so; the others are the simulator's own bounds (kept so
 * that a scenario always finishes in reasonable time and memory).
 */
import { isPowerOfTwo, type NumberRule } from './fields';

/** SPDK_NVMF_MAX_SGL_ENTRIES (include/spdk/nvmf_transport.h): max_io_size / io_unit_size may not exceed it. */
export const SPDK_NVMF_MAX_SGL_ENTRIES = 16;
/** Total payload bytes of one scenario's workload (writes x ioSizeBytes): the simulator's bound. */
export const MAX_WORKLOAD_BYTES = 4 * 1024 ** 3;
/** Bytes of `workload.rawStreamHex` (the hex string holds twice as many characters). */
export const MAX_RAW_STREAM_BYTES = 1024 * 1024;
export const MAX_FAULTS = 64;
/** CONFIG_HZ choices offered by the kernel's Kconfig (kernel/Kconfig.hz). */
export const HZ_VALUES = [100, 250, 300, 1000] as const;

const U32_MAX = 0xffff_ffff;

export const RULES = {
  seed: { min: 0, max: U32_MAX, unit: 'count' },

  'wire.linkRateBps': { min: 10_000_000, max: 100_000_000_000, unit: 'bit/s' },
  'wire.oneWayDelayNs': { min: 0, max: 100_000_000, unit: 'ns' },
  // igb: netdev->min_mtu = ETH_MIN_MTU (68), max_mtu = MAX_STD_JUMBO_FRAME_SIZE (9216). The simulator
  // asks for at least 576 (the IPv4 minimum datagram) so the MSS never falls under the kernel's
  // clamps (ip_rt_min_advmss 256, tcp_min_snd_mss 48) and stays >= 524 with timestamps.
  'wire.mtu': { min: 576, max: 9216, unit: 'B' },

  'workload.writes': { min: 0, max: 1_000_000, unit: 'count' },
  'workload.ioSizeBytes': { min: 512, max: 1024 * 1024, step: 512, unit: 'B' },
  'workload.queueDepth': { min: 1, max: 128, unit: 'count' },
  'workload.thinkTimeNs': { min: 0, max: 1_000_000_000, unit: 'ns' },
  // NVMe/TCP ICReq HPDA is 0..31 (SPDK_NVME_TCP_HPDA_MAX); alignment is (hpda + 1) * 4 bytes.
  'workload.hpda': { min: 0, max: 31, unit: 'count' },

  // IGB_MIN_RXD 80 and IGB_MAX_RXD 4096 in Linux 6.5 (64 only from 6.6 / later stable backports);
  // ethtool rounds to IGB_REQ_RX_DESCRIPTOR_MULTIPLE 8.
  'nic.rxRingSize': { min: 80, max: 4096, step: 8, unit: 'count' },
  // ethtool rx-usecs for igb: IGB_MIN_ITR_USECS 10 .. IGB_MAX_ITR_USECS 8191 (1e6/8191 = 122.1/s),
  // 0 = no moderation.
  'nic.itrIntsPerSec': {
    min: 0,
    max: 100_000,
    unit: 'ints/s',
    extra: {
      test: (v: number) => v === 0 || v >= 123,
      text: 'must be 0 (no moderation) or an integer between 123 and 100000 interrupts/s (igb rx-usecs 8191 to 10)',
    },
  },

  'softirq.netdevBudget': { min: 1, max: 100_000, unit: 'count' },
  'softirq.netdevBudgetUsecs': { min: 0, max: 1_000_000, unit: 'us' },
  'softirq.napiWeight': { min: 1, max: 1024, unit: 'count' },
  'softirq.maxSoftirqRestart': { min: 1, max: 100, unit: 'count' },
  'softirq.maxSoftirqTimeNs': { min: 1_000, max: 100_000_000, unit: 'ns' },
  'softirq.hz': {
    min: 100,
    max: 1000,
    unit: 'Hz',
    extra: {
      test: (v: number) => (HZ_VALUES as readonly number[]).includes(v),
      text: `must be one of ${HZ_VALUES.join(', ')} (the CONFIG_HZ choices)`,
    },
  },
  // net.core.gro_normal_batch has a minimum of 1 (SYSCTL_ONE).
  'softirq.groNormalBatch': { min: 1, max: 1024, unit: 'count' },

  'tcp.rmemMax': { min: 4096, max: 256 * 1024 * 1024, unit: 'B' },
  'tcp.wmemMax': { min: 4096, max: 256 * 1024 * 1024, unit: 'B' },
  // SPDK posix sock raises any smaller request to MIN_SO_RCVBUF_SIZE / MIN_SO_SNDBUF_SIZE (4 KiB).
  'tcp.soRcvbufRequest': { min: 4096, max: 256 * 1024 * 1024, unit: 'B' },
  'tcp.soSndbufRequest': { min: 4096, max: 256 * 1024 * 1024, unit: 'B' },
  // TCP_DELACK_MAX is HZ/5 = 200 ms.
  'tcp.delayedAckNs': { min: 1_000_000, max: 200_000_000, unit: 'ns' },
  'tcp.rcvlowat': { min: 1, max: 16 * 1024 * 1024, unit: 'B' },
  // TCP_RTO_MAX is 120 s; below TCP_RTO_MIN only with a route's rto_min.
  'tcp.rtoNs': { min: 1_000_000, max: 60_000_000_000, unit: 'ns' },

  'cpu.schedSliceNs': { min: 100_000, max: 100_000_000, unit: 'ns' },
  'cpu.costs.hardIrqNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.perDescriptorNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.perSkbNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.syscallNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.copyPsPerByte': { min: 0, max: 1_000_000, unit: 'ps/B' },
  'cpu.costs.pollNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.pduHandleNs': { min: 0, max: 1_000_000, unit: 'ns' },
  'cpu.costs.crcPsPerByte': { min: 0, max: 1_000_000, unit: 'ps/B' },

  // IOCCSZ is reported in 16-byte units (ctrlr.c: ioccsz += in_capsule_data_size / 16), so keep it a
  // multiple of 16. 0 is allowed by SPDK (every write then waits for an R2T).
  'spdk.inCapsuleDataSize': { min: 0, max: 1024 * 1024, step: 16, unit: 'B' },
  // nvmf_transport_create: "max_io_size must be a power of 2 and be greater than or equal 8KB".
  // Upper bound 1 MiB is the simulator's.
  'spdk.maxIoSize': {
    min: 8192,
    max: 1024 * 1024,
    unit: 'B',
    extra: {
      test: isPowerOfTwo,
      text: 'must be a power of two between 8192 and 1048576 bytes (8 KiB to 1 MiB)',
    },
  },
  // io_unit_size may not exceed the iobuf large buffer (IOBUF_DEFAULT_LARGE_BUFSIZE 132 KiB = 135168).
  // The multiple of 512 is the simulator's (LBA-sized pieces).
  'spdk.ioUnitSize': { min: 512, max: 135_168, step: 512, unit: 'B' },
  'spdk.numSharedBuffers': { min: 1, max: 65_535, unit: 'count' },
  'spdk.bufCacheSize': { min: 0, max: 65_535, unit: 'count' },
  // SPDK_NVMF_TCP_MIN_IO_QUEUE_DEPTH 2; SPDK accepts up to 65535, the simulator stops at 1024.
  'spdk.maxQueueDepth': { min: 2, max: 1024, unit: 'count' },
  'spdk.backendLatencyNs': { min: 0, max: 1_000_000_000, unit: 'ns' },
  'spdk.pollIntervalNs': { min: 0, max: 100_000_000, unit: 'ns' },

  'fault.segment': { min: 1, max: 10_000_000, unit: 'count' },
  'fault.by': { min: 1, max: 1000, unit: 'count' },
  'fault.pdu': { min: 1, max: 10_000_000, unit: 'count' },
  'fault.value': { min: 0, max: U32_MAX, unit: 'count' },

  'limits.maxSimTimeNs': { min: 1, max: 60_000_000_000, unit: 'ns' },
  'limits.maxEvents': { min: 1, max: 50_000_000, unit: 'count' },
} as const satisfies Record<string, NumberRule>;

export type RulePath = keyof typeof RULES;

/** Width in bits of each PDU header field a `corrupt-field` fault may overwrite. */
export const PDU_FIELD_BITS = {
  pdu_type: 8,
  flags: 8,
  hlen: 8,
  pdo: 8,
  plen: 32,
  cccid: 16,
  ttag: 16,
  datao: 32,
  datal: 32,
} as const;
