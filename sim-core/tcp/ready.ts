/**
 * Waking the reader (tcp_input.c tcp_data_ready, net/core/sock.c sock_def_readable). SPDK waits in
 * epoll_wait, level-triggered; hooks.dataReady tells the reactor that EPOLLIN is now true.
 */
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { TC } from './codes';
import { tcpEpollinReady } from './window';

/** sk->sk_data_ready (sock_def_readable): wake epoll waiters; epoll reports EPOLLIN only if readable. */
export function skDataReady(sim: Sim): void {
  const t = sim.w.tcp;
  if (tcpEpollinReady(t, t.rcvlowat || 1)) sim.hooks.dataReady(sim);
}

/** tcp_data_ready(): wake the reader when at least SO_RCVLOWAT bytes are readable. */
export function tcpDataReady(sim: Sim): void {
  const t = sim.w.tcp;
  const ready = tcpEpollinReady(t, t.rcvlowat);
  record(sim, TC.DATA_READY, 0, (t.rcvNxt - t.copiedSeq) >>> 0, ready ? 1 : 0);
  if (ready) sim.hooks.dataReady(sim);
}

/** tcp_poll()'s EPOLLIN test: target = sock_rcvlowat(sk, 0, INT_MAX). */
export function tcpReadable(sim: Sim): boolean {
  const t = sim.w.tcp;
  return tcpEpollinReady(t, t.rcvlowat || 1);
}
