/**
 * Where each function of the call stacks (callstack.ts) is defined upstream, at the pinned
 * versions (Linux v6.5, SPDK v24.09). Each name was checked against those sources; static
 * inline helpers are listed in the header that defines them.
 */

const LINUX = `
arch/x86/kernel/irq.c: common_interrupt __common_interrupt handle_irq
arch/x86/entry/common.c: do_syscall_64
arch/x86/entry/entry_64.S: entry_SYSCALL_64
include/linux/irqdesc.h: generic_handle_irq_desc
kernel/irq/chip.c: handle_edge_irq
kernel/irq/handle.c: handle_irq_event handle_irq_event_percpu __handle_irq_event_percpu
kernel/softirq.c: irq_exit_rcu __irq_exit_rcu invoke_softirq __do_softirq wakeup_softirqd run_ksoftirqd ksoftirqd_should_run
kernel/smpboot.c: smpboot_thread_fn
kernel/kthread.c: kthread
kernel/time/timer.c: call_timer_fn expire_timers __run_timers run_timer_softirq
kernel/time/hrtimer.c: __run_hrtimer __hrtimer_run_queues hrtimer_run_softirq
drivers/net/ethernet/intel/igb/igb_main.c: igb_msix_ring igb_poll igb_clean_rx_irq igb_is_non_eop igb_alloc_rx_buffers igb_process_skb_fields igb_ring_irq_enable
include/linux/netdevice.h: napi_schedule
net/core/dev.c: net_rx_action napi_poll __napi_poll napi_complete_done napi_schedule_prep __napi_schedule ____napi_schedule netif_receive_skb_list_internal __netif_receive_skb_list __netif_receive_skb_list_core __netif_receive_skb_list_ptype __netif_receive_skb_core
net/core/gro.c: napi_gro_receive napi_skb_finish dev_gro_receive gro_flush_oldest napi_gro_complete napi_gro_flush
include/net/gro.h: gro_normal_one gro_normal_list
net/ipv4/af_inet.c: inet_gro_receive inet_recvmsg
net/ipv4/tcp_offload.c: tcp4_gro_receive tcp_gro_receive
net/ipv4/ip_input.c: ip_list_rcv ip_rcv_core ip_sublist_rcv ip_list_rcv_finish ip_rcv_finish_core ip_sublist_rcv_finish ip_local_deliver ip_local_deliver_finish ip_protocol_deliver_rcu
include/net/dst.h: dst_input
net/ipv4/tcp_ipv4.c: tcp_v4_rcv tcp_v4_do_rcv tcp_add_backlog
include/net/sock.h: sk_backlog_rcv lock_sock
net/core/sock.c: __release_sock release_sock __sk_flush_backlog lock_sock_nested
net/ipv4/tcp_input.c: tcp_rcv_established tcp_data_queue tcp_queue_rcv tcp_try_coalesce tcp_data_queue_ofo tcp_ofo_queue tcp_drop_reason tcp_grow_window tcp_event_data_recv tcp_measure_rcv_mss __tcp_ack_snd_check tcp_ack_snd_check tcp_send_dupack tcp_validate_incoming tcp_data_ready tcp_prune_queue tcp_prune_ofo_queue tcp_try_rmem_schedule tcp_enter_quickack_mode
net/ipv4/tcp_output.c: tcp_send_ack __tcp_send_ack tcp_send_delayed_ack __tcp_transmit_skb tcp_transmit_skb tcp_select_window tcp_event_data_sent tcp_release_cb tcp_write_xmit
net/ipv4/tcp_timer.c: tcp_delack_timer tcp_delack_timer_handler tcp_compressed_ack_kick
net/ipv4/tcp.c: tcp_recvmsg tcp_recvmsg_locked tcp_eat_recv_skb tcp_cleanup_rbuf __tcp_cleanup_rbuf
include/linux/skbuff.h: skb_copy_datagram_msg
net/socket.c: sock_read_iter sock_recvmsg sock_recvmsg_nosec
fs/read_write.c: do_iter_readv_writev do_iter_read vfs_readv do_readv __x64_sys_readv
`;

