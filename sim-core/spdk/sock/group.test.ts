import { describe, it, expect } from 'vitest';
import { C_EPOLL_WAIT, C_GROUP_POLL, SOCK_DATA_MACHINE } from './codes';
import { STATE_CODE_BASE } from '../../trace/machines';
import { posixSockGroupImplPoll, sockNeedsCallback } from './group';
import { spdkSockRecv, spdkSockSetRecvbuf } from './posix';
import { SockDataState } from './state';
import { countingStream, fakeKernel, sockSim } from './testkit';

describe('posix_sock_group_impl_poll', () => {
  it('flags and lists a readable socket and returns it for its callback', () => {
    const sim = sockSim(fakeKernel(countingStream(10)));
    const cost0 = sim.w.cpu.opCost;
    expect(posixSockGroupImplPoll(sim)).toBe(1);
    const s = sim.w.sock;
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([true, false, true]);
    expect(s.state).toBe(SockDataState.Socket);
    expect(sockNeedsCallback(sim.w)).toBe(true);
    expect(sim.w.cpu.opCost - cost0).toBe(sim.w.scenario.cpu.costs.syscallNs);
    expect(sim.rec.rows.map((r) => [r.code, r.a, r.b])).toEqual([
      [C_EPOLL_WAIT, 1, 0],
      [STATE_CODE_BASE + SOCK_DATA_MACHINE, SockDataState.None, SockDataState.Socket],
      [C_GROUP_POLL, 1, 1],
    ]);
    expect(s.counters).toMatchObject({ epollWaits: 1, epollEvents: 1, callbacks: 1 });
  });

  it('returns 0 when the kernel has nothing and nothing is listed', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    expect(posixSockGroupImplPoll(sim)).toBe(0);
    expect(sockNeedsCallback(sim.w)).toBe(false);
    expect(sim.rec.rows.map((r) => [r.code, r.a, r.b])).toEqual([
      [C_EPOLL_WAIT, 0, 0],
      [C_GROUP_POLL, 0, 0],
    ]);
  });

  it('is level-triggered: reports the socket on every poll while bytes remain, listing it once', () => {
    const sim = sockSim(fakeKernel(countingStream(10)));
    posixSockGroupImplPoll(sim);
    sim.rec.rows.length = 0;
    expect(posixSockGroupImplPoll(sim)).toBe(1);
    // Already flagged: no state change row this time.
    expect(sim.rec.rows.map((r) => r.code)).toEqual([C_EPOLL_WAIT, C_GROUP_POLL]);
    expect(sim.w.sock.counters.epollEvents).toBe(2);
  });

  it('keeps returning the socket while its pipe holds bytes, with the kernel empty', () => {
    const k = fakeKernel(countingStream(100), 60);
    const sim = sockSim(k);
    spdkSockSetRecvbuf(sim, 33_344);
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(8), 0, 8);
    expect(k.hooks.tcpReadable!(sim)).toBe(false);
    expect(posixSockGroupImplPoll(sim)).toBe(1);
    expect(sim.w.sock.state).toBe(SockDataState.Pipe);
    // New bytes while the pipe still holds some: flagged again, listed once.
    k.arrive(40);
    expect(posixSockGroupImplPoll(sim)).toBe(1);
    expect(sim.w.sock.state).toBe(SockDataState.Both);
    expect(sim.w.sock.onSocksWithData).toBe(true);
  });

  it('does nothing for a socket outside any group', () => {
    const sim = sockSim(fakeKernel(countingStream(10)));
    sim.w.sock.inGroup = false;
    expect(posixSockGroupImplPoll(sim)).toBe(0);
    expect(sim.rec.rows).toHaveLength(0);
    expect(sockNeedsCallback(sim.w)).toBe(false);
  });
});
