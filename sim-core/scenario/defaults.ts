/**
 * The real defaults: Linux 6.5 (igb driver, CONFIG_HZ=250 as in Debian's kernels) and SPDK v24.09
 * (nvmf TCP transport, posix sock). Each knob cites where its value comes from. Values marked
 * "estimate" are not defaults of any software: they describe the environment (CPU speed, wire,
 * backend) and are plausible numbers for a ~3 GHz server core, to be tuned.
 */
import { write4kIncapsule } from './presets/write-4k-incapsule';
import { SCENARIO_VERSION, type Scenario } from './types';

/** CONFIG_HZ=250 (Debian's kernel config); one jiffy is 4 ms. */
const HZ = 250;
const USEC_PER_SEC = 1_000_000;

/** Freezes a plain data tree so no caller can change the shared defaults by accident. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}

export const DEFAULT_SCENARIO: Scenario = deepFreeze({
  version: SCENARIO_VERSION,
  // The defaults are exactly the default preset (it has no overrides).
  id: write4kIncapsule.id,
  title: write4kIncapsule.title,
  description: write4kIncapsule.description,
  seed: 1, // any uint32; the run is deterministic for a given seed

  wire: {
    linkRateBps: 1_000_000_000, // igb parts (82575/82576/i350/i210/i211) are 1 GbE
    oneWayDelayNs: 10_000, // estimate: same rack, one switch (about 20 µs round trip on the wire)
    mtu: 1500, // ETH_DATA_LEN, ether_setup()
    tcpTimestamps: true, // net.ipv4.tcp_timestamps = 1: 12 option bytes per segment, MSS 1448 at MTU 1500
  },

  workload: {
    writes: 1, // one 4 KiB write, the smallest run that walks the whole path
    ioSizeBytes: 4096, // = in_capsule_data_size, so it is sent in-capsule
    queueDepth: 1,
    thinkTimeNs: 0,
    hpda: 0, // Linux nvme-tcp host sends HPDA 0 in its ICReq
    rawStreamHex: null,
  },

  nic: {
    rxRingSize: 256, // IGB_DEFAULT_RXD (drivers/net/ethernet/intel/igb/igb.h)
    rxBufferSize: 0, // chosen by igb_set_rx_buffer_len() from the MTU: 2048 at MTU 1500, 3072 for larger frames
    // IGB_START_ITR 648 is "~6000 ints/sec" (igb.h). Real igb default rx-usecs is 3 (dynamic conservative
    // ITR) which starts there and moves between about 4000 and 20000 with the traffic; the model keeps it fixed.
    itrIntsPerSec: 6000,
  },

  softirq: {
    netdevBudget: 300, // net.core.netdev_budget (net/core/dev.c)
    netdevBudgetUsecs: (2 * USEC_PER_SEC) / HZ, // net.core.netdev_budget_usecs = 2 * USEC_PER_SEC / HZ = 8000 µs at HZ 250
    napiWeight: 64, // NAPI_POLL_WEIGHT (include/linux/netdevice.h); igb uses it
    maxSoftirqRestart: 10, // MAX_SOFTIRQ_RESTART (kernel/softirq.c)
    // MAX_SOFTIRQ_TIME is msecs_to_jiffies(2) (kernel/softirq.c); the kernel compares jiffies, so at HZ 250
    // it rounds up to one 4 ms jiffy boundary. The model stores the nominal 2 ms.
    maxSoftirqTimeNs: 2_000_000,
    hz: HZ,
    gro: true, // NETIF_F_GRO is on by default for igb
    groNormalBatch: 8, // net.core.gro_normal_batch (net/core/dev.c)
  },

  tcp: {
    rmemMax: 212_992, // net.core.rmem_max = SK_RMEM_MAX (include/net/sock.h) on x86_64
    wmemMax: 212_992, // net.core.wmem_max = SK_WMEM_MAX
    soRcvbufRequest: 2 * 1024 * 1024, // SPDK posix sock recv_buf_size DEFAULT_SO_RCVBUF_SIZE (include/spdk_internal/sock.h)
    soSndbufRequest: 2 * 1024 * 1024, // DEFAULT_SO_SNDBUF_SIZE
    delayedAckNs: 40_000_000, // TCP_DELACK_MIN = HZ/25 = 40 ms (include/net/tcp.h)
    rcvlowat: 1, // spdk_sock_set_recvlowat(tqpair->sock, 1) in lib/nvmf/tcp.c (also the kernel's default)
    rtoNs: 200_000_000, // TCP_RTO_MIN = HZ/5 = 200 ms (include/net/tcp.h)
  },

  cpu: {
    reactorCore: 0, // the reactor shares the core that takes the igb IRQ, the interesting case
    // Estimate for CFS (Linux 6.5 is pre-EEVDF): sysctl_sched_latency 6 ms shared by 2 runnable tasks,
    // before the 1 + ilog2(ncpus) scaling (which would make it up to 12 ms).
    schedSliceNs: 3_000_000,
    costs: {
      // All estimates for a ~3 GHz server core.
      hardIrqNs: 1_000, // igb_msix_ring + entry/exit
      perDescriptorNs: 100, // igb_clean_rx_irq per descriptor
      perSkbNs: 300, // GRO + ip_rcv + tcp_v4_rcv per skb
      syscallNs: 300, // entering and leaving readv / epoll_wait
      copyPsPerByte: 100, // 10 GB/s memcpy
      pollNs: 200, // one reactor iteration with work
      pduHandleNs: 150, // one PDU header or tcp_req state step
      crcPsPerByte: 50, // CRC32C with ISA-L, about 20 GB/s
    },
  },

  spdk: {
    // lib/nvmf/tcp.c SPDK_NVMF_TCP_DEFAULT_* constants, v24.09.
    inCapsuleDataSize: 4096, // SPDK_NVMF_TCP_DEFAULT_IN_CAPSULE_DATA_SIZE
    maxIoSize: 131_072, // SPDK_NVMF_TCP_DEFAULT_MAX_IO_SIZE
    ioUnitSize: 131_072, // SPDK_NVMF_TCP_DEFAULT_IO_UNIT_SIZE
    numSharedBuffers: 511, // SPDK_NVMF_TCP_DEFAULT_NUM_SHARED_BUFFERS
    // SPDK_NVMF_TCP_DEFAULT_BUFFER_CACHE_SIZE is UINT32_MAX, meaning "pick at poll group creation":
    // (num_shared_buffers * 3 / 4) / num_poll_groups (lib/nvmf/transport.c) = 383 with the one poll
    // group modelled. Stored resolved so the simulation reads a plain count.
    bufCacheSize: Math.floor((511 * 3) / 4),
    maxQueueDepth: 128, // SPDK_NVMF_TCP_DEFAULT_MAX_IO_QUEUE_DEPTH
    headerDigest: false, // the host asks in ICReq; Linux nvme-cli connects without digests by default
    dataDigest: false,
    difInsertOrStrip: false, // SPDK_NVMF_TCP_DEFAULT_DIF_INSERT_OR_STRIP
    pipeRewindOnEmpty: true, // lib/util/pipe.c since v24.05 ("util/pipe: add pipe empty check")
    backendLatencyNs: 10_000, // estimate: a fast NVMe SSD write into its cache (a malloc bdev would be ~1 µs)
    pollIntervalNs: 1_000, // estimate: a busy-polling reactor with a few pollers notices new data within ~1 µs
  },

  faults: [],

  limits: {
    maxSimTimeNs: 5_000_000_000, // 5 s of simulated time
    maxEvents: 20_000_000,
  },
});
