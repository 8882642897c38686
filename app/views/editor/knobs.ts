/**
 * The editor's catalogue: every knob of the scenario (sim-core/scenario/types.ts), grouped by the
 * stage it acts on, with the name a reader knows it by and where its default comes from (the
 * citations of sim-core/scenario/defaults.ts, in short). Ranges and units are not repeated here:
 * they come from sim-core's RULES, the same table the schema checks. knobs.test.ts checks that
 * the catalogue names every knob of DEFAULT_SCENARIO exactly once.
 */
import { HZ_VALUES, RULES, type RulePath } from '../../../sim-core/page';

export type KnobKind =
  /** An integer input checked by RULES[path]. */
  | { type: 'int'; rule: RulePath }
  | { type: 'bool' }
  /** One of a few numbers (a select). */
  | { type: 'choice'; options: readonly { value: number; label: string }[] }
  /** Hex bytes or nothing (workload.rawStreamHex). */
  | { type: 'hex' };

export interface Knob {
  /** Dotted path in the scenario, as sim-core's errors name it. */
  path: string;
  /** What it is called upstream or in the model. */
  label: string;
  kind: KnobKind;
  /** Where the default comes from, or what the knob models. */
  hint: string;
}

export interface KnobGroup {
  id: string;
  title: string;
  knobs: Knob[];
}

const int = (path: RulePath, label: string, hint: string): Knob => ({
  path,
  label,
  kind: { type: 'int', rule: path },
  hint,
});
const bool = (path: string, label: string, hint: string): Knob => ({
  path,
  label,
  kind: { type: 'bool' },
  hint,
});

