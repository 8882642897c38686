/**
 * The building blocks of call stacks (callstack.ts): the context that picks among callers,
 * and the chains of real upstream callers (innermost first) at Linux v6.5 / SPDK v24.09, with
 * the notes that say where the model or the table simplifies. Pure data and small functions.
 */

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

export type Chain = string[];
export type Build = (c: StackContext) => { chain: Chain; notes?: string[] };

// Linux, hard interrupt: the MSI-X vector's handler as x86-64 reaches it.
export const HARDIRQ: Chain = [
  '__handle_irq_event_percpu',
  'handle_irq_event_percpu',
  'handle_irq_event',
  'handle_edge_irq',
  'generic_handle_irq_desc',
  'handle_irq',
  '__common_interrupt',
  'common_interrupt',
];
export const softirqTail = (c: StackContext): Chain =>
  c.softirq === 'ksoftirqd'
    ? ['__do_softirq', 'run_ksoftirqd', 'smpboot_thread_fn', 'kthread']
    : ['__do_softirq', 'invoke_softirq', '__irq_exit_rcu', 'irq_exit_rcu', 'common_interrupt'];
export const netRx = (c: StackContext): Chain => ['net_rx_action', ...softirqTail(c)];
export const poll = (c: StackContext): Chain => ['igb_poll', '__napi_poll', 'napi_poll', ...netRx(c)];
export const clean = (c: StackContext): Chain => ['igb_clean_rx_irq', ...poll(c)];
export const gro = (c: StackContext): Chain => ['napi_gro_receive', ...clean(c)];
export const devGro = (c: StackContext): Chain => ['dev_gro_receive', ...gro(c)];
export const normalOne = (c: StackContext): Chain => ['gro_normal_one', 'napi_skb_finish', ...gro(c)];
export const normalList = (c: StackContext): Chain => ['gro_normal_list', ...normalOne(c)];
export const listInternal = (c: StackContext): Chain => ['netif_receive_skb_list_internal', ...normalList(c)];
export const listCore = (c: StackContext): Chain => [
  '__netif_receive_skb_list_core',
  '__netif_receive_skb_list',
  ...listInternal(c),
];
export const ipList = (c: StackContext): Chain => [
  'ip_list_rcv',
  '__netif_receive_skb_list_ptype',
  ...listCore(c),
];
export const ipSub = (c: StackContext): Chain => ['ip_list_rcv_finish', 'ip_sublist_rcv', ...ipList(c)];
export const localDeliver = (c: StackContext): Chain => [
  'ip_local_deliver',
  'dst_input',
  'ip_sublist_rcv_finish',
  ...ipSub(c),
];
export const protoDeliver = (c: StackContext): Chain => [
  'ip_protocol_deliver_rcu',
  'ip_local_deliver_finish',
  ...localDeliver(c),
];
export const tcpRcv = (c: StackContext): Chain => ['tcp_v4_rcv', ...protoDeliver(c)];
export const timer = (c: StackContext): Chain => [
  'call_timer_fn',
  'expire_timers',
  '__run_timers',
  'run_timer_softirq',
  ...softirqTail(c),
];
export const hrtimer = (c: StackContext): Chain => [
  '__run_hrtimer',
  '__hrtimer_run_queues',
  'hrtimer_run_softirq',
  ...softirqTail(c),
];

