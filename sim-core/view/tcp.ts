/**
 * The socket's receive side as drawn (tcp/state.ts): rcv_nxt, copied_seq, the window, memory
 * against sk_rcvbuf, and the three queues as seq ranges. Long queues are cut in the middle
 * (their first and last MAX_QUEUE_SKBS / 2 skbs are kept) so the view stays small; `totals`
 * always counts the whole queue.
 */
import type { World } from '../engine/world';
import type { Skb } from '../skb/skb';
import { tcpReceiveWindow } from '../tcp/window';
import { skbView } from './skb';
import type { SkbView, TcpView } from './types';

export const MAX_QUEUE_SKBS = 48;

function queue(w: World, q: readonly Skb[]): { list: SkbView[]; skbs: number; bytes: number; cut: number } {
  let bytes = 0;
  for (const s of q) bytes += s.len;
  const half = MAX_QUEUE_SKBS / 2;
  const kept = q.length <= MAX_QUEUE_SKBS ? q : [...q.slice(0, half), ...q.slice(q.length - half)];
  return { list: kept.map((s) => skbView(w, s)), skbs: q.length, bytes, cut: q.length - kept.length };
}

const EMPTY = { skbs: 0, bytes: 0, cut: 0 };

export function tcpView(w: World): TcpView {
  const t = w.tcp;
  // Before the start event the connection has no state yet (setup.ts fills it in at t = 0).
  if (t === null) {
    return {
      rcvNxt: 0,
      copiedSeq: 0,
      window: 0,
      rmemAlloc: 0,
      rcvbuf: 0,
      ownedByUser: false,
      backlog: [],
      receive: [],
      ofo: [],
      rcvWnd: 0,
      backlogLen: 0,
      established: false,
      totals: { backlog: EMPTY, receive: EMPTY, ofo: EMPTY },
    };
  }
  const backlog = queue(w, t.backlog);
  const receive = queue(w, t.receiveQueue);
  const ofo = queue(w, t.ofoQueue);
  const total = (x: typeof backlog) => ({ skbs: x.skbs, bytes: x.bytes, cut: x.cut });
  return {
    rcvNxt: t.rcvNxt >>> 0,
    copiedSeq: t.copiedSeq >>> 0,
    window: tcpReceiveWindow(t),
    rmemAlloc: t.rmemAlloc,
    rcvbuf: t.rcvbuf,
    ownedByUser: t.ownedByUser,
    backlog: backlog.list,
    receive: receive.list,
    ofo: ofo.list,
    rcvWnd: t.rcvWnd,
    backlogLen: t.backlogLen,
    established: true,
    totals: { backlog: total(backlog), receive: total(receive), ofo: total(ofo) },
  };
}
