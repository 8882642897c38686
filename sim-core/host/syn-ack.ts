/**
 * What the target's SYN-ACK told the host. The handshake is not simulated, so the host works out
 * the two numbers the way the target's kernel chose them (Linux 6.5 tcp_openreq_init_rwin ->
 * tcp_select_initial_window). SPDK sets SO_RCVBUF on its listening socket, so the request inherits
 * SOCK_RCVBUF_LOCK and the window clamp is tcp_full_space(): the shift depends on sk_rcvbuf.
 */
import type { Scenario } from '../scenario/types';

/** SOCK_MIN_RCVBUF (include/net/sock.h): 2048 + the skb struct. */
const SOCK_MIN_RCVBUF = 2304;
const TCP_MAX_WSCALE = 14;

/** tcp_full_space() of the target's socket: SO_RCVBUF clamped to rmem_max, doubled; half of it (tcp_adv_win_scale 1). */
function targetFullSpace(s: Scenario): number {
  const rcvbuf = Math.max(Math.min(s.tcp.soRcvbufRequest, s.tcp.rmemMax) * 2, SOCK_MIN_RCVBUF);
  return rcvbuf - (rcvbuf >> 1);
}

/**
 * The target's window scale (rcv_wscale): the smallest shift that fits min(max(tcp_rmem[2],
 * rmem_max), clamp) into 16 bits. The clamp (full space) is never above rmem_max, so it decides.
 */
export function targetWscale(s: Scenario): number {
  const space = targetFullSpace(s);
  const log2 = 31 - Math.clz32(space);
  return Math.min(Math.max(log2 - 15, 0), TCP_MAX_WSCALE);
}

/**
 * The window field of the SYN-ACK (never scaled): the full space rounded down to whole segments,
 * at most 65535. 6.5 no longer caps it at 10 segments (the RTAX_INITRWND route metric is unset).
 */
export function initialPeerWindow(s: Scenario): number {
  // The target's advmss (MTU - 40) less the timestamp option, as tcp_openreq_init_rwin passes it.
  const mss = s.wire.mtu - 40 - (s.wire.tcpTimestamps ? 12 : 0);
  let space = targetFullSpace(s);
  if (space > mss) space -= space % mss;
  return Math.min(space, 0xffff);
}
