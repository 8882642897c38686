/**
 * One poll of the posix sock group (posix_sock_group_impl_poll in
 * module/sock/posix/posix.c, called by sock_group_impl_poll_count in lib/sock/sock.c at
 * SPDK v24.09), for the group's one socket.
 *
 * epoll_wait with timeout 0 on a level-triggered EPOLLIN registration: the socket is
 * reported on every poll while the kernel holds unread bytes. A reported socket gets
 * socket_has_data and goes on socks_with_data; every listed socket (up to
 * MAX_EVENTS_PER_POLL) is returned so the caller runs its callback (nvmf_tcp_sock_cb).
 * A socket stays listed while its pipe still holds bytes, even with nothing in the kernel.
 *
 * Simplification: the send-side work of the same poll (_sock_flush of queued writes,
 * zero-copy completions on EPOLLERR, the busy-poll poll() for a priority socket) and the
 * rotation of socks_with_data (a no-op with one socket) are not modelled.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { charge } from '../../engine/cpu';
import type { World } from '../../engine/world';
import { C_EPOLL_WAIT, C_GROUP_POLL } from './codes';
import { syncDataState } from './flags';

/** MAX_EVENTS_PER_POLL (include/spdk_internal/sock.h): sockets called back per poll at most. */
export const MAX_EVENTS_PER_POLL = 32;

/** posix_sock_group_impl_poll: returns how many sockets to call back (0 or 1 here). */
export function posixSockGroupImplPoll(sim: Sim): number {
  const s = sim.w.sock;
  // sock_group_impl_poll_count: a group without sockets is not polled at all.
  if (!s.inGroup) return 0;
  charge(sim, sim.w.scenario.cpu.costs.syscallNs);
  const events = sim.hooks.tcpReadable(sim) ? 1 : 0;
  s.counters.epollWaits++;
  s.counters.epollEvents += events;
  record(sim, C_EPOLL_WAIT, 0, events, 0);
  if (events > 0) {
    // Not listed yet (neither flag set): append it to socks_with_data.
    if (!s.socketHasData && !s.pipeHasData) s.onSocksWithData = true;
    s.socketHasData = true;
    syncDataState(sim);
  }
  const ready = s.onSocksWithData ? Math.min(1, MAX_EVENTS_PER_POLL) : 0;
  s.counters.callbacks += ready;
  record(sim, C_GROUP_POLL, 0, events, ready);
  return ready;
}

/** For the reactor: the socket is on socks_with_data (socket_has_data or pipe_has_data), so its callback runs. */
export function sockNeedsCallback(w: World): boolean {
  return w.sock.inGroup && w.sock.onSocksWithData;
}