export const KNOB_GROUPS: readonly KnobGroup[] = [
  {
    id: 'wire',
    title: 'Wire',
    knobs: [
      int(
        'wire.linkRateBps',
        'Link rate',
        'igb parts (82575, 82576, i350, i210) are 1 GbE; more is a what-if',
      ),
      int('wire.oneWayDelayNs', 'One-way delay', 'Estimate: same rack, one switch'),
      int('wire.mtu', 'MTU', 'ETH_DATA_LEN (ether_setup); igb allows 68 to 9216, the model from 576'),
      bool(
        'wire.tcpTimestamps',
        'TCP timestamps',
        'net.ipv4.tcp_timestamps = 1: 12 option bytes, MSS 1448 at MTU 1500',
      ),
    ],
  },
  {
    id: 'workload',
    title: 'Workload (the NVMe/TCP host)',
    knobs: [
      int('workload.writes', 'Write commands', 'How many writes the host issues'),
      int('workload.ioSizeBytes', 'Bytes per write', 'A multiple of the 512-byte LBA'),
      int('workload.queueDepth', 'Queue depth', 'Commands the host keeps outstanding'),
      int('workload.thinkTimeNs', 'Think time', 'Gap before each new command (a slow or bursty host)'),
      int(
        'workload.hpda',
        'HPDA (ICReq)',
        'Linux nvme-tcp sends 0; PDO must be a multiple of (CPDA + 1) x 4',
      ),
      {
        path: 'workload.rawStreamHex',
        label: 'Raw TCP stream (hex)',
        kind: { type: 'hex' },
        hint: 'Empty: the host generates PDUs. Hex bytes: sent as the whole stream instead',
      },
    ],
  },
  {
    id: 'nic',
    title: 'NIC (igb)',
    knobs: [
      int(
        'nic.rxRingSize',
        'RX descriptors',
        'IGB_DEFAULT_RXD 256 (igb.h); ethtool rounds to a multiple of 8',
      ),
      {
        path: 'nic.rxBufferSize',
        label: 'RX buffer size',
        kind: {
          type: 'choice',
          options: [
            { value: 0, label: 'Chosen by the driver from the MTU' },
            { value: 2048, label: '2048 bytes' },
            { value: 3072, label: '3072 bytes (IGB_RXBUFFER_3072)' },
          ],
        },
        hint: 'igb_set_rx_buffer_len(): 2048 at MTU 1500, 3072 for larger frames',
      },
      int(
        'nic.itrIntsPerSec',
        'Interrupt rate (ITR)',
        'IGB_START_ITR is about 6000/s; real igb adapts it, the model keeps it fixed',
      ),
    ],
  },
  {
    id: 'softirq',
    title: 'CPU: softirq and NAPI',
    knobs: [
      int('softirq.netdevBudget', 'net.core.netdev_budget', 'Packets per net_rx_action (net/core/dev.c)'),
      int('softirq.netdevBudgetUsecs', 'net.core.netdev_budget_usecs', '2 jiffies: 8000 µs at HZ 250'),
      int('softirq.napiWeight', 'NAPI weight', 'NAPI_POLL_WEIGHT 64 (netdevice.h); igb uses it'),
      int('softirq.maxSoftirqRestart', 'MAX_SOFTIRQ_RESTART', '__do_softirq restarts (kernel/softirq.c)'),
      int(
        'softirq.maxSoftirqTimeNs',
        'MAX_SOFTIRQ_TIME',
        '2 ms (kernel/softirq.c); the kernel rounds to jiffies',
      ),
      {
        path: 'softirq.hz',
        label: 'CONFIG_HZ',
        kind: { type: 'choice', options: HZ_VALUES.map((v) => ({ value: v, label: `${v} Hz` })) },
        hint: "250 in Debian's kernel config; one jiffy is 4 ms",
      },
      bool('softirq.gro', 'GRO', 'NETIF_F_GRO is on by default for igb'),
      int(
        'softirq.groNormalBatch',
        'net.core.gro_normal_batch',
        'skbs batched before the stack (net/core/dev.c)',
      ),
    ],
  },
  {
    id: 'cpu',
    title: 'CPU: cores and costs',
    knobs: [
      {
        path: 'cpu.reactorCore',
        label: 'SPDK reactor core',
        kind: {
          type: 'choice',
          options: [
            { value: 0, label: 'Core 0: shares the igb IRQ core' },
            { value: 1, label: 'Core 1: its own core' },
          ],
        },
        hint: 'Sharing the IRQ core with ksoftirqd is the interesting case',
      },
      int(
        'cpu.schedSliceNs',
        'CFS time slice',
        'Estimate: sched_latency 6 ms shared by two tasks (Linux 6.5, pre-EEVDF)',
      ),
      int('cpu.costs.hardIrqNs', 'Hard IRQ', 'Estimate (~3 GHz core): igb_msix_ring with entry and exit'),
      int('cpu.costs.perDescriptorNs', 'Per descriptor', 'Estimate: igb_clean_rx_irq per descriptor'),
      int('cpu.costs.perSkbNs', 'Per skb', 'Estimate: GRO + ip_rcv + tcp_v4_rcv'),
      int('cpu.costs.syscallNs', 'Per syscall', 'Estimate: entering and leaving readv or epoll_wait'),
      int('cpu.costs.copyPsPerByte', 'Copy per byte', 'Estimate: memcpy at 10 GB/s'),
      int('cpu.costs.pollNs', 'Reactor poll', 'Estimate: one reactor iteration with work'),
      int('cpu.costs.pduHandleNs', 'PDU or request step', 'Estimate: one PDU header or tcp_req state step'),
      int('cpu.costs.crcPsPerByte', 'CRC32C per byte', 'Estimate: ISA-L, about 20 GB/s'),
    ],
  },
  {
    id: 'tcp',
    title: 'TCP (Linux)',
    knobs: [
      int(
        'tcp.rmemMax',
        'net.core.rmem_max',
        'SK_RMEM_MAX on x86_64; SO_RCVBUF is clamped to it, then doubled',
      ),
      int('tcp.wmemMax', 'net.core.wmem_max', 'SK_WMEM_MAX; same rule for SO_SNDBUF'),
      int('tcp.delayedAckNs', 'Delayed ACK', 'TCP_DELACK_MIN = HZ/25 = 40 ms (include/net/tcp.h)'),
      int(
        'tcp.rtoNs',
        'Retransmission timeout',
        'TCP_RTO_MIN = HZ/5 = 200 ms; fast retransmit is modelled too',
      ),
    ],
  },
  {
    id: 'sock',
    title: 'SPDK posix sock',
    knobs: [
      int('tcp.soRcvbufRequest', 'SO_RCVBUF asked', 'DEFAULT_SO_RCVBUF_SIZE 2 MiB (spdk_internal/sock.h)'),
      int('tcp.soSndbufRequest', 'SO_SNDBUF asked', 'DEFAULT_SO_SNDBUF_SIZE 2 MiB'),
      int('tcp.rcvlowat', 'SO_RCVLOWAT', 'spdk_sock_set_recvlowat(sock, 1) in lib/nvmf/tcp.c'),
      bool(
        'spdk.pipeRewindOnEmpty',
        'Pipe rewinds when empty',
        'spdk_pipe since v24.05; off shows the older wrapping readv',
      ),
      int('spdk.pollIntervalNs', 'Poll delay', 'Estimate: a busy reactor notices new data within about 1 µs'),
    ],
  },
  {
    id: 'nvmf',
    title: 'NVMe-oF target (SPDK nvmf TCP)',
    knobs: [
      int(
        'spdk.inCapsuleDataSize',
        'in_capsule_data_size',
        'SPDK_NVMF_TCP_DEFAULT_IN_CAPSULE_DATA_SIZE 4096',
      ),
      int('spdk.maxIoSize', 'max_io_size', 'SPDK_NVMF_TCP_DEFAULT_MAX_IO_SIZE 128 KiB'),
      int('spdk.ioUnitSize', 'io_unit_size', 'SPDK_NVMF_TCP_DEFAULT_IO_UNIT_SIZE 128 KiB'),
      int('spdk.numSharedBuffers', 'num_shared_buffers', 'SPDK_NVMF_TCP_DEFAULT_NUM_SHARED_BUFFERS 511'),
      int(
        'spdk.bufCacheSize',
        'buf_cache_size',
        'SPDK picks num_shared_buffers x 3/4 per poll group (383 with the one group modelled)',
      ),
      int(
        'spdk.maxQueueDepth',
        'max_queue_depth',
        'SPDK_NVMF_TCP_DEFAULT_MAX_IO_QUEUE_DEPTH 128 (tcp_req slots)',
      ),
      bool('spdk.headerDigest', 'Header digest', 'Asked by the host in ICReq; nvme-cli connects without'),
      bool('spdk.dataDigest', 'Data digest', 'Asked by the host in ICReq; nvme-cli connects without'),
      bool('spdk.difInsertOrStrip', 'dif_insert_or_strip', 'SPDK_NVMF_TCP_DEFAULT_DIF_INSERT_OR_STRIP false'),
      int('spdk.backendLatencyNs', 'Backend latency', 'Estimate: a fast NVMe SSD write into its cache'),
    ],
  },
  {
    id: 'run',
    title: 'Run',
    knobs: [
      int('seed', 'Seed', 'Any 32-bit number: the run is deterministic for a given seed'),
      int('limits.maxSimTimeNs', 'Stop at simulated time', 'The run stops here even if work remains'),
      int('limits.maxEvents', 'Stop after events', 'The run stops after this many trace events'),
    ],
  },
];

export const ALL_KNOBS: readonly Knob[] = KNOB_GROUPS.flatMap((g) => g.knobs);

/** The range and unit of an integer knob, short: "80 – 4096, multiple of 8". */
export function rangeText(rule: RulePath): string {
  const r = RULES[rule];
  // A rule with its own wording (power of two, CONFIG_HZ choices, ITR): say it as sim-core does.
  if ('extra' in r) return r.extra.text.replace(/^must be /, '');
  const step = 'step' in r && r.step !== undefined ? `, multiple of ${r.step}` : '';
  return `${r.min.toLocaleString('en-US')} – ${r.max.toLocaleString('en-US')}${step}`;
}

/** Units as a reader says them. */
export function unitText(rule: RulePath): string {
  const u = RULES[rule].unit;
  switch (u) {
    case 'count':
      return '';
    case 'B':
      return 'bytes';
    case 'us':
      return 'µs';
    default:
      return u;
  }
}
