/**
 * The receive window: free space, what to offer (__tcp_select_window), what to put on the wire
 * (tcp_select_window, never shrinking the right edge), and rcv_ssthresh growth (tcp_grow_window).
 *
 * Linux 6.5 still derives the window from buffer space with tcp_adv_win_scale (default 1: half of
 * the free space is offered); the measured len/truesize `scaling_ratio` only arrived in 6.6.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { bump } from '../ledger/ledger';
import type { Skb } from '../skb/skb';
import { TC } from './codes';
import { type TcpState, SYSCTL_TCP_RMEM_2, tcpWinFromSpace } from './state';

/** tcp_space(): window worth of the buffer not used by queued or backlogged skbs (may be negative). */
export function tcpSpace(t: TcpState): number {
  return tcpWinFromSpace(t.rcvbuf - t.backlogLen - t.rmemAlloc);
}

/** tcp_full_space(). */
export function tcpFullSpace(t: TcpState): number {
  return tcpWinFromSpace(t.rcvbuf);
}

/** tcp_receive_window(): what is left of the window last advertised. */
export function tcpReceiveWindow(t: TcpState): number {
  const win = (t.rcvWup + t.rcvWnd - t.rcvNxt) | 0;
  return Math.max(win, 0);
}

function roundDownPow2(v: number, p: number): number {
  return v & ~(p - 1);
}

function alignUpPow2(v: number, p: number): number {
  return (v + p - 1) & ~(p - 1);
}

/**
 * __tcp_select_window(): the window we would like to offer now, before the no-shrink rule and
 * scaling. Side effect as upstream: a buffer more than half full ends quick-ACK mode.
 * (net.ipv4.tcp_shrink_window is 0 by default, so the shrink-allowed branch is not modelled.)
 */
export function selectWindowRaw(t: TcpState): number {
  let mss = t.ack.rcvMss;
  let freeSpace = tcpSpace(t);
  const allowedSpace = tcpFullSpace(t);
  const fullSpace = Math.min(t.windowClamp, allowedSpace);
  const scale = 1 << t.rcvWscale;

  if (mss > fullSpace) {
    mss = fullSpace;
    if (mss <= 0) return 0;
  }
  if (freeSpace < fullSpace >> 1) {
    t.ack.quick = 0;
    // Simplification: no global TCP memory pressure, so tcp_adjust_rcv_ssthresh never runs here.
    freeSpace = roundDownPow2(freeSpace, scale);
    // Below 1/16 of the buffer or one segment: go to zero window rather than dribble.
    if (freeSpace < allowedSpace >> 4 || freeSpace < mss) return 0;
  }
  if (freeSpace > t.rcvSsthresh) freeSpace = t.rcvSsthresh;

  if (t.rcvWscale) return alignUpPow2(freeSpace, scale);

  // Without scaling: keep the window a multiple of the MSS when that is cheap.
  let window = t.rcvWnd;
  if (window <= freeSpace - mss || window > freeSpace) window = freeSpace - (freeSpace % mss);
  else if (mss === fullSpace && freeSpace > window + (fullSpace >> 1)) window = freeSpace;
  return window;
}

/**
 * tcp_select_window(): choose the window for an outgoing segment, remember it (rcv_wnd, rcv_wup)
 * and return it in bytes as the host will read it (scaled down, then back up).
 */
export function tcpSelectWindow(sim: Sim): number {
  const t = sim.w.tcp;
  const oldWin = t.rcvWnd;
  const curWin = tcpReceiveWindow(t);
  let newWin = selectWindowRaw(t);

  if (newWin < curWin) {
    // Never shrink the offered window: keep the right edge where the host already saw it.
    if (newWin === 0) bump(sim, 'tcp.TCPWantZeroWindowAdv');
    newWin = alignUpPow2(curWin, 1 << t.rcvWscale);
  }
  t.rcvWnd = newWin;
  t.rcvWup = t.rcvNxt;

  newWin = Math.min(newWin, 0xffff * 2 ** t.rcvWscale);
  const field = Math.floor(newWin / 2 ** t.rcvWscale);
  if (field === 0) {
    if (oldWin) {
      bump(sim, 'tcp.TCPToZeroWindowAdv');
      bump(sim, 'tcp.zero_window_events');
    }
  } else if (oldWin === 0) {
    bump(sim, 'tcp.TCPFromZeroWindowAdv');
  }

  const bytes = field * 2 ** t.rcvWscale;
  const prevWindow = t.lastWindow;
  if (bytes !== prevWindow) {
    t.lastWindow = bytes;
    record(sim, TC.SELECT_WINDOW, 0, bytes, prevWindow);
  }
  return bytes;
}

/** Facts about a segment taken before it may be merged away (len, gso_size, truesize, flags). */
export interface SegInfo {
  id: number;
  seq: number;
  len: number;
  /** skb_shinfo(skb)->gso_size: 0 for a single segment. */
  gsoSize: number;
  truesize: number;
  tcpFlags: number;
}

/**
 * Simplification: our skbs do not carry gso_size; for a GRO-merged skb the largest frag (one
 * per wire segment) stands in for it.
 */
export function segInfo(skb: Skb): SegInfo {
  let gsoSize = 0;
  if (skb.segs > 1) for (const f of skb.frags) gsoSize = Math.max(gsoSize, f.len);
  return { id: skb.id, seq: skb.seq, len: skb.len, gsoSize, truesize: skb.truesize, tcpFlags: skb.tcpFlags };
}

/** Slow part of check #2 (__tcp_grow_window). */
function growWindowSlow(t: TcpState, info: SegInfo, skbTruesize: number): number {
  let truesize = tcpWinFromSpace(skbTruesize) >> 1;
  let window = tcpWinFromSpace(SYSCTL_TCP_RMEM_2) >> 1;
  while (t.rcvSsthresh <= window) {
    if (truesize <= info.len) return 2 * t.ack.rcvMss;
    truesize >>= 1;
    window >>= 1;
  }
  return 0;
}

/**
 * tcp_grow_window(): let rcv_ssthresh (the cap on the offered window) grow while segments use
 * memory efficiently. Simplification: truesize_adjust() is not applied (igb's build_skb skbs
 * carry payload in their linear head, where upstream does not adjust either).
 */
export function tcpGrowWindow(sim: Sim, info: SegInfo): void {
  const t = sim.w.tcp;
  const room = Math.min(t.windowClamp, tcpSpace(t)) - t.rcvSsthresh;
  if (room <= 0) return;
  // Check #1 (memory pressure) always passes: Simplification, no global TCP memory pressure.
  let incr: number;
  if (tcpWinFromSpace(info.truesize) <= info.len) incr = 2 * t.advmss;
  else incr = growWindowSlow(t, info, info.truesize);
  if (incr) {
    incr = Math.max(incr, 2 * info.len);
    const add = Math.min(room, incr);
    t.rcvSsthresh += add;
    t.ack.quick |= 1;
    record(sim, TC.GROW_WINDOW, 0, t.rcvSsthresh, add);
  }
}

/** tcp_rmem_pressure(): more than 7/8 of the buffer is used. */
export function tcpRmemPressure(t: TcpState): boolean {
  return t.rmemAlloc > t.rcvbuf - (t.rcvbuf >> 3);
}

/** tcp_epollin_ready(): would poll report EPOLLIN for this target? */
export function tcpEpollinReady(t: TcpState, target: number): boolean {
  const avail = (t.rcvNxt - t.copiedSeq) | 0;
  if (avail <= 0) return false;
  return avail >= target || tcpRmemPressure(t) || tcpReceiveWindow(t) <= t.ack.rcvMss;
}
