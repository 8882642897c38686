/**
 * The socket lock (net/core/sock.c): lock_sock marks the socket owned by the reader, so softirq
 * parks segments in the backlog; release_sock processes the backlog (__release_sock ->
 * sk_backlog_rcv = tcp_v4_do_rcv) and runs deferred timer work (tcp_release_cb).
 *
 * In the model the reader takes the lock in its readv and keeps it until its CPU op ends (the
 * cpu module calls releaseSockAtOpEnd), so softirq arriving meanwhile, on the other core or
 * preempting the reactor, finds it owned.
 */
import { charge } from '../engine/cpu';
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { tcpDelackTimerHandler } from './ack';
import { TC } from './codes';
import { tcpV4DoRcv } from './input';

/** lock_sock(). */
export function lockSock(sim: Sim): void {
  const t = sim.w.tcp;
  if (t.ownedByUser) return; // already ours: the same op read before
  t.ownedByUser = true;
  record(sim, TC.LOCK_SOCK, 0, 1, 0);
}

/**
 * __release_sock(): feed every backlog skb to tcp_v4_do_rcv, then zero sk_backlog.len. The lock
 * stays owned meanwhile, and the backlog memory still counts against the window until the end.
 */
export function releaseSockBacklog(sim: Sim): number {
  const t = sim.w.tcp;
  let bytes = 0;
  for (const s of t.backlog) bytes += s.len;
  const n = t.backlog.length;
  record(sim, TC.RELEASE_SOCK_BACKLOG, 0, n, bytes);
  const perSkb = sim.w.scenario.cpu.costs.perSkbNs;
  let done = 0;
  while (t.backlog.length > 0) {
    const skb = t.backlog.shift()!;
    charge(sim, perSkb);
    done++;
    tcpV4DoRcv(sim, skb);
  }
  t.backlogLen = 0;
  return done;
}

/** __sk_flush_backlog(): the reader processes the backlog in the middle of a read. */
export function skFlushBacklog(sim: Sim): void {
  record(sim, TC.FLUSH_BACKLOG, 0, sim.w.tcp.backlog.length, 0);
  releaseSockBacklog(sim);
}

/** release_sock(): process the backlog, run deferred work, give the lock back. No-op when not held. */
export function releaseSock(sim: Sim): void {
  const t = sim.w.tcp;
  if (!t.ownedByUser) return;
  const n = t.backlog.length > 0 ? releaseSockBacklog(sim) : 0;
  if (t.delackDeferred) {
    // tcp_release_cb: ownership is dropped first, then the deferred delayed-ACK work runs.
    t.delackDeferred = false;
    t.ownedByUser = false;
    record(sim, TC.RELEASE_CB, 0, 1, 0);
    tcpDelackTimerHandler(sim);
  }
  t.ownedByUser = false;
  record(sim, TC.RELEASE_SOCK, 0, n, 0);
}

/** Bound to the cpu module's op-end: the reader's op is over, so is its tcp_recvmsg. */
export function releaseSockAtOpEnd(sim: Sim): void {
  releaseSock(sim);
}
