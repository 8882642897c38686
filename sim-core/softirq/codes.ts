/**
 * Trace codes and machines of NAPI, the NET_RX softirq, GRO and IPv4 input (range 300-399).
 * Files are those of Linux 6.5; captions are ours.
 */
import { defineCodes, type CodeInfo } from '../trace/codes';
import { defineMachine } from '../trace/machines';

const DEV = 'net/core/dev.c';
const GRO = 'net/core/gro.c';
const SOFTIRQ = 'kernel/softirq.c';
const IP_IN = 'net/ipv4/ip_input.c';

export const C_NAPI_SCHEDULE = 300;
export const C_DO_SOFTIRQ = 301;
export const C_SOFTIRQ_RESTART = 302;
export const C_SOFTIRQ_EXIT = 303;
export const C_WAKEUP_SOFTIRQD = 304;
export const C_NET_RX_ACTION = 305;
export const C_NET_RX_ACTION_END = 306;
export const C_TIME_SQUEEZE = 307;
export const C_NAPI_POLL = 308;
export const C_NAPI_POLL_DONE = 309;
export const C_NAPI_COMPLETE_DONE = 310;
export const C_NAPI_GRO_RECEIVE = 311;
export const C_TCP_GRO_FLUSH = 312;
export const C_NAPI_GRO_COMPLETE = 313;
export const C_NAPI_GRO_FLUSH = 314;
export const C_GRO_NORMAL_ONE = 315;
export const C_GRO_NORMAL_LIST = 316;
export const C_NETIF_RECEIVE_LIST = 317;
export const C_NETIF_RECEIVE_CORE = 318;
export const C_IP_RCV = 319;
export const C_IP_RCV_DROP = 320;
export const C_IP_RCV_FINISH = 321;
export const C_IP_LOCAL_DELIVER = 322;
export const C_TCP_V4_RCV_DROP = 323;
export const C_GRO_FLUSH_OLDEST = 324;
export const C_RX_DROPPED = 325;
export const C_KSOFTIRQD_RUN = 326;
export const C_KSOFTIRQD_SLEEP = 327;
export const C_NET_RX_RESTART = 328;
export const C_IP_UNKNOWN_PROTO = 329;

/** gro_result values (include/linux/netdevice.h), the `a` of C_NAPI_GRO_RECEIVE. */
export const GRO_MERGED = 0;
export const GRO_MERGED_FREE = 1;
export const GRO_HELD = 2;
export const GRO_NORMAL = 3;

/** Why tcp_gro_receive / inet_gro_receive would not merge (the `a` of C_TCP_GRO_FLUSH). Ours. */
export const FLUSH_NONE = 0;
export const FLUSH_NOT_CONTIGUOUS = 1;
export const FLUSH_FLAGS = 2;
export const FLUSH_ACK_WINDOW = 3;
export const FLUSH_OPTIONS = 4;
export const FLUSH_OVER_MSS = 5;
export const FLUSH_64K = 6;
export const FLUSH_IP = 7;
export const FLUSH_SHORT = 8;

/** ip_rcv_core drop reasons (the `a` of C_IP_RCV_DROP). */
export const IPDROP_HDR = 1;
export const IPDROP_CSUM = 2;
export const IPDROP_TRUNCATED = 3;

const lx = (c: Omit<CodeInfo, 'repo'>): CodeInfo => ({ ...c, repo: 'linux' });

