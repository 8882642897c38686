/**
 * The call stack of a trace row: the row's function and its real upstream callers, innermost
 * first, at the pinned versions (Linux v6.5 on x86-64, SPDK v24.09; files in
 * callstack-files.ts). Where a function has several callers, the context picks one:
 * - softirq: NET_RX (and the timers) ran at the end of the hard interrupt (irq_exit_rcu) or in
 *   the ksoftirqd thread (run_ksoftirqd); from the CPU view.
 * - tcp: TCP's receive code ran in softirq (tcp_v4_rcv), in the reader processing the backlog
 *   (__release_sock), in the reader itself (tcp_recvmsg), or from a timer; from the rows just
 *   before (the simulation records one context's rows together).
 * - payload / pipe / capsule: how SPDK reads (a PDU's payload through spdk_sock_readv, headers
 *   through spdk_sock_recv; readv fills the recv pipe when there is one) and whether data came
 *   in a capsule.
 * Pure: no world, no DOM. Where the model or this table simplifies, `notes` says so in words.
 */
import { codeInfo, sourceUrl } from '../trace/codes';
import { machineInfo, STATE_CODE_BASE } from '../trace/machines';
import { functionHome } from './callstack-files';
import { isStateCode } from './row';
import type { ViewState } from './types';

export type SoftirqFrom = 'irq-exit' | 'ksoftirqd';
export type TcpFrom = 'softirq' | 'backlog' | 'reader' | 'delack-timer' | 'sack-timer';

export interface StackContext {
  softirq: SoftirqFrom;
  tcp: TcpFrom;
  /** The PDU receive machine reads payload (through nvme_tcp_read_payload_data). */
  payload: boolean;
  /** The last read spread over several buffers (nvme_tcp_readv_data to spdk_sock_readv), not one. */
  readv: boolean;
  /** The socket has an SPDK recv pipe (kernel reads fill it: posix_sock_read). */
  pipe: boolean;
  /** The PDU being received is a CapsuleCmd (in-capsule data), not H2CData. */
  capsule: boolean;
}

export const DEFAULT_CONTEXT: StackContext = {
  softirq: 'irq-exit',
  tcp: 'softirq',
  payload: false,
  readv: false,
  pipe: true,
  capsule: false,
};

export interface Frame {
  fn: string;
  /** Upstream file ('' when there is none: hardware, rxpath's own rows). */
  file: string;
  repo: 'linux' | 'spdk' | 'rxpath';
  /** The file at the pinned version, or null. */
  url: string | null;
}

export interface CallStack {
  /** Innermost first: frames[0] is the row's function, frames[i + 1] called frames[i]. */
  frames: Frame[];
  /** Simplifications and other callers, in plain words (empty when the chain is whole). */
  notes: string[];
}

type Chain = string[];
type Build = (c: StackContext) => { chain: Chain; notes?: string[] };

// Linux, hard interrupt: the MSI-X vector's handler as x86-64 reaches it.
const HARDIRQ: Chain = [
  '__handle_irq_event_percpu',
  'handle_irq_event_percpu',
  'handle_irq_event',
  'handle_edge_irq',
  'generic_handle_irq_desc',
  'handle_irq',
  '__common_interrupt',
  'common_interrupt',
];
const softirqTail = (c: StackContext): Chain =>
  c.softirq === 'ksoftirqd'
    ? ['__do_softirq', 'run_ksoftirqd', 'smpboot_thread_fn', 'kthread']
    : ['__do_softirq', 'invoke_softirq', '__irq_exit_rcu', 'irq_exit_rcu', 'common_interrupt'];
