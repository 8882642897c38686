/**
 * Trace codes (400-449) and event kinds (450-499) of the TCP receive side and the read syscall.
 * Captions are our own words; function and file names are Linux 6.5's.
 */
import { type CodeInfo, defineCodes } from '../trace/codes';

export const TC = {
  V4_RCV: 400,
  ADD_BACKLOG: 401,
  RCV_ESTABLISHED: 402,
  DATA_QUEUE: 403,
  QUEUE_RCV: 404,
  TRY_COALESCE: 405,
  DATA_QUEUE_OFO: 406,
  OFO_QUEUE: 407,
  DROP: 408,
  GROW_WINDOW: 409,
  MEASURE_RCV_MSS: 410,
  ACK_SND_CHECK: 411,
  SEND_ACK: 412,
  SEND_DELAYED_ACK: 413,
  DELACK_TIMER: 414,
  COMPRESSED_ACK_KICK: 415,
  SEND_DUPACK: 416,
  DATA_READY: 417,
  SELECT_WINDOW: 418,
  PRUNE_QUEUE: 419,
  PRUNE_OFO_QUEUE: 420,
  SOCK_READ_ITER: 421,
  LOCK_SOCK: 422,
  RECVMSG: 423,
  COPY_DATAGRAM_MSG: 424,
  EAT_RECV_SKB: 425,
  FLUSH_BACKLOG: 426,
  RELEASE_SOCK_BACKLOG: 427,
  RELEASE_SOCK: 428,
  CLEANUP_RBUF: 429,
  RELEASE_CB: 430,
  EVENT_DATA_SENT: 431,
  ENTER_QUICKACK: 432,
} as const;

/** Event kinds (schedule). */
export const EV_TCP_DELACK_TIMER = 450;
export const EV_TCP_COMPRESSED_ACK = 451;

/** Drop reasons (enum skb_drop_reason, include/net/dropreason-core.h, without SKB_DROP_REASON_). */
export const TCP_DROP_REASONS = [
  'TCP_OLD_DATA',
  'TCP_OVERWINDOW',
  'TCP_ZEROWINDOW',
  'PROTO_MEM',
  'TCP_OFOMERGE',
  'TCP_OFO_DROP',
  'TCP_OFO_QUEUE_PRUNE',
  'SOCKET_BACKLOG',
  'TCP_INVALID_SEQUENCE',
] as const;
export type TcpDropReason = (typeof TCP_DROP_REASONS)[number];

/** Why an ACK left: index used in the SEND_ACK row's obj column. */
export const ACK_REASONS = ['quick', 'delayed', 'window-update', 'dup', 'ofo'] as const;

const IPV4 = 'net/ipv4/tcp_ipv4.c';
const INPUT = 'net/ipv4/tcp_input.c';
const OUTPUT = 'net/ipv4/tcp_output.c';
const TIMER = 'net/ipv4/tcp_timer.c';
const TCP = 'net/ipv4/tcp.c';
const SOCK = 'net/core/sock.c';

function c(
  code: number,
  fn: string,
  file: string,
  args: CodeInfo['args'],
  caption: string,
  extra: Partial<CodeInfo> = {},
): CodeInfo {
  return { code, fn, file, repo: 'linux', layer: 'tcp', args, caption, ...extra };
}