defineCodes(
  [300, 399],
  [
    lx({
      code: C_NAPI_SCHEDULE,
      fn: '____napi_schedule',
      file: DEV,
      layer: 'softirq',
      args: {
        obj: 'napi',
        a: '1 = put on the poll list, 0 = was already scheduled (MISSED)',
        b: '1 = NET_RX_SOFTIRQ raised',
      },
      caption:
        "NAPI is marked scheduled and put on this CPU's poll list, and the NET_RX softirq is raised (unless net_rx_action is already running).",
    }),
    lx({
      code: C_DO_SOFTIRQ,
      fn: '__do_softirq',
      file: SOFTIRQ,
      layer: 'softirq',
      args: {
        obj: 'core',
        a: 'restarts allowed (MAX_SOFTIRQ_RESTART)',
        b: '1 = in ksoftirqd, 0 = at interrupt exit',
      },
      caption: 'Pending softirqs run: right at the end of the hard interrupt, or in the ksoftirqd thread.',
    }),
    lx({
      code: C_SOFTIRQ_RESTART,
      fn: '__do_softirq',
      file: SOFTIRQ,
      layer: 'softirq',
      args: { obj: 'core', a: 'restarts left', b: 'jiffies' },
      caption:
        'NET_RX was raised again while it ran; there is time and restarts left, so __do_softirq runs it again.',
    }),
    lx({
      code: C_SOFTIRQ_EXIT,
      fn: '__do_softirq',
      file: SOFTIRQ,
      layer: 'softirq',
      args: { obj: 'core', a: 'restarts left', b: '1 = in ksoftirqd' },
      caption: 'Nothing is pending any more; the softirq run ends.',
    }),
    lx({
      code: C_WAKEUP_SOFTIRQD,
      fn: 'wakeup_softirqd',
      file: SOFTIRQ,
      layer: 'softirq',
      args: {
        obj: 'core',
        a: '1 = restarts used up, 2 = 2 ms (MAX_SOFTIRQ_TIME) passed',
        b: '1 = already in ksoftirqd',
      },
      caption:
        'Still pending after ten rounds or 2 ms: the rest is left to the ksoftirqd thread, which competes with other tasks for the CPU.',
    }),
    lx({
      code: C_NET_RX_ACTION,
      fn: 'net_rx_action',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'core', a: 'budget (netdev_budget)', b: 'NAPI instances taken from the poll list' },
      caption:
        'The NET_RX softirq takes the poll list and polls each NAPI in turn, within a budget of packets and time.',
    }),
    lx({
      code: C_NET_RX_ACTION_END,
      fn: 'net_rx_action',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'core', a: 'budget used', b: '1 = work left, NET_RX_SOFTIRQ raised again' },
      caption:
        'net_rx_action ends; NAPI instances with work left go back on the poll list and the softirq is raised again.',
    }),
    lx({
      code: C_TIME_SQUEEZE,
      fn: 'net_rx_action',
      file: DEV,
      layer: 'softirq',
      args: {
        obj: 'core',
        a: 'budget left',
        b: '1 = budget used up, 2 = time limit (netdev_budget_usecs) reached',
      },
      caption: 'The softirq ran out of budget or time with work still waiting: time_squeeze counts it.',
      marker: 'error',
    }),
    lx({
      code: C_NAPI_POLL,
      fn: 'napi_poll',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'napi', a: 'weight', b: 'budget left in net_rx_action' },
      caption: "One NAPI instance is polled with its weight (64) as the limit: here igb's poll function.",
    }),
    lx({
      code: C_NAPI_POLL_DONE,
      fn: 'napi_poll',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'napi', a: 'work done', b: '1 = whole weight used, polled again later' },
      caption: 'The poll returns; if it used its whole weight, NAPI stays scheduled and is polled again.',
    }),
    lx({
      code: C_NAPI_COMPLETE_DONE,
      fn: 'napi_complete_done',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'napi', a: 'work done', b: '1 = the driver may re-enable its interrupt' },
      caption: 'The ring is empty: NAPI is no longer scheduled, and the driver may unmask its interrupt.',
    }),
    lx({
      code: C_NAPI_GRO_RECEIVE,
      fn: 'napi_gro_receive',
      file: GRO,
      layer: 'gro',
      args: {
        obj: 'skb id',
        a: 'result: 0 merged, 1 merged (skb freed), 2 held, 3 normal',
        b: 'skb it merged into, or GRO bucket',
      },
      caption:
        'GRO tries to merge the segment into a held skb of the same flow; otherwise it is held to wait for more, or passed up at once.',
    }),
    lx({
      code: C_TCP_GRO_FLUSH,
      fn: 'tcp_gro_receive',
      file: 'net/ipv4/tcp_offload.c',
      layer: 'gro',
      args: {
        obj: 'held skb id',
        a: 'why: 1 gap in seq, 2 PSH/URG/RST/SYN/FIN, 3 ack or window changed, 4 options changed, 5 longer than mss, 6 64 KiB, 7 IP header, 8 short segment',
        b: 'new segment skb id',
      },
      caption: 'The held skb of this flow cannot take more: it is flushed up the stack.',
    }),
    lx({
      code: C_NAPI_GRO_COMPLETE,
      fn: 'napi_gro_complete',
      file: GRO,
      layer: 'gro',
      args: { obj: 'skb id', a: 'segments merged', b: 'payload bytes' },
      caption: 'A held GRO skb is finished (its merged segments become one large skb) and goes up the stack.',
    }),
    lx({
      code: C_NAPI_GRO_FLUSH,
      fn: 'napi_gro_flush',
      file: GRO,
      layer: 'gro',
      args: { obj: 'napi', a: 'skbs flushed', b: '1 = only those older than this jiffy' },
      caption: 'GRO lets go of the skbs it holds, so they do not wait for more segments.',
    }),
    lx({
      code: C_GRO_NORMAL_ONE,
      fn: 'gro_normal_one',
      file: 'include/net/gro.h',
      layer: 'gro',
      args: { obj: 'skb id', a: 'rx_count (segments batched)', b: 'segments in this skb' },
      caption:
        'The skb joins the NAPI rx_list; the list goes up once it holds gro_normal_batch (8) segments.',
    }),
    lx({
      code: C_GRO_NORMAL_LIST,
      fn: 'gro_normal_list',
      file: 'include/net/gro.h',
      layer: 'gro',
      args: { obj: 'napi', a: 'skbs', b: 'segments' },
      caption: 'The batched rx_list goes up the stack in one call.',
    }),
    lx({
      code: C_NETIF_RECEIVE_LIST,
      fn: 'netif_receive_skb_list_internal',
      file: DEV,
      layer: 'ip',
      args: { obj: 'napi', a: 'skbs' },
      caption: 'A list of skbs enters the protocol stack together.',
    }),
    lx({
      code: C_NETIF_RECEIVE_CORE,
      fn: '__netif_receive_skb_core',
      file: DEV,
      layer: 'ip',
      args: { obj: 'skb id', a: 'EtherType', b: 'skb->len' },
      caption: 'The skb is handed to the handler of its EtherType (IPv4: ip_rcv).',
    }),
    lx({
      code: C_IP_RCV,
      fn: 'ip_rcv',
      file: IP_IN,
      layer: 'ip',
      args: { obj: 'skb id', a: 'tot_len', b: 'segments' },
      caption:
        'IPv4 input checks the header: version, header length, checksum and total length are all right.',
    }),
    lx({
      code: C_IP_RCV_DROP,
      fn: 'ip_rcv_core',
      file: IP_IN,
      layer: 'ip',
      args: { obj: 'skb id', a: '1 bad header, 2 bad checksum, 3 truncated', b: 'payload bytes lost' },
      caption: 'The IPv4 header is wrong, so the packet is dropped and counted.',
      marker: 'drop',
    }),
    lx({
      code: C_IP_RCV_FINISH,
      fn: 'ip_rcv_finish',
      file: IP_IN,
      layer: 'ip',
      args: { obj: 'skb id', a: 'payload bytes' },
      caption:
        'The PRE_ROUTING netfilter hook lets it pass (no rules) and the route lookup finds it is for this host: local delivery.',
    }),
    lx({
      code: C_IP_LOCAL_DELIVER,
      fn: 'ip_local_deliver',
      file: IP_IN,
      layer: 'ip',
      args: { obj: 'skb id', a: 'TCP sequence number', b: 'payload bytes' },
      caption: 'The LOCAL_IN hook lets it pass and the packet goes to its protocol handler, tcp_v4_rcv.',
    }),
    lx({
      code: C_TCP_V4_RCV_DROP,
      fn: 'tcp_v4_rcv',
      file: 'net/ipv4/tcp_ipv4.c',
      layer: 'tcp',
      args: { obj: 'skb id', a: '1 bad TCP checksum, 2 bad TCP header', b: 'payload bytes lost' },
      caption: 'The TCP checksum or header is wrong, so TCP drops the segment and counts it.',
      marker: 'drop',
    }),
    lx({
      code: C_GRO_FLUSH_OLDEST,
      fn: 'gro_flush_oldest',
      file: GRO,
      layer: 'gro',
      args: { obj: 'skb id', a: 'GRO bucket' },
      caption: 'The GRO bucket already holds MAX_GRO_SKBS (8) skbs: the oldest one goes up to make room.',
    }),
    lx({
      code: C_RX_DROPPED,
      fn: '__netif_receive_skb_core',
      file: DEV,
      layer: 'ip',
      args: { obj: 'skb id', a: 'EtherType', b: 'payload bytes lost' },
      caption: 'No protocol handles this EtherType: the packet is dropped (rx_dropped).',
      marker: 'drop',
    }),
    lx({
      code: C_KSOFTIRQD_RUN,
      fn: 'run_ksoftirqd',
      file: SOFTIRQ,
      layer: 'softirq',
      args: { obj: 'core' },
      caption: 'The ksoftirqd thread got the CPU and runs the pending softirqs as an ordinary task would.',
    }),
    lx({
      code: C_KSOFTIRQD_SLEEP,
      fn: 'ksoftirqd_should_run',
      file: SOFTIRQ,
      layer: 'softirq',
      args: { obj: 'core' },
      caption: 'Nothing is pending: ksoftirqd goes back to sleep.',
    }),
    lx({
      code: C_NET_RX_RESTART,
      fn: 'net_rx_action',
      file: DEV,
      layer: 'softirq',
      args: { obj: 'core', a: 'NAPI instances taken', b: 'budget left' },
      caption:
        'An interrupt scheduled NAPI while net_rx_action was running: it takes the poll list again without a new softirq.',
    }),
    lx({
      code: C_IP_UNKNOWN_PROTO,
      fn: 'ip_protocol_deliver_rcu',
      file: IP_IN,
      layer: 'ip',
      args: { obj: 'skb id', a: 'IP protocol', b: 'payload bytes lost' },
      caption: 'No handler for this IP protocol: the packet is dropped and counted.',
      marker: 'drop',
    }),
  ],
);

/** The NAPI instance of igb's q_vector: NAPI_STATE_SCHED clear or set. */
export const NAPI_MACHINE = defineMachine({
  id: 30,
  name: 'napi',
  upstream: 'NAPI_STATE_SCHED bit of struct napi_struct (include/linux/netdevice.h)',
  states: ['idle', 'scheduled'],
});
export const NAPI_IDLE = 0;
export const NAPI_SCHED = 1;