const netRx = (c: StackContext): Chain => ['net_rx_action', ...softirqTail(c)];
const poll = (c: StackContext): Chain => ['igb_poll', '__napi_poll', 'napi_poll', ...netRx(c)];
const clean = (c: StackContext): Chain => ['igb_clean_rx_irq', ...poll(c)];
const gro = (c: StackContext): Chain => ['napi_gro_receive', ...clean(c)];
const devGro = (c: StackContext): Chain => ['dev_gro_receive', ...gro(c)];
const normalOne = (c: StackContext): Chain => ['gro_normal_one', 'napi_skb_finish', ...gro(c)];
const normalList = (c: StackContext): Chain => ['gro_normal_list', ...normalOne(c)];
const listInternal = (c: StackContext): Chain => ['netif_receive_skb_list_internal', ...normalList(c)];
const listCore = (c: StackContext): Chain => [
  '__netif_receive_skb_list_core',
  '__netif_receive_skb_list',
  ...listInternal(c),
];
const ipList = (c: StackContext): Chain => ['ip_list_rcv', '__netif_receive_skb_list_ptype', ...listCore(c)];
const ipSub = (c: StackContext): Chain => ['ip_list_rcv_finish', 'ip_sublist_rcv', ...ipList(c)];
const localDeliver = (c: StackContext): Chain => [
  'ip_local_deliver',
  'dst_input',
  'ip_sublist_rcv_finish',
  ...ipSub(c),
];
const protoDeliver = (c: StackContext): Chain => [
  'ip_protocol_deliver_rcu',
  'ip_local_deliver_finish',
  ...localDeliver(c),
];
const tcpRcv = (c: StackContext): Chain => ['tcp_v4_rcv', ...protoDeliver(c)];
const timer = (c: StackContext): Chain => [
  'call_timer_fn',
  'expire_timers',
  '__run_timers',
  'run_timer_softirq',
  ...softirqTail(c),
];
const hrtimer = (c: StackContext): Chain => [
  '__run_hrtimer',
  '__hrtimer_run_queues',
  'hrtimer_run_softirq',
  ...softirqTail(c),
];

// SPDK: the reactor polls the nvmf poll group, which polls the sock group.
const GROUP: Chain = [
  'nvmf_tcp_poll_group_poll',
  'nvmf_transport_poll_group_poll',
  'nvmf_poll_group_poll',
  'thread_execute_poller',
  'thread_poll',
  'spdk_thread_poll',
  '_reactor_run',
  'reactor_run',
];
const SOCK_POLL: Chain = [
  'sock_group_impl_poll_count',
  'spdk_sock_group_poll_count',
  'spdk_sock_group_poll',
  ...GROUP,
];
const POSIX_POLL: Chain = ['posix_sock_group_impl_poll', ...SOCK_POLL];
const PROCESS: Chain = ['nvmf_tcp_sock_process', 'tcp_sock_cb', 'nvmf_tcp_sock_cb', ...SOCK_POLL];
const FLUSHED: Chain = ['spdk_sock_request_put', '_sock_flush', ...POSIX_POLL];
// A header is read into one place; payload through nvme_tcp_readv_data, which reads a single
// buffer with nvme_tcp_read_data and several with spdk_sock_readv.
const PAYLOAD: Chain = ['nvme_tcp_readv_data', 'nvme_tcp_read_payload_data', ...PROCESS];
function read(c: StackContext): Chain {
  if (!c.payload) return ['posix_sock_recv', 'spdk_sock_recv', 'nvme_tcp_read_data', ...PROCESS];
  if (c.readv) return ['spdk_sock_readv', ...PAYLOAD];
  return ['posix_sock_recv', 'spdk_sock_recv', 'nvme_tcp_read_data', ...PAYLOAD];
}
const posixReadv = (c: StackContext): Chain => ['posix_sock_readv', ...read(c)];
const spdkReader = (c: StackContext): Chain =>
  c.pipe ? ['posix_sock_read', ...posixReadv(c)] : posixReadv(c);

// Linux, the reader: SPDK's readv() system call down to TCP.
const readSyscall = (c: StackContext): Chain => [
  'inet_recvmsg',
  'sock_recvmsg_nosec',
  'sock_recvmsg',
  'sock_read_iter',
  'do_iter_readv_writev',
  'do_iter_read',
  'vfs_readv',
  'do_readv',
  '__x64_sys_readv',
  'do_syscall_64',
  'entry_SYSCALL_64',
  ...spdkReader(c),
];
const recvmsg = (c: StackContext): Chain => ['tcp_recvmsg', ...readSyscall(c)];
const recvLocked = (c: StackContext): Chain => ['tcp_recvmsg_locked', ...recvmsg(c)];
const tcpIn = (c: StackContext): Chain =>
  c.tcp === 'backlog'
    ? ['tcp_v4_do_rcv', 'sk_backlog_rcv', '__release_sock', 'release_sock', ...recvmsg(c)]
    : ['tcp_v4_do_rcv', ...tcpRcv(c)];