// SPDK: the reactor polls the nvmf poll group, which polls the sock group.
export const GROUP: Chain = [
  'nvmf_tcp_poll_group_poll',
  'nvmf_transport_poll_group_poll',
  'nvmf_poll_group_poll',
  'thread_execute_poller',
  'thread_poll',
  'spdk_thread_poll',
  '_reactor_run',
  'reactor_run',
];
export const SOCK_POLL: Chain = [
  'sock_group_impl_poll_count',
  'spdk_sock_group_poll_count',
  'spdk_sock_group_poll',
  ...GROUP,
];
export const POSIX_POLL: Chain = ['posix_sock_group_impl_poll', ...SOCK_POLL];
export const PROCESS: Chain = ['nvmf_tcp_sock_process', 'tcp_sock_cb', 'nvmf_tcp_sock_cb', ...SOCK_POLL];
export const FLUSHED: Chain = ['spdk_sock_request_put', '_sock_flush', ...POSIX_POLL];
// A header is read into one place; payload through nvme_tcp_readv_data, which reads a single
// buffer with nvme_tcp_read_data and several with spdk_sock_readv.
export const PAYLOAD: Chain = ['nvme_tcp_readv_data', 'nvme_tcp_read_payload_data', ...PROCESS];
export function read(c: StackContext): Chain {
  if (!c.payload) return ['posix_sock_recv', 'spdk_sock_recv', 'nvme_tcp_read_data', ...PROCESS];
  if (c.readv) return ['spdk_sock_readv', ...PAYLOAD];
  return ['posix_sock_recv', 'spdk_sock_recv', 'nvme_tcp_read_data', ...PAYLOAD];
}
export const posixReadv = (c: StackContext): Chain => ['posix_sock_readv', ...read(c)];
export const spdkReader = (c: StackContext): Chain =>
  c.pipe ? ['posix_sock_read', ...posixReadv(c)] : posixReadv(c);

// Linux, the reader: SPDK's readv() system call down to TCP.
export const readSyscall = (c: StackContext): Chain => [
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
export const recvmsg = (c: StackContext): Chain => ['tcp_recvmsg', ...readSyscall(c)];
export const recvLocked = (c: StackContext): Chain => ['tcp_recvmsg_locked', ...recvmsg(c)];
export const tcpIn = (c: StackContext): Chain =>
  c.tcp === 'backlog'
    ? ['tcp_v4_do_rcv', 'sk_backlog_rcv', '__release_sock', 'release_sock', ...recvmsg(c)]
    : ['tcp_v4_do_rcv', ...tcpRcv(c)];
export const established = (c: StackContext): Chain => ['tcp_rcv_established', ...tcpIn(c)];
export const dataQueue = (c: StackContext): Chain => ['tcp_data_queue', ...established(c)];
export const eventDataRecv = (c: StackContext): Chain => ['tcp_event_data_recv', ...dataQueue(c)];
export const rmem = (c: StackContext): Chain => ['tcp_try_rmem_schedule', ...dataQueue(c)];
export const ackCheck = (c: StackContext): Chain => [
  '__tcp_ack_snd_check',
  'tcp_ack_snd_check',
  ...established(c),
];
export function sendAck(c: StackContext): Chain {
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

export const REQ_PROCESS_NOTE =
  'nvmf_tcp_req_process runs whenever the request can move on (a header or data arrived, a PDU was sent, buffers came free, the command completed); its caller is not shown.';
export const HOST_NOTE =
  'On the host: the NVMe/TCP host and its TCP stack are modelled as a traffic source, so their callers are not shown.';
export const HARDWARE_NOTE = 'Done by the NIC itself: no CPU runs it, so there is no call stack.';
export const RXPATH_NOTE = "rxpath's own event: no upstream function runs here.";
export const GRO_LIST_NOTE =
  'The rx_list also goes up at the end of a poll: from napi_complete_done, or from __napi_poll when the poll used its whole weight.';
export const LIST_NOTE =
  "Linux 6.5 passes a GRO batch up as a list: ip_list_rcv does ip_rcv's checks (ip_rcv_core) and ip_list_rcv_finish its routing (ip_rcv_finish_core) for each skb.";

export const fixed =
  (chain: Chain, ...notes: string[]): Build =>
  () => ({ chain, notes });
export const fromCtx =
  (f: (c: StackContext) => Chain, ...notes: string[]): Build =>
  (c) => ({ chain: f(c), notes });
