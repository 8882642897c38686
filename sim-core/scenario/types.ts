/**
 * The scenario: every knob of the model (MODEL.md), one versioned document.
 * The zod schema in `schema.ts` is the runtime truth; this file is the TypeScript shape
 * the simulation reads. Defaults are the real ones (Linux 6.5, SPDK v24.09) and live in
 * `defaults.ts`. Units are in the names: Ns = nanoseconds, Bps = bits per second, Bytes.
 */

export const SCENARIO_VERSION = 1 as const;

export type Fault =
  /** Host's TCP sender loses its N-th data segment (1-based, counting first transmissions only). */
  | { kind: 'drop-segment'; segment: number }
  /** The N-th data segment is sent twice. */
  | { kind: 'duplicate-segment'; segment: number }
  /** The N-th data segment is held back and sent after the next `by` segments. */
  | { kind: 'reorder-segment'; segment: number; by: number }
  /** Flip bits of the header digest of the K-th PDU the host sends (1-based, ICReq is 1). */
  | { kind: 'corrupt-hdgst'; pdu: number }
  /** Flip bits of the data digest of the K-th PDU the host sends. */
  | { kind: 'corrupt-ddgst'; pdu: number }
  /** Overwrite a header field of the K-th PDU the host sends (digests recomputed after, so only the field is wrong). */
  | { kind: 'corrupt-field'; pdu: number; field: PduField; value: number };

export type PduField = 'pdu_type' | 'flags' | 'hlen' | 'pdo' | 'plen' | 'cccid' | 'ttag' | 'datao' | 'datal';

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  /** Preset id, or 'custom'. */
  id: string;
  title: string;
  description: string;
  seed: number;

  wire: {
    /** Link rate. igb parts are 1 GbE; higher rates are a what-if (10g-sustained). */
    linkRateBps: number;
    /** One-way propagation delay host <-> target. */
    oneWayDelayNs: number;
    mtu: number;
    /** TCP timestamps option on (12 bytes per segment: MSS 1448 at MTU 1500). */
    tcpTimestamps: boolean;
  };

  workload: {
    /** Number of write commands the host issues. */
    writes: number;
    /** Bytes per write (multiple of the 512-byte LBA). */
    ioSizeBytes: number;
    /** Outstanding commands the host keeps (I/O queue depth). */
    queueDepth: number;
    /** Host-side gap before issuing each new command, models a slow or bursty initiator. */
    thinkTimeNs: number;
    /** Host PDU data alignment asked in ICReq (HPDA); SPDK answers CPDA = min(HPDA, 31) and then requires PDO to be a multiple of (CPDA+1)*4. */
    hpda: number;
    /** When set, the host sends these bytes (hex) as its whole TCP stream instead of generating PDUs. */
    rawStreamHex: string | null;
  };

  nic: {
    /** igb RX descriptors (IGB_DEFAULT_RXD 256, min 80, max 4096, multiple of 8). */
    rxRingSize: number;
    /** RX buffer per descriptor: 2048 (legacy) or 3072 (IGB_RXBUFFER_3072). 0 = chosen by the driver from the MTU. */
    rxBufferSize: 0 | 2048 | 3072;
    /** Interrupt moderation: maximum interrupts per second (ITR); 0 = no moderation. */
    itrIntsPerSec: number;
  };

  softirq: {
    /** net.core.netdev_budget */
    netdevBudget: number;
    /** net.core.netdev_budget_usecs (2 jiffies). */
    netdevBudgetUsecs: number;
    /** NAPI weight (NAPI_POLL_WEIGHT 64). */
    napiWeight: number;
    /** __do_softirq: MAX_SOFTIRQ_RESTART and MAX_SOFTIRQ_TIME. */
    maxSoftirqRestart: number;
    maxSoftirqTimeNs: number;
    /** CONFIG_HZ (jiffy length). */
    hz: number;
    gro: boolean;
    /** net.core.gro_normal_batch */
    groNormalBatch: number;
  };

  tcp: {
    /** net.core.rmem_max; SO_RCVBUF requests are clamped to it, then doubled. */
    rmemMax: number;
    /** net.core.wmem_max, same rule for SO_SNDBUF. */
    wmemMax: number;
    /** What SPDK asks with SO_RCVBUF / SO_SNDBUF (2 MiB). */
    soRcvbufRequest: number;
    soSndbufRequest: number;
    /** Delayed ACK timer (TCP_DELACK_MIN 40 ms). */
    delayedAckNs: number;
    /** sk_rcvlowat (SPDK sets 1). */
    rcvlowat: number;
    /** Sender retransmission timeout (TCP_RTO_MIN 200 ms); fast retransmit after 3 dup ACKs also modelled. */
    rtoNs: number;
  };

  cpu: {
    /** Core that takes the igb IRQ and runs softirq/ksoftirqd is 0; the SPDK reactor runs on this core (0 = shares it, 1 = its own). */
    reactorCore: 0 | 1;
    /** CFS time slice when ksoftirqd and the reactor share a core. */
    schedSliceNs: number;
    costs: CpuCosts;
  };

  spdk: {
    inCapsuleDataSize: number;
    maxIoSize: number;
    ioUnitSize: number;
    /** Shared data buffer pool (num_shared_buffers 511). */
    numSharedBuffers: number;
    /** Per poll group buffer cache (buf_cache_size). */
    bufCacheSize: number;
    /** Max queue depth per qpair (max_queue_depth 128): number of tcp_req slots. */
    maxQueueDepth: number;
    /** Digests the host asks for in ICReq (the SPDK target accepts both). */
    headerDigest: boolean;
    dataDigest: boolean;
    /** dif_insert_or_strip with 512+8 blocks (seed 000). */
    difInsertOrStrip: boolean;
    /**
     * spdk_pipe rewinds read and write to 0 when it empties (true: v24.05 and later, so v24.09).
     * false shows the older behaviour the seed article describes, where an empty pipe keeps its
     * offsets and posix_sock_read's readv gets two iovecs when the free space wraps.
     */
    pipeRewindOnEmpty: boolean;
    /** Backend (bdev) latency from submit to completion. */
    backendLatencyNs: number;
    /** Reactor: delay from data becoming readable to the next poll noticing it (idle polls are elided from the trace). */
    pollIntervalNs: number;
  };

  faults: Fault[];

  limits: {
    /** Stop at this simulated time even if work remains. */
    maxSimTimeNs: number;
    /** Stop after this many trace events. */
    maxEvents: number;
  };
}

/** Costs of work on a CPU, in nanoseconds (per-byte costs in picoseconds per byte). */
export interface CpuCosts {
  hardIrqNs: number;
  /** igb_clean_rx_irq per descriptor (fetch, build/add frag, checksum offload flags). */
  perDescriptorNs: number;
  /** Protocol work per skb: GRO + ip_rcv + tcp_v4_rcv. */
  perSkbNs: number;
  /** Entering/leaving a syscall (readv, epoll_wait). */
  syscallNs: number;
  /** memcpy cost per byte copied by a CPU (kernel to user, pipe to iov). */
  copyPsPerByte: number;
  /** One SPDK reactor poll iteration with work (group poll, state handler). */
  pollNs: number;
  /** Handling one PDU header / one tcp_req state step in nvmf. */
  pduHandleNs: number;
  /** Software CRC32C per byte when digests are on (SPDK uses ISA-L: fast). */
  crcPsPerByte: number;
}