const established = (c: StackContext): Chain => ['tcp_rcv_established', ...tcpIn(c)];
const dataQueue = (c: StackContext): Chain => ['tcp_data_queue', ...established(c)];
const eventDataRecv = (c: StackContext): Chain => ['tcp_event_data_recv', ...dataQueue(c)];
const rmem = (c: StackContext): Chain => ['tcp_try_rmem_schedule', ...dataQueue(c)];
const ackCheck = (c: StackContext): Chain => ['__tcp_ack_snd_check', 'tcp_ack_snd_check', ...established(c)];
function sendAck(c: StackContext): Chain {
  switch (c.tcp) {
    case 'reader':
      return ['tcp_send_ack', '__tcp_cleanup_rbuf', 'tcp_cleanup_rbuf', ...recvLocked(c)];
    case 'delack-timer':
      return ['tcp_send_ack', 'tcp_delack_timer_handler', 'tcp_delack_timer', ...timer(c)];
    case 'sack-timer':
      return ['tcp_send_ack', 'tcp_compressed_ack_kick', ...hrtimer(c)];
    default:
      return ['tcp_send_ack', ...ackCheck(c)];
  }
}

const REQ_PROCESS_NOTE =
  'nvmf_tcp_req_process runs whenever the request can move on (a header or data arrived, a PDU was sent, buffers came free, the command completed); its caller is not shown.';
const HOST_NOTE =
  'On the host: the NVMe/TCP host and its TCP stack are modelled as a traffic source, so their callers are not shown.';
const HARDWARE_NOTE = 'Done by the NIC itself: no CPU runs it, so there is no call stack.';
const RXPATH_NOTE = "rxpath's own event: no upstream function runs here.";
const GRO_LIST_NOTE =
  'The rx_list also goes up at the end of a poll: from napi_complete_done, or from __napi_poll when the poll used its whole weight.';
const LIST_NOTE =
  "Linux 6.5 passes a GRO batch up as a list: ip_list_rcv does ip_rcv's checks (ip_rcv_core) and ip_list_rcv_finish its routing (ip_rcv_finish_core) for each skb.";

const fixed =
  (chain: Chain, ...notes: string[]): Build =>
  () => ({ chain, notes });
const fromCtx =
  (f: (c: StackContext) => Chain, ...notes: string[]): Build =>
  (c) => ({ chain: f(c), notes });

