/**
 * The TCP lanes' sequence axis: x grows with sequence number from copied_seq (what the reader
 * has taken; the head skb of sk_receive_queue may start before it when partly read). The
 * axis shows every byte held plus the receive window after rcv_nxt; a window much larger than
 * the data (SPDK asks for 2 MiB) is cut so the segments stay wide enough to see, and the cut
 * is said on the axis (`windowClipped`).
 */
import type { SkbView, TcpView } from '../../../sim-types';

/** Smallest stretch of sequence space the axis shows (about 11 full-sized segments). */
export const MIN_SPAN = 16_384;
/** The window is cut when showing all of it would leave the data less than this share of the width. */
const MAX_WINDOW_SHARE = 0.6;

/** Signed distance from `base` to `seq` in 32-bit sequence space. */
export function rel(seq: number, base: number): number {
  return (seq - base) | 0;
}

export interface SeqScale {
  /** copied_seq: the axis' origin. */
  base: number;
  /** Axis ends, relative to base. */
  left: number;
  right: number;
  width: number;
  /** rcv_nxt and rcv_nxt + window, relative to base. */
  rcvNxt: number;
  winEnd: number;
  windowClipped: boolean;
}

export function seqScale(tcp: TcpView, width: number, minSpan = MIN_SPAN): SeqScale {
  const base = tcp.copiedSeq;
  const rcvNxt = rel(tcp.rcvNxt, base);
  const head = tcp.receive[0];
  const left = Math.min(0, head === undefined ? 0 : rel(head.seq, base));
  let dataEnd = Math.max(rcvNxt, 0);
  for (const q of [tcp.receive, tcp.ofo, tcp.backlog])
    for (const s of q) dataEnd = Math.max(dataEnd, rel(s.end, base));
  const winEnd = rcvNxt + Math.max(0, tcp.window);
  const dataSpan = Math.max(dataEnd - left, minSpan);
  let right = Math.max(winEnd, dataEnd, left + minSpan);
  let windowClipped = false;
  if (dataSpan / (right - left) < MAX_WINDOW_SHARE && winEnd - left > dataSpan) {
    right = left + dataSpan / MAX_WINDOW_SHARE;
    windowClipped = winEnd > right;
  }
  return { base, left, right, width, rcvNxt, winEnd, windowClipped };
}

/** x of a sequence number on the axis, clamped to [0, width]. */
export function xOf(s: SeqScale, seq: number): number {
  return xRel(s, rel(seq, s.base));
}

export function xRel(s: SeqScale, r: number): number {
  const x = ((r - s.left) / (s.right - s.left)) * s.width;
  return Math.max(0, Math.min(s.width, x));
}

/** Smallest width an skb is drawn with, so a tiny segment can still be seen and clicked. */
export const MIN_SKB_PX = 3;

export function skbBox(s: SeqScale, skb: SkbView): { x: number; w: number } {
  const x0 = xOf(s, skb.seq);
  const x1 = xRel(s, rel(skb.seq, s.base) + skb.len);
  const w = Math.max(MIN_SKB_PX, x1 - x0);
  return { x: Math.min(x0, s.width - w), w };
}

/**
 * Where a cut queue (TcpView.totals[q].cut > 0) leaves skbs out: between its first and last
 * halves, as a sequence range [seq, end), or null when nothing is cut.
 */
export function cutRange(list: readonly SkbView[], cut: number): { seq: number; end: number } | null {
  if (cut <= 0 || list.length < 2) return null;
  const half = list.length >> 1;
  const before = list[half - 1];
  const after = list[half];
  if (before === undefined || after === undefined) return null;
  return { seq: before.end, end: after.seq };
}
