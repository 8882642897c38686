/**
 * Which chain of callers each trace code and each state change has (codes in trace/codes.ts and
 * each folder's codes.ts; machines in trace/machines.ts). Pure table; callstack.ts turns a chain
 * into frames.
 */
import {
  type Build,
  type Chain,
  FLUSHED,
  GROUP,
  GRO_LIST_NOTE,
  HARDIRQ,
  LIST_NOTE,
  PAYLOAD,
  POSIX_POLL,
  PROCESS,
  REQ_PROCESS_NOTE,
  SOCK_POLL,
  ackCheck,
  clean,
  dataQueue,
  devGro,
  established,
  eventDataRecv,
  fixed,
  fromCtx,
  gro,
  hrtimer,
  ipList,
  ipSub,
  listCore,
  listInternal,
  localDeliver,
  netRx,
  normalList,
  normalOne,
  poll,
  posixReadv,
  protoDeliver,
  read,
  readSyscall,
  recvLocked,
  recvmsg,
  rmem,
  sendAck,
  softirqTail,
  tcpRcv,
  timer,
  type StackContext,
} from './callstack-chains';

/** Chains by trace code (codes are in trace/codes.ts and each folder's codes.ts). */
export const BY_CODE = new Map<number, Build>([
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

export function setDataBuf(c: StackContext): Chain {
  return c.capsule
    ? ['nvme_tcp_pdu_set_data_buf', 'nvmf_tcp_req_process', 'nvmf_tcp_capsule_cmd_hdr_handle', ...PROCESS]
    : ['nvme_tcp_pdu_set_data_buf', 'nvmf_tcp_h2c_data_hdr_handle', 'nvmf_tcp_pdu_psh_handle', ...PROCESS];
}

/** Chains of state changes: the function that writes the state, by machine and new state. */
export function stateChain(
  machine: number,
  to: number,
  c: StackContext,
): { chain: Chain; notes: string[] } | null {
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