export const TCP_CODES: readonly CodeInfo[] = [
  c(
    TC.V4_RCV,
    'tcp_v4_rcv',
    IPV4,
    { obj: 'skb id', a: 'seq (u32: read with >>> 0)', b: 'payload bytes' },
    'A TCP segment for our connection arrives from IP; if the reader holds the socket it goes to the backlog.',
  ),
  c(
    TC.ADD_BACKLOG,
    'tcp_add_backlog',
    IPV4,
    { obj: 'skb id', a: 'sk_backlog.len after', b: '1 if merged into the backlog tail' },
    'The reader owns the socket, so the segment waits in the backlog (merged into the last one when contiguous).',
  ),
  c(
    TC.RCV_ESTABLISHED,
    'tcp_rcv_established',
    INPUT,
    { obj: 'skb id', a: 'seq (u32: read with >>> 0)', b: 'payload bytes' },
    'tcp_v4_do_rcv hands the segment to the established-state receive code (the slow path here).',
  ),
  c(
    TC.DATA_QUEUE,
    'tcp_data_queue',
    INPUT,
    { obj: 'skb id', a: 'seq (u32)', b: 'rcv_nxt before (u32)' },
    'Decide where the payload goes: in order, out of order, old, or outside the window.',
  ),
  c(
    TC.QUEUE_RCV,
    'tcp_queue_rcv',
    INPUT,
    {
      obj: 'skb id (the tail it merged into, if merged)',
      a: 'rcv_nxt after (u32)',
      b: 'receive queue length',
    },
    'In-order data joins the receive queue and rcv_nxt moves forward.',
  ),
  c(
    TC.TRY_COALESCE,
    'tcp_try_coalesce',
    INPUT,
    { obj: 'skb id that grew', a: 'skb id merged into it', b: 'bytes added' },
    'The new segment is merged into the previous skb instead of queued on its own (saves memory).',
  ),
  c(
    TC.DATA_QUEUE_OFO,
    'tcp_data_queue_ofo',
    INPUT,
    { obj: 'skb id', a: 'seq (u32)', b: 'out-of-order queue length after' },
    'A segment beyond a gap is kept in the out-of-order queue, sorted by sequence number.',
  ),
  c(
    TC.OFO_QUEUE,
    'tcp_ofo_queue',
    INPUT,
    { obj: 'skb id', a: 'seq (u32)', b: 'rcv_nxt after (u32)' },
    'The gap is filled: a waiting out-of-order skb is now in order and moves to the receive queue.',
  ),
  c(
    TC.DROP,
    'tcp_drop_reason',
    INPUT,
    {
      obj: 'skb id',
      a: `drop reason: ${TCP_DROP_REASONS.map((r, i) => `${i} ${r}`).join(', ')}`,
      b: 'payload bytes',
    },
    'The segment is freed without its data being kept; the reason is counted.',
    { marker: 'drop' },
  ),
  c(
    TC.GROW_WINDOW,
    'tcp_grow_window',
    INPUT,
    { a: 'rcv_ssthresh after', b: 'increase' },
    'Segments use memory efficiently, so the receiver lets its offered window grow.',
  ),
  c(
    TC.MEASURE_RCV_MSS,
    'tcp_measure_rcv_mss',
    INPUT,
    { a: 'rcv_mss after', b: 'segment length seen' },
    'The receiver updates its guess of the sender segment size, used to decide when to ACK.',
  ),
  c(
    TC.ACK_SND_CHECK,
    '__tcp_ack_snd_check',
    INPUT,
    { a: '0 delay the ACK, 1 ACK now, 2 compress (SACK)', b: 'bytes received since the last window update' },
    'Should this data be acknowledged now, or can the ACK wait?',
  ),
  c(
    TC.SEND_ACK,
    'tcp_send_ack',
    OUTPUT,
    {
      obj: `reason: ${ACK_REASONS.map((r, i) => `${i} ${r}`).join(', ')}`,
      a: 'ack (rcv_nxt)',
      b: 'window bytes',
    },
    'The target sends an ACK with its receive window to the host.',
  ),
  c(
    TC.SEND_DELAYED_ACK,
    'tcp_send_delayed_ack',
    OUTPUT,
    { a: 'ns until the delayed ACK is due', b: 'ato ns' },
    'The ACK is held back for a while in the hope of sending fewer of them.',
  ),
  c(
    TC.DELACK_TIMER,
    'tcp_delack_timer',
    TIMER,
    { a: '1 if an ACK was sent, 0 if none was pending', b: '1 if deferred: the reader owned the socket' },
    'The delayed-ACK timer fires.',
  ),
  c(
    TC.COMPRESSED_ACK_KICK,
    'tcp_compressed_ack_kick',
    TIMER,
    { a: 'ACKs saved by compression', b: '1 if deferred: the reader owned the socket' },
    'The SACK compression timer fires and the held-back ACK goes out.',
  ),
  c(
    TC.SEND_DUPACK,
    'tcp_send_dupack',
    INPUT,
    { obj: 'skb id', a: 'seq (u32)', b: 'end_seq (u32)' },
    'A segment outside the acceptable range gets an immediate duplicate ACK (with a D-SACK for old data).',
  ),
  c(
    TC.DATA_READY,
    'tcp_data_ready',
    INPUT,
    { a: 'bytes readable (rcv_nxt - copied_seq)', b: '1 if the reader was woken' },
    'Enough data is readable (at least SO_RCVLOWAT): wake the reader (EPOLLIN).',
  ),
  c(
    TC.SELECT_WINDOW,
    'tcp_select_window',
    OUTPUT,
    { a: 'window now advertised, bytes', b: 'window advertised before' },
    'The window offered to the host changes: free buffer space, never pulling back the right edge.',
  ),
  c(
    TC.PRUNE_QUEUE,
    'tcp_prune_queue',
    INPUT,
    { a: 'sk_rmem_alloc', b: 'sk_rcvbuf' },
    'Queued skbs use more memory than the receive buffer allows: try to make room.',
  ),
  c(
    TC.PRUNE_OFO_QUEUE,
    'tcp_prune_ofo_queue',
    INPUT,
    { a: 'skbs dropped', b: 'sk_rmem_alloc after' },
    'Out-of-order data is thrown away, newest first, to get under the memory limit.',
  ),
  c(
    TC.SOCK_READ_ITER,
    'sock_read_iter',
    'net/socket.c',
    { a: 'bytes asked (iovec total)', b: 'iovec count' },
    'readv() enters the kernel: sock_recvmsg -> inet_recvmsg -> tcp_recvmsg, non-blocking.',
    { layer: 'syscall' },
  ),
  c(
    TC.LOCK_SOCK,
    'lock_sock_nested',
    SOCK,
    { a: '1 owned by the reader' },
    'The reader takes the socket lock: segments arriving now wait in the backlog.',
    { layer: 'syscall' },
  ),
  c(
    TC.RECVMSG,
    'tcp_recvmsg',
    TCP,
    { a: 'bytes copied, or -11 (EAGAIN)', b: 'iovec count' },
    'The read returns what it copied from the receive queue.',
    { layer: 'syscall' },
  ),
  c(
    TC.COPY_DATAGRAM_MSG,
    'skb_copy_datagram_msg',
    'net/core/datagram.c',
    { obj: 'skb id', a: 'bytes copied', b: 'offset in the skb' },
    'The CPU copies payload bytes from the skb into the caller buffers.',
    { layer: 'syscall' },
  ),
  c(
    TC.EAT_RECV_SKB,
    'tcp_eat_recv_skb',
    TCP,
    { obj: 'skb id', a: 'truesize released', b: 'sk_rmem_alloc after' },
    'Every byte of this skb was read: it leaves the receive queue and its memory is released.',
    { layer: 'syscall' },
  ),
  c(
    TC.FLUSH_BACKLOG,
    '__sk_flush_backlog',
    SOCK,
    { a: 'backlog skbs' },
    'Mid-read, the reader processes the backlog itself before copying more.',
    { layer: 'syscall' },
  ),
  c(
    TC.RELEASE_SOCK_BACKLOG,
    '__release_sock',
    SOCK,
    { a: 'backlog skbs to process', b: 'their payload bytes' },
    'The reader processes the segments that waited in the backlog (sk_backlog_rcv = tcp_v4_do_rcv).',
    { layer: 'syscall' },
  ),
  c(
    TC.RELEASE_SOCK,
    'release_sock',
    SOCK,
    { a: 'backlog skbs processed' },
    'The reader gives the socket lock back: softirq may queue segments directly again.',
    { layer: 'syscall' },
  ),
  c(
    TC.CLEANUP_RBUF,
    'tcp_cleanup_rbuf',
    TCP,
    { a: 'bytes copied by this read', b: '1 if an ACK or window update was sent' },
    'After reading, ACK pending data or announce the space the read freed.',
    { layer: 'syscall' },
  ),
  c(
    TC.RELEASE_CB,
    'tcp_release_cb',
    OUTPUT,
    { a: '1 delayed-ACK work that was deferred' },
    'Timer work that found the socket owned runs now, as the lock is released.',
    { layer: 'syscall' },
  ),
  c(
    TC.EVENT_DATA_SENT,
    'tcp_event_data_sent',
    OUTPUT,
    { a: '1 in pingpong (interactive) mode', b: 'ack = rcv_nxt carried (u32)' },
    'The target sends data; it carries the ACK, and a quick reply marks the connection interactive.',
  ),
  c(
    TC.ENTER_QUICKACK,
    'tcp_enter_quickack_mode',
    INPUT,
    { a: 'quick ACKs allowed' },
    'The next ACKs go out at once, not delayed (after old or out-of-window data).',
  ),
];

defineCodes([400, 499], TCP_CODES);
