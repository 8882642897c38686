/**
 * The target's receive side of the ONE NVMe/TCP I/O connection socket (struct sock, tcp_sock and
 * inet_connection_sock, reduced to what the receive path reads and writes), Linux 6.5.
 *
 * Simplification: the connection is already ESTABLISHED when the run starts; the three-way
 * handshake is not simulated. `initTcpState` sets the fields the handshake and
 * tcp_init_buffer_space() would have left (window clamp, scale, rcv_ssthresh, rcv_mss).
 */
import type { Scenario } from '../scenario/types';
import type { Skb } from '../skb/skb';

// ---- constants of Linux 6.5 ------------------------------------------------------------

/** icsk_ack.pending bits (include/net/inet_connection_sock.h). */
export const ICSK_ACK_SCHED = 1;
export const ICSK_ACK_TIMER = 2;
export const ICSK_ACK_PUSHED = 4;
export const ICSK_ACK_PUSHED2 = 8;
export const ICSK_ACK_NOW = 16;

/** include/net/tcp.h */
export const TCP_MAX_QUICKACKS = 16;
export const TCP_MSS_DEFAULT = 536;
export const TCP_MIN_MSS = 88;
export const TCP_MAX_WSCALE = 14;
export const TCP_FASTRETRANS_THRESH = 3;
/** TCP_NUM_SACKS: SACK blocks remembered (tp->selective_acks). */
export const TCP_NUM_SACKS = 4;
/** TCP_SACK_BLOCKS_EXPECTED (tcp_input.c). */
export const TCP_SACK_BLOCKS_EXPECTED = 2;
/** TCPOLEN_TSTAMP_ALIGNED. */
export const TCPOLEN_TSTAMP_ALIGNED = 12;
/** MAX_TCP_OPTION_SPACE: 40 bytes, so 3 SACK blocks fit beside the timestamp option, 4 without it. */
export const MAX_TCP_OPTION_SPACE = 40;
/** TCP_PINGPONG_THRESH is 1 in 6.5. */
export const TCP_PINGPONG_THRESH = 1;
/** MAX_SKB_FRAGS (include/linux/skbuff.h, CONFIG_MAX_SKB_FRAGS default 17). */
export const MAX_SKB_FRAGS = 17;
/** SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86_64: what skb_try_coalesce keeps of a head it steals. */
export const SKB_HEAD_STRUCT_TRUESIZE = 256;
/** SOCK_MIN_RCVBUF / SOCK_MIN_SNDBUF (include/net/sock.h): TCP_SKB_MIN_TRUESIZE = 2048 + 256. */
export const SOCK_MIN_RCVBUF = 2048 + SKB_HEAD_STRUCT_TRUESIZE;
export const SOCK_MIN_SNDBUF = 2 * SOCK_MIN_RCVBUF;

/** sysctls at their 6.5 defaults (net/ipv4/tcp_ipv4.c tcp_sk_init, net/ipv4/tcp.c tcp_init). */
export const SYSCTL_TCP_ADV_WIN_SCALE = 1;
export const SYSCTL_TCP_APP_WIN = 31;
/** tcp_rmem[2] = max(131072, min(6 MiB, memory share)): 6 MiB on any server. */
export const SYSCTL_TCP_RMEM_2 = 6 * 1024 * 1024;
export const SYSCTL_TCP_COMP_SACK_NR = 44;
export const SYSCTL_TCP_COMP_SACK_DELAY_NS = 1_000_000;
/** tcp_backlog limit headroom (tcp_add_backlog). */
export const TCP_BACKLOG_HEADROOM = 64 * 1024;

// ---- state -----------------------------------------------------------------------------

/** inet_connection_sock.icsk_ack: the delayed-ACK engine. Times in ns. */
export interface IcskAck {
  /** ICSK_ACK_* bits. */
  pending: number;
  /** Quick ACKs left (tcp_in_quickack_mode while non-zero and not pingpong). */
  quick: number;
  /** Interactive (pingpong) mode counter; >= TCP_PINGPONG_THRESH means "in pingpong". */
  pingpong: number;
  /** Delayed-ACK timeout estimator (0 until the first data segment). */
  ato: number;
  /** When the armed delayed ACK is due (icsk_ack.timeout). */
  timeout: number;
  /** Time the last data segment was received. */
  lrcvtime: number;
  /** Estimate of the peer's MSS used for ACK decisions. */
  rcvMss: number;
  lastSegSize: number;
}