/** Chains by trace code (codes are in trace/codes.ts and each folder's codes.ts). */
const BY_CODE = new Map<number, Build>([
  // nic
  [200, fixed(['igb_msix_ring', ...HARDIRQ])],
  [204, fromCtx(clean)],
  [205, fromCtx((c) => ['igb_is_non_eop', ...clean(c)])],
  [206, fromCtx((c) => ['igb_alloc_rx_buffers', ...clean(c)])],
  [207, fromCtx((c) => ['igb_process_skb_fields', ...clean(c)])],
  [208, fromCtx(poll)],
  [209, fromCtx(clean)],
  [210, fromCtx((c) => ['igb_ring_irq_enable', ...poll(c)])],
  // softirq, NAPI, GRO, IP
  [300, fixed(['____napi_schedule', '__napi_schedule', 'napi_schedule', 'igb_msix_ring', ...HARDIRQ])],
  [301, fromCtx(softirqTail)],
  [302, fromCtx(softirqTail)],
  [303, fromCtx(softirqTail)],
  [304, fromCtx((c) => ['wakeup_softirqd', ...softirqTail(c)])],
  [305, fromCtx(netRx)],
  [306, fromCtx(netRx)],
  [307, fromCtx(netRx)],
  [308, fromCtx((c) => ['napi_poll', ...netRx(c)])],
  [309, fromCtx((c) => ['napi_poll', ...netRx(c)])],
  [310, fromCtx((c) => ['napi_complete_done', ...poll(c)])],
  [311, fromCtx(gro)],
  [312, fromCtx((c) => ['tcp_gro_receive', 'tcp4_gro_receive', 'inet_gro_receive', ...devGro(c)])],
  [
    313,
    fromCtx(
      (c) => ['napi_gro_complete', ...devGro(c)],
      'Also called from napi_gro_flush when held skbs are let go at the end of a poll.',
    ),
  ],
  [
    314,
    fromCtx(
      (c) => ['napi_gro_flush', 'napi_complete_done', ...poll(c)],
      '__napi_poll also flushes GRO when the poll used its whole weight.',
    ),
  ],
  [315, fromCtx(normalOne, 'Merged skbs come this way too, from napi_gro_complete.')],
  [316, fromCtx(normalList, GRO_LIST_NOTE)],
  [317, fromCtx(listInternal, GRO_LIST_NOTE)],
  [318, fromCtx((c) => ['__netif_receive_skb_core', ...listCore(c)])],
  [319, fromCtx((c) => ['ip_rcv_core', ...ipList(c)], LIST_NOTE)],
  [320, fromCtx((c) => ['ip_rcv_core', ...ipList(c)], LIST_NOTE)],
  [321, fromCtx((c) => ['ip_rcv_finish_core', ...ipSub(c)], LIST_NOTE)],
  [322, fromCtx(localDeliver)],
  [323, fromCtx(tcpRcv)],
  [324, fromCtx((c) => ['gro_flush_oldest', ...devGro(c)])],
  [325, fromCtx((c) => ['__netif_receive_skb_core', ...listCore(c)])],
  [326, fixed(['run_ksoftirqd', 'smpboot_thread_fn', 'kthread'])],
  [327, fixed(['ksoftirqd_should_run', 'smpboot_thread_fn', 'kthread'])],
  [328, fromCtx(netRx)],
  [329, fromCtx(protoDeliver)],
  // TCP
  [400, fromCtx(tcpRcv)],
  [401, fromCtx((c) => ['tcp_add_backlog', ...tcpRcv(c)])],
  [402, fromCtx(established)],
  [403, fromCtx(dataQueue)],
  [404, fromCtx((c) => ['tcp_queue_rcv', ...dataQueue(c)])],
  [
    405,
    fromCtx(
      (c) => ['tcp_try_coalesce', 'tcp_queue_rcv', ...dataQueue(c)],
      'tcp_data_queue_ofo and tcp_ofo_queue coalesce the same way.',
    ),
  ],
  [406, fromCtx((c) => ['tcp_data_queue_ofo', ...dataQueue(c)])],
  [407, fromCtx((c) => ['tcp_ofo_queue', ...dataQueue(c)])],
  [408, fromCtx((c) => ['tcp_drop_reason', ...dataQueue(c)], 'Other checks drop segments through it too.')],
  [409, fromCtx((c) => ['tcp_grow_window', ...eventDataRecv(c)])],
  [410, fromCtx((c) => ['tcp_measure_rcv_mss', ...eventDataRecv(c)])],
  [411, fromCtx(ackCheck)],
  [412, fromCtx(sendAck)],
  [413, fromCtx((c) => ['tcp_send_delayed_ack', ...ackCheck(c)])],
  [414, fromCtx((c) => ['tcp_delack_timer', ...timer(c)])],
  [415, fromCtx((c) => ['tcp_compressed_ack_kick', ...hrtimer(c)])],
  [416, fromCtx((c) => ['tcp_send_dupack', 'tcp_validate_incoming', ...established(c)])],
  [417, fromCtx((c) => ['tcp_data_ready', ...dataQueue(c)])],
  [
    418,
    fromCtx(
      (c) => ['tcp_select_window', '__tcp_transmit_skb', '__tcp_send_ack', ...sendAck(c)],
      'Every segment the target sends (data too) offers its window here.',
    ),
  ],
  [419, fromCtx((c) => ['tcp_prune_queue', ...rmem(c)])],
  [420, fromCtx((c) => ['tcp_prune_ofo_queue', ...rmem(c)])],
  [421, fromCtx((c) => readSyscall(c).slice(3))],
  [422, fromCtx((c) => ['lock_sock_nested', 'lock_sock', ...recvmsg(c)])],
  [423, fromCtx(recvmsg)],
  [424, fromCtx((c) => ['skb_copy_datagram_msg', ...recvLocked(c)])],
  [425, fromCtx((c) => ['tcp_eat_recv_skb', ...recvLocked(c)])],
  [426, fromCtx((c) => ['__sk_flush_backlog', ...recvLocked(c)])],
  [427, fromCtx((c) => ['__release_sock', 'release_sock', ...recvmsg(c)])],
  [428, fromCtx((c) => ['release_sock', ...recvmsg(c)])],
  [429, fromCtx((c) => ['tcp_cleanup_rbuf', ...recvLocked(c)])],
  [430, fromCtx((c) => ['tcp_release_cb', 'release_sock', ...recvmsg(c)])],
  [
    431,
    fixed(
      ['tcp_event_data_sent', '__tcp_transmit_skb', 'tcp_transmit_skb', 'tcp_write_xmit'],
      "The target's own sending (SPDK's _sock_flush calling sendmsg) is not modelled, so the chain stops here.",
    ),
  ],
  [432, fromCtx((c) => ['tcp_enter_quickack_mode', ...dataQueue(c)])],
  // SPDK sock and pipe
  [500, fixed(POSIX_POLL)],
  [501, fixed(['epoll_wait', ...POSIX_POLL])],
  [
    502,
    fromCtx(
      posixReadv,
      'Reads into one buffer come through spdk_sock_recv, into several through spdk_sock_readv.',
    ),
  ],
  [503, fromCtx((c) => ['posix_sock_read', ...posixReadv(c)])],
  [504, fromCtx((c) => ['spdk_pipe_writer_get_buffer', 'posix_sock_read', ...posixReadv(c)])],
  [505, fromCtx((c) => ['spdk_pipe_writer_advance', 'posix_sock_read', ...posixReadv(c)])],
  [506, fromCtx((c) => ['spdk_pipe_reader_get_buffer', 'posix_sock_recv_from_pipe', ...posixReadv(c)])],
  [507, fromCtx((c) => ['spdk_pipe_reader_advance', 'posix_sock_recv_from_pipe', ...posixReadv(c)])],
  [508, fromCtx((c) => ['posix_sock_recv_from_pipe', ...posixReadv(c)])],
  [509, fromCtx((c) => ['spdk_iovcpy', 'posix_sock_recv_from_pipe', ...posixReadv(c)])],
  [
    510,
    fixed([
      'posix_sock_alloc_pipe',
      'posix_sock_set_recvbuf',
      'spdk_sock_set_recvbuf',
      'nvmf_tcp_icreq_handle',
      'nvmf_tcp_pdu_psh_handle',
      ...PROCESS,
    ]),
  ],
  [
    511,
    fixed([
      'posix_sock_set_recvbuf',
      'spdk_sock_set_recvbuf',
      'nvmf_tcp_icreq_handle',
      'nvmf_tcp_pdu_psh_handle',
      ...PROCESS,
    ]),
  ],
  [560, fixed(GROUP)],
  [
    561,
    fixed(
      ['bdev_io_complete', 'spdk_bdev_io_complete'],
      'The block device is modelled as a fixed delay: the bdev module that completes the I/O is not shown.',
    ),
  ],
  [562, fixed(['nvmf_tcp_sock_cb', ...SOCK_POLL])],
  // nvmf: the PDU receive loop and the request
  [
    600,
    fixed(PROCESS, 'nvmf_tcp_poll_group_poll also calls it directly for qpairs waiting for a free request.'),
  ],
  [601, fromCtx((c) => read({ ...c, readv: false }).slice(2))],
  [602, fixed(PAYLOAD)],
  [603, fixed(['nvmf_tcp_pdu_ch_handle', ...PROCESS])],
  [604, fixed(['nvme_tcp_pdu_calc_psh_len', 'nvmf_tcp_pdu_ch_handle', ...PROCESS])],
  [605, fixed(['nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [606, fixed(['nvme_tcp_pdu_calc_header_digest', 'nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [607, fixed(['nvme_tcp_pdu_calc_header_digest', 'nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [608, fixed(['nvmf_tcp_icreq_handle', 'nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [609, fixed(['nvmf_tcp_send_icresp_complete', '_mgmt_pdu_write_done', ...FLUSHED])],
  [610, fixed(['nvmf_tcp_capsule_cmd_hdr_handle', ...PROCESS])],
  [611, fixed(['nvmf_tcp_req_get', 'nvmf_tcp_capsule_cmd_hdr_handle', ...PROCESS])],
  [
    612,
    fixed(['nvmf_tcp_req_parse_sgl', 'nvmf_tcp_req_process', 'nvmf_tcp_capsule_cmd_hdr_handle', ...PROCESS]),
  ],
  [613, fixed(['nvmf_tcp_h2c_data_hdr_handle', 'nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [614, fromCtx(setDataBuf)],
  [615, fixed(['nvme_tcp_build_payload_iovs', 'nvme_tcp_read_payload_data', ...PROCESS])],
  [616, fixed(['nvmf_tcp_pdu_payload_handle', ...PROCESS])],
  [617, fixed(['nvme_tcp_pdu_calc_data_digest', 'nvmf_tcp_pdu_payload_handle', ...PROCESS])],
  [618, fixed(['nvme_tcp_pdu_calc_data_digest', 'nvmf_tcp_pdu_payload_handle', ...PROCESS])],
  [619, fixed(['nvmf_tcp_send_r2t_pdu', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
  [620, fixed(['nvmf_tcp_r2t_complete', '_req_pdu_write_done', ...FLUSHED])],
  [
    621,
    fixed(
      [
        'nvmf_tcp_send_capsule_resp_pdu',
        'request_transfer_out',
        'nvmf_tcp_req_process',
        'nvmf_tcp_req_complete',
      ],
      'Called back when the command completes (spdk_nvmf_request_complete); the controller and bdev layers between are stubs here.',
    ),
  ],
  [
    622,
    fixed(
      ['nvmf_tcp_send_c2h_term_req', 'nvmf_tcp_pdu_ch_handle', ...PROCESS],
      'The header checks of nvmf_tcp_pdu_psh_handle and of each PDU type send it the same way.',
    ),
  ],
  [
    623,
    fixed([
      'spdk_iobuf_get',
      'nvmf_request_get_buffers',
      'spdk_nvmf_request_get_buffers',
      'nvmf_tcp_req_parse_sgl',
      'nvmf_tcp_req_process',
      'nvmf_tcp_capsule_cmd_hdr_handle',
      ...PROCESS,
    ]),
  ],
  [
    624,
    fixed(['spdk_iobuf_put', 'spdk_nvmf_request_free_buffers', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE),
  ],
  [
    625,
    fixed([
      'spdk_nvmf_request_get_buffers',
      'nvmf_tcp_req_parse_sgl',
      'nvmf_tcp_req_process',
      'nvmf_tcp_capsule_cmd_hdr_handle',
      ...PROCESS,
    ]),
  ],
  [
    626,
    fixed(
      [
        'nvmf_tcp_req_get_buffers_done',
        'nvmf_request_get_buffers',
        'nvmf_request_iobuf_get_cb',
        'spdk_iobuf_put',
      ],
      'A buffer given back (spdk_iobuf_put) goes straight to the request waiting for one.',
    ),
  ],
  [
    627,
    fixed([
      'nvmf_tcp_control_msg_get',
      'nvmf_tcp_req_parse_sgl',
      'nvmf_tcp_req_process',
      'nvmf_tcp_capsule_cmd_hdr_handle',
      ...PROCESS,
    ]),
  ],
  [628, fixed(['nvmf_tcp_control_msg_put', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
  [629, fixed(['spdk_dif_generate_stream', ...PROCESS])],
  [
    630,
    fixed([
      'nvmf_tcp_h2c_data_payload_handle',
      '_nvmf_tcp_pdu_payload_handle',
      'nvmf_tcp_pdu_payload_handle',
      ...PROCESS,
    ]),
  ],
  [
    631,
    fixed([
      'nvmf_tcp_capsule_cmd_payload_handle',
      '_nvmf_tcp_pdu_payload_handle',
      'nvmf_tcp_pdu_payload_handle',
      ...PROCESS,
    ]),
  ],
  [632, fixed(['spdk_nvmf_request_exec', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
  [
    633,
    fixed(
      [
        'nvmf_tcp_req_complete',
        'nvmf_transport_req_complete',
        '_nvmf_request_complete',
        'spdk_nvmf_request_complete',
      ],
      'The controller and bdev layers that complete the command are stubs here.',
    ),
  ],
  [
    634,
    fixed(
      [
        'nvmf_ctrlr_cmd_connect',
        'nvmf_ctrlr_process_fabrics_cmd',
        'spdk_nvmf_request_exec',
        'nvmf_tcp_req_process',
      ],
      REQ_PROCESS_NOTE,
    ),
  ],
  [635, fixed(['nvmf_tcp_req_put', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
  [638, fixed(['nvmf_tcp_h2c_term_req_hdr_handle', 'nvmf_tcp_pdu_psh_handle', ...PROCESS])],
  [639, fixed(['nvmf_tcp_qpair_disconnect', 'tcp_sock_cb', 'nvmf_tcp_sock_cb', ...SOCK_POLL])],
  [
    640,
    fixed(
      ['nvmf_tcp_close_qpair', 'nvmf_transport_qpair_fini'],
      'The generic qpair teardown that calls it (lib/nvmf/nvmf.c) is not modelled.',
    ),
  ],
  [641, fixed(['_req_pdu_write_done', ...FLUSHED])],
  [642, fixed(['spdk_accel_submit_crc32cv', 'nvmf_tcp_pdu_payload_handle', ...PROCESS])],
  [
    643,
    fixed(
      ['data_crc32_calc_done', 'spdk_accel_task_complete'],
      "The accel module's poller that finishes the task is not modelled.",
    ),
  ],
  [644, fixed(['_nvmf_tcp_send_c2h_data', 'request_transfer_out', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
  [
    645,
    fixed([
      'spdk_dif_set_md_interleave_iovs',
      '_nvme_tcp_sgl_append_multi_with_md',
      'nvme_tcp_build_payload_iovs',
      'nvme_tcp_read_payload_data',
      ...PROCESS,
    ]),
  ],
  [646, fixed(PROCESS)],
  [647, fromCtx(setDataBuf)],
  [648, fixed(['spdk_nvmf_request_free_buffers', 'nvmf_tcp_req_process'], REQ_PROCESS_NOTE)],
]);

function setDataBuf(c: StackContext): Chain {
  return c.capsule
    ? ['nvme_tcp_pdu_set_data_buf', 'nvmf_tcp_req_process', 'nvmf_tcp_capsule_cmd_hdr_handle', ...PROCESS]
    : ['nvme_tcp_pdu_set_data_buf', 'nvmf_tcp_h2c_data_hdr_handle', 'nvmf_tcp_pdu_psh_handle', ...PROCESS];
}

/** Chains of state changes: the function that writes the state, by machine and new state. */
function stateChain(machine: number, to: number, c: StackContext): { chain: Chain; notes: string[] } | null {
  switch (machine) {
    case 1:
      return { chain: ['nvmf_tcp_qpair_set_recv_state', ...PROCESS], notes: [] };
    case 2:
      return { chain: ['nvmf_tcp_req_set_state', 'nvmf_tcp_req_process'], notes: [REQ_PROCESS_NOTE] };
    case 3:
      return {
        chain: ['nvmf_tcp_qpair_set_state'],
        notes: ['Set when the connection starts and when it is torn down; the callers are not shown.'],
      };
    case 20: // igb rx descriptor: 0 unarmed (cleaned), 1 armed, 2 done (written back by the NIC)
      if (to === 1) return { chain: ['igb_alloc_rx_buffers', ...clean(c)], notes: [] };
      if (to === 0) return { chain: clean(c), notes: [] };
      return null;
    case 21: // igb vector interrupt: 0 enabled, 1 masked (automasked by the NIC when it fires)
      return to === 0 ? { chain: ['igb_ring_irq_enable', ...poll(c)], notes: [] } : null;
    case 30: // NAPI_STATE_SCHED: 1 set by the interrupt, 0 cleared when the poll completes
      return to === 1
        ? { chain: ['napi_schedule_prep', 'napi_schedule', 'igb_msix_ring', ...HARDIRQ], notes: [] }
        : { chain: ['napi_complete_done', ...poll(c)], notes: [] };
    case 50:
      return {
        chain: POSIX_POLL,
        notes: ['posix_sock_read and posix_sock_recv_from_pipe update these flags as well.'],
      };
    default:
      return null;
  }
}

function frameOf(fn: string): Frame {
  const home = functionHome(fn);
  if (home === undefined) return { fn, file: '', repo: 'rxpath', url: null };
  const url = sourceUrl({
    code: 0,
    fn,
    file: home.file,
    repo: home.repo,
    layer: 'engine',
    args: {},
    caption: '',
  });
  return { fn, file: home.file, repo: home.repo, url };
}

/** The row's own frame from the code book (its file may be listed where the name is not). */
function ownFrame(code: number): Frame {
  const info = codeInfo(code);
  if (info === undefined) return { fn: `code ${code}`, file: '', repo: 'rxpath', url: null };
  const home = functionHome(info.fn);
  if (home !== undefined) return frameOf(info.fn);
  return { fn: info.fn, file: info.file, repo: info.repo, url: sourceUrl(info) };
}

/** The call stack of a row (code, and b: the new state of a state change). */
export function callStack(row: { code: number; b?: number }, c: StackContext = DEFAULT_CONTEXT): CallStack {
  const { code } = row;
  if (isStateCode(code)) {
    const m = machineInfo(code - STATE_CODE_BASE);
    const s = stateChain(code - STATE_CODE_BASE, row.b ?? -1, c);
    if (s !== null) return { frames: s.chain.map(frameOf), notes: s.notes };
    const own: Frame = {
      fn: m?.upstream ?? `machine ${code - STATE_CODE_BASE}`,
      file: '',
      repo: 'rxpath',
      url: null,
    };
    const host = m !== undefined && m.id >= 10 && m.id < 20;
    return {
      frames: [own],
      notes: [host ? HOST_NOTE : 'Changed by the NIC itself (no CPU), so there is no call stack.'],
    };
  }
  const build = BY_CODE.get(code);
  const own = ownFrame(code);
  if (build === undefined) {
    const info = codeInfo(code);
    let note = RXPATH_NOTE;
    if (info?.layer === 'host') note = HOST_NOTE;
    else if (info?.repo === 'linux' && info.layer === 'nic') note = HARDWARE_NOTE;
    else if (info?.repo === 'linux' && info.layer === 'irq') note = HARDWARE_NOTE;
    return { frames: [own], notes: [note] };
  }
  const { chain, notes } = build(c);
  const frames = chain.map(frameOf);
  // The row's own name first, as the code book has it, when the chain starts with it.
  if (frames[0]?.fn === own.fn) frames[0] = own;
  return { frames, notes: notes ?? [] };
}

/** nvme_tcp_read_data and nvme_tcp_readv_data rows (spdk/nvmf/codes.ts). */
const C_READ_DATA = 601;
const C_READV_DATA = 602;

/**
 * Codes that decide who ran TCP's code, nearest first wins: the reader's own rows, its backlog
 * processing, the timers, and the softirq receive path.
 */
const TCP_ANCHORS = new Map<number, TcpFrom>([
  [427, 'backlog'],
  [426, 'backlog'],
  [421, 'reader'],
  [422, 'reader'],
  [423, 'reader'],
  [424, 'reader'],
  [425, 'reader'],
  [428, 'reader'],
  [429, 'reader'],
  [430, 'reader'],
  [414, 'delack-timer'],
  [415, 'sack-timer'],
  [400, 'softirq'],
  [401, 'softirq'],
  [305, 'softirq'],
  [308, 'softirq'],
  [311, 'softirq'],
  [316, 'softirq'],
  [317, 'softirq'],
  [322, 'softirq'],
]);

/**
 * The context of the step shown: `view` at the step, `recent` the codes of the rows just
 * before it, oldest first (the current row's own code may be last: it is an anchor too).
 */
export function stackContext(view: ViewState | null, recent: ArrayLike<number> = []): StackContext {
  if (view === null) return DEFAULT_CONTEXT;
  let tcp: TcpFrom | null = null;
  for (let i = recent.length - 1; i >= 0 && tcp === null; i--) tcp = TCP_ANCHORS.get(recent[i]!) ?? null;
  let readv = false;
  for (let i = recent.length - 1; i >= 0; i--) {
    const k = recent[i]!;
    if (k === C_READ_DATA || k === C_READV_DATA) {
      readv = k === C_READV_DATA;
      break;
    }
  }
  return {
    softirq: view.cpu.cores.some((k) => k.running === 'ksoftirqd') ? 'ksoftirqd' : 'irq-exit',
    tcp: tcp ?? (view.tcp.ownedByUser ? 'backlog' : 'softirq'),
    payload: view.pdu.recvState.endsWith('AWAIT_PDU_PAYLOAD'),
    readv,
    pipe: view.pipe !== null,
    capsule: /CAPSULE/i.test(view.pdu.type),
  };
}
