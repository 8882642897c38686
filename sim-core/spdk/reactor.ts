/**
 * The SPDK reactor thread, reduced to the one poller that matters here: the nvmf TCP
 * poll group (nvmf_tcp_poll_group_poll -> spdk_sock_group_poll ->
 * posix_sock_group_impl_poll -> nvmf_tcp_sock_cb -> nvmf_tcp_sock_process), plus the
 * bdev completions that come back to the same thread.
 *
 * Simplification: a real reactor spins; polls that find nothing are not simulated (they
 * would add millions of empty rows). The reactor sleeps when a poll finds no work and is
 * woken, after `pollIntervalNs`, by what would make the next poll find work: EPOLLIN on the
 * socket (sk_data_ready), a bdev completion, a buffer returned to the pool.
 */
import type { Sim } from '../engine/sim';
import { record, defineHandler, schedule } from '../engine/sim';
import { charge, Proc, wakeProcAfter } from '../engine/cpu';
import { C_BDEV_DONE, C_POLL, C_SOCK_CB } from './reactor-codes';
import { posixSockGroupImplPoll, sockNeedsCallback } from './sock/group';
import { nvmfTcpSockProcessStep, nvmfAfterSockPoll, nvmfBackendDone } from './nvmf/process';
import { nvmfFlushWrites } from './nvmf/send';

export const enum ReactorPhase {
  Poll = 0,
  Sock = 1,
}

export interface ReactorState {
  phase: ReactorPhase;
  /** The last nvmf_tcp_sock_process pass made no progress: do not call it again until something changes. */
  stalled: boolean;
  /** Bytes moved by reads (kernel copies + pipe copies) when the current callback pass began. */
  passMark: number;
  /** Requests whose backend I/O finished, waiting for the reactor to run their completion. */
  completions: number[];
  polls: number;
}

export function initReactorState(): ReactorState {
  return { phase: ReactorPhase.Poll, stalled: false, passMark: 0, completions: [], polls: 0 };
}

const EV_BDEV_DONE = 570;

/**
 * One op of the reactor. The order follows v24.09's nvmf_tcp_poll_group_poll: bdev completions
 * (their own poller), then spdk_sock_group_poll (flush queued PDU writes, epoll_wait, run the
 * callback of each socket with data: nvmf_tcp_sock_process, one state-loop turn per op), then
 * the qpairs waiting for a request and the digest completions.
 * Returns true while it has more to do right away.
 */
export function reactorStep(sim: Sim): boolean {
  const r = sim.w.reactor;
  if (r.phase === ReactorPhase.Sock) {
    const progress = nvmfTcpSockProcessStep(sim);
    if (progress) return true;
    // The pass ended "in progress". If it moved bytes, the next poll calls back again (level-
    // triggered epoll, or the pipe still holds data); only a pass that read nothing stalls.
    r.stalled = movedBytes(sim) === r.passMark;
    r.phase = ReactorPhase.Poll;
    nvmfAfterSockPoll(sim);
    return true;
  }
  charge(sim, sim.w.scenario.cpu.costs.pollNs);
  r.polls++;
  let done = 0;
  while (r.completions.length > 0) {
    nvmfBackendDone(sim, r.completions.shift()!);
    done++;
  }
  const flushed = nvmfFlushWrites(sim);
  const ready = posixSockGroupImplPoll(sim);
  const callback = sockNeedsCallback(sim.w) && !r.stalled;
  record(sim, C_POLL, 0, ready, done);
  if (callback) {
    record(sim, C_SOCK_CB, 0, 0, 0);
    r.phase = ReactorPhase.Sock;
    r.passMark = movedBytes(sim);
    return true;
  }
  const after = nvmfAfterSockPoll(sim);
  return done > 0 || flushed || after;
}

function movedBytes(sim: Sim): number {
  const l = sim.w.ledger;
  return l.kernelCopyBytes + l.pipeCopyBytes;
}

/** Something changed that the next poll would notice: wake the reactor after one poll interval. */
export function wakeReactor(sim: Sim): void {
  sim.w.reactor.stalled = false;
  wakeProcAfter(sim, sim.w.cpu.reactorCore, Proc.Reactor, sim.w.scenario.spdk.pollIntervalNs);
}

/** hooks.backendSubmit: the bdev completes after the backend latency. */
export function backendSubmit(sim: Sim, reqIdx: number): void {
  schedule(sim, sim.w.scenario.spdk.backendLatencyNs, EV_BDEV_DONE, reqIdx);
}

defineHandler(EV_BDEV_DONE, 'bdev completion', (sim, e) => {
  sim.w.reactor.completions.push(e.a);
  record(sim, C_BDEV_DONE, e.a, 0, 0);
  wakeReactor(sim);
});