/** Byte conservation for tcpBalance: every payload byte given to tcp_v4_rcv is somewhere. */
export interface TcpAccounting {
  /** skbs and payload bytes handed to tcp_v4_rcv. */
  rxSkbs: number;
  rxBytes: number;
  /** Bytes copied to user space by tcp_recvmsg. */
  copiedBytes: number;
  /** Bytes of skbs dropped whole, by drop reason (SKB_DROP_REASON_* without the prefix). */
  dropBytes: Record<string, number>;
  /** Bytes that arrived again while already held (overlaps kept in queued skbs, D-SACKed). */
  dupBytes: number;
  /** tcp_recvmsg found a hole before copied_seq (the kernel WARNs "recvmsg seq # bug"); must stay 0. */
  seqErrors: number;
}

export type SackBlock = [start: number, end: number];

export interface TcpState {
  /** rcv_nxt when the data stream started (the host's ISN + 1). */
  irs: number;
  rcvNxt: number;
  copiedSeq: number;
  /** rcv_nxt when the last window was advertised (the window's left edge). */
  rcvWup: number;
  /** Window advertised then, in bytes (unscaled). */
  rcvWnd: number;
  windowClamp: number;
  /** Receive-side slow-start threshold: caps the offered window while it grows (tcp_grow_window). */
  rcvSsthresh: number;
  /** Our window scale (rx_opt.rcv_wscale). */
  rcvWscale: number;
  /** tp->advmss (MTU - 40) and mss_cache (minus the timestamp option). */
  advmss: number;
  mssCache: number;
  /** TCP header length of the host's segments (tp->tcp_header_len: 20, or 32 with timestamps). */
  tcpHeaderLen: number;
  /** Last window put on the wire, bytes (after scaling), for the trace. */
  lastWindow: number;

  /** sk_receive_queue: in-order skbs; the head may be partly read. */
  receiveQueue: Skb[];
  /** out_of_order_queue (an rb-tree upstream), ordered by seq. */
  ofoQueue: Skb[];
  /** sk_backlog: skbs that arrived while the reader owned the socket. */
  backlog: Skb[];
  /** sk_backlog.len: truesize of the backlog; zeroed only when __release_sock finishes. */
  backlogLen: number;
  /** sk_rmem_alloc: truesize of skbs in the receive and out-of-order queues. */
  rmemAlloc: number;
  rcvbuf: number;
  sndbuf: number;
  rcvlowat: number;
  /** sock_owned_by_user: the reader holds the socket lock (lock_sock). */
  ownedByUser: boolean;

  ack: IcskAck;
  /** Expiry of the armed icsk_delack_timer, or -1 (the timer_list is not stopped when an ACK goes out). */
  delackTimerAt: number;
  /** TCP_DELACK_TIMER_DEFERRED: the timer fired while the socket was owned; tcp_release_cb runs it. */
  delackDeferred: boolean;
  /** SACK compression (tp->compressed_ack ...) and its hrtimer expiry, or -1. */
  compressedAck: number;
  compressedAckRcvNxt: number;
  dupAckCounter: number;
  compressedAckTimerAt: number;

  /**
   * tp->last_oow_ack_time: jiffy of the last duplicate ACK sent for an out-of-window segment
   * without data (tcp_oow_rate_limited), or -1 before the first.
   */
  lastOowAckJiffy: number;

  /** The host offered SACK (Linux default tcp_sack=1). */
  sackOk: boolean;
  /** tp->selective_acks, most recent first. */
  sacks: SackBlock[];
  /** tp->duplicate_sack[0] while rx_opt.dsack is set. */
  dsack: SackBlock | null;

  acct: TcpAccounting;
}

/** tcp_win_from_space() with tcp_adv_win_scale = 1 (6.5 still uses it; scaling_ratio came in 6.6). */
export function tcpWinFromSpace(space: number): number {
  const s = SYSCTL_TCP_ADV_WIN_SCALE;
  return s <= 0 ? space >> -s : space - (space >> s);
}