const SPDK = `
lib/event/reactor.c: reactor_run _reactor_run
lib/thread/thread.c: spdk_thread_poll thread_poll thread_execute_poller
lib/thread/iobuf.c: spdk_iobuf_get spdk_iobuf_put
lib/nvmf/nvmf.c: nvmf_poll_group_poll
lib/nvmf/transport.c: nvmf_transport_poll_group_poll spdk_nvmf_request_get_buffers nvmf_request_get_buffers nvmf_request_iobuf_get_cb spdk_nvmf_request_free_buffers nvmf_transport_req_complete nvmf_transport_qpair_fini
lib/nvmf/ctrlr.c: spdk_nvmf_request_exec nvmf_ctrlr_process_fabrics_cmd nvmf_ctrlr_cmd_connect spdk_nvmf_request_complete _nvmf_request_complete
lib/nvmf/tcp.c: nvmf_tcp_poll_group_poll nvmf_tcp_sock_cb tcp_sock_cb nvmf_tcp_sock_process nvmf_tcp_pdu_ch_handle nvmf_tcp_pdu_psh_handle nvmf_tcp_icreq_handle nvmf_tcp_send_icresp_complete nvmf_tcp_capsule_cmd_hdr_handle nvmf_tcp_req_get nvmf_tcp_req_parse_sgl nvmf_tcp_req_process nvmf_tcp_h2c_data_hdr_handle nvmf_tcp_pdu_payload_handle _nvmf_tcp_pdu_payload_handle nvmf_tcp_h2c_data_payload_handle nvmf_tcp_capsule_cmd_payload_handle nvmf_tcp_send_r2t_pdu nvmf_tcp_r2t_complete nvmf_tcp_send_capsule_resp_pdu request_transfer_out nvmf_tcp_send_c2h_term_req nvmf_tcp_req_get_buffers_done nvmf_tcp_control_msg_get nvmf_tcp_control_msg_put nvmf_tcp_req_complete nvmf_tcp_req_put nvmf_tcp_h2c_term_req_hdr_handle nvmf_tcp_qpair_disconnect nvmf_tcp_close_qpair _req_pdu_write_done _mgmt_pdu_write_done data_crc32_calc_done _nvmf_tcp_send_c2h_data nvmf_tcp_qpair_set_recv_state nvmf_tcp_req_set_state nvmf_tcp_qpair_set_state
lib/sock/sock.c: spdk_sock_group_poll spdk_sock_group_poll_count sock_group_impl_poll_count spdk_sock_recv spdk_sock_readv spdk_sock_set_recvbuf
include/spdk_internal/sock.h: spdk_sock_request_put
module/sock/posix/posix.c: posix_sock_group_impl_poll posix_sock_readv posix_sock_recv posix_sock_read posix_sock_recv_from_pipe posix_sock_alloc_pipe posix_sock_set_recvbuf _sock_flush
include/spdk_internal/nvme_tcp.h: nvme_tcp_read_data nvme_tcp_readv_data nvme_tcp_read_payload_data nvme_tcp_pdu_calc_psh_len nvme_tcp_pdu_calc_header_digest nvme_tcp_pdu_calc_data_digest nvme_tcp_pdu_set_data_buf nvme_tcp_build_payload_iovs _nvme_tcp_sgl_append_multi_with_md
lib/util/pipe.c: spdk_pipe_writer_get_buffer spdk_pipe_writer_advance spdk_pipe_reader_get_buffer spdk_pipe_reader_advance
lib/util/iov.c: spdk_iovcpy
lib/util/dif.c: spdk_dif_generate_stream spdk_dif_set_md_interleave_iovs
lib/accel/accel.c: spdk_accel_submit_crc32cv spdk_accel_task_complete
lib/bdev/bdev.c: bdev_io_complete spdk_bdev_io_complete
`;

export interface FunctionHome {
  file: string;
  repo: 'linux' | 'spdk';
}

function parse(text: string, repo: FunctionHome['repo'], into: Map<string, FunctionHome>): void {
  for (const line of text.trim().split('\n')) {
    const [file, names] = line.split(': ') as [string, string];
    for (const fn of names.split(' ')) {
      if (into.has(fn)) throw new Error(`callstack-files: ${fn} listed twice`);
      into.set(fn, { file, repo });
    }
  }
}

const homes = new Map<string, FunctionHome>();
parse(LINUX, 'linux', homes);
parse(SPDK, 'spdk', homes);

/** The upstream file of a function of the stacks, or undefined for names not listed. */
export function functionHome(fn: string): FunctionHome | undefined {
  return homes.get(fn);
}

/** Every listed function (for tests). */
export function listedFunctions(): string[] {
  return [...homes.keys()];
}