/** ilog2 of a positive integer. */
function ilog2(v: number): number {
  return 31 - Math.clz32(v);
}

/**
 * @param irs rcv_nxt at the start of the data stream (the host's initial sequence number + 1).
 */
export function initTcpState(scenario: Scenario, irs: number): TcpState {
  const { tcp, wire } = scenario;
  // SO_RCVBUF / SO_SNDBUF: clamped to rmem_max / wmem_max, then doubled (__sock_set_rcvbuf).
  const rcvbuf = Math.max(Math.min(tcp.soRcvbufRequest, tcp.rmemMax) * 2, SOCK_MIN_RCVBUF);
  const sndbuf = Math.max(Math.min(tcp.soSndbufRequest, tcp.wmemMax) * 2, SOCK_MIN_SNDBUF);

  // dst_metric_advmss: MTU minus IPv4 and TCP headers; mss_cache also leaves room for timestamps.
  const advmss = wire.mtu - 40;
  const tsLen = wire.tcpTimestamps ? TCPOLEN_TSTAMP_ALIGNED : 0;
  const mssCache = advmss - tsLen;

  // tcp_openreq_init_rwin: SOCK_RCVBUF_LOCK is set (SPDK sets SO_RCVBUF), so the clamp is the full space.
  const fullSpace = tcpWinFromSpace(rcvbuf);
  let clamp = fullSpace;

  // tcp_select_initial_window(full_space, mss - timestamps, ...).
  let space = Math.min(clamp, fullSpace);
  if (space > mssCache) space -= space % mssCache;
  const rcvWnd = Math.min(space, 0xffff); // tcp_workaround_signed_windows = 0
  const wsSpace = Math.min(Math.max(space, SYSCTL_TCP_RMEM_2, tcp.rmemMax), clamp);
  const rcvWscale = Math.min(Math.max(ilog2(wsSpace) - 15, 0), TCP_MAX_WSCALE);
  clamp = Math.min(0xffff * 2 ** rcvWscale, clamp);

  // tcp_init_buffer_space at ESTABLISHED: clamp to the full space, then reserve one segment.
  const maxwin = fullSpace;
  if (clamp >= maxwin) {
    clamp = maxwin;
    if (maxwin > 4 * advmss)
      clamp = Math.max(maxwin - Math.floor(maxwin / 2 ** SYSCTL_TCP_APP_WIN), 4 * advmss);
  }
  if (clamp > 2 * advmss && clamp + advmss > maxwin) clamp = Math.max(2 * advmss, maxwin - advmss);
  const rcvSsthresh = Math.min(rcvWnd, clamp);

  // tcp_initialize_rcv_mss: a guess until real segments are measured.
  let rcvMss = Math.min(advmss, mssCache, Math.floor(rcvWnd / 2), TCP_MSS_DEFAULT);
  rcvMss = Math.max(rcvMss, TCP_MIN_MSS);

  const start = irs >>> 0;
  return {
    irs: start,
    rcvNxt: start,
    copiedSeq: start,
    rcvWup: start,
    rcvWnd,
    windowClamp: clamp,
    rcvSsthresh,
    rcvWscale,
    advmss,
    mssCache,
    tcpHeaderLen: 20 + tsLen,
    lastWindow: rcvWnd,
    receiveQueue: [],
    ofoQueue: [],
    backlog: [],
    backlogLen: 0,
    rmemAlloc: 0,
    rcvbuf,
    sndbuf,
    rcvlowat: tcp.rcvlowat,
    ownedByUser: false,
    ack: { pending: 0, quick: 0, pingpong: 0, ato: 0, timeout: 0, lrcvtime: 0, rcvMss, lastSegSize: 0 },
    delackTimerAt: -1,
    delackDeferred: false,
    compressedAck: 0,
    compressedAckRcvNxt: start,
    dupAckCounter: 0,
    compressedAckTimerAt: -1,
    lastOowAckJiffy: -1,
    sackOk: true,
    sacks: [],
    dsack: null,
    acct: { rxSkbs: 0, rxBytes: 0, copiedBytes: 0, dropBytes: {}, dupBytes: 0, seqErrors: 0 },
  };
}
