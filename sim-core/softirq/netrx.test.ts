import { describe, expect, it } from 'vitest';
import '../engine/cpu';
import { bindCpu, charge, Proc, raiseNetRx, wakeProc } from '../engine/cpu';
import { run } from '../engine/run';
import { counter } from '../ledger/ledger';
import { C_IGB_MSIX_RING } from '../nic/codes';
import { STATE_CODE_BASE } from '../trace/machines';
import {
  C_DO_SOFTIRQ,
  C_KSOFTIRQD_RUN,
  C_KSOFTIRQD_SLEEP,
  C_NAPI_COMPLETE_DONE,
  C_NAPI_POLL_DONE,
  C_NAPI_SCHEDULE,
  C_NET_RX_ACTION_END,
  C_NET_RX_RESTART,
  C_SOFTIRQ_EXIT,
  C_SOFTIRQ_RESTART,
  C_TIME_SQUEEZE,
  C_WAKEUP_SOFTIRQD,
  NAPI_IDLE,
  NAPI_MACHINE,
  NAPI_SCHED,
} from './codes';
import { napiSchedule } from './napi';
import { CTX_INLINE, CTX_NONE, PH_IDLE } from './state';
import { ksoftirqdStep, softirqStep } from './step';
import { arrive, rig, rowsOf, stream } from './testkit';

const total = (r: ReturnType<typeof rig>) => r.delivered.reduce((a, s) => a + s.len, 0);

describe('napi_schedule', () => {
  it('sets NAPI_STATE_SCHED, queues the instance and raises NET_RX', () => {
    const r = rig();
    napiSchedule(r.sim);
    const s = r.sim.w.softirq;
    expect(s.napi.state).toBe(NAPI_SCHED);
    expect(s.pollList).toEqual([0]);
    expect(r.sim.w.cpu.cores[0]!.softirqPending).toBe(true);
    expect(rowsOf(r, C_NAPI_SCHEDULE)).toEqual([expect.objectContaining({ a: 1, b: 1 })]);
    expect(rowsOf(r, STATE_CODE_BASE + NAPI_MACHINE.id)).toEqual([
      expect.objectContaining({ a: NAPI_IDLE, b: NAPI_SCHED }),
    ]);
  });

  it('only notes MISSED when already scheduled', () => {
    const r = rig();
    napiSchedule(r.sim);
    napiSchedule(r.sim);
    expect(r.sim.w.softirq.pollList).toEqual([0]);
    expect(r.sim.w.softirq.napi.missed).toBe(true);
    expect(rowsOf(r, C_NAPI_SCHEDULE).map((x) => x.a)).toEqual([1, 0]);
  });

  it('does not raise NET_RX while net_rx_action runs (Linux 6.5 in_net_rx_action)', () => {
    const r = rig();
    r.sim.w.softirq.inNetRxAction = true;
    napiSchedule(r.sim);
    expect(r.sim.w.cpu.cores[0]!.softirqPending).toBe(false);
    expect(rowsOf(r, C_NAPI_SCHEDULE)).toEqual([expect.objectContaining({ a: 1, b: 0 })]);
  });
});

describe('net_rx_action and napi_poll', () => {
  it('polls again when a poll uses its whole weight (64): repoll, NET_RX raised again, __do_softirq restarts', () => {
    const r = rig();
    for (const f of stream(100)) arrive(r.sim, 0, f);
    run(r.sim);
    expect(rowsOf(r, C_NAPI_POLL_DONE).map((x) => [x.a, x.b])).toEqual([
      [64, 1],
      [36, 0],
    ]);
    // With one NAPI instance the repoll list ends net_rx_action (Linux >= 4.0): the next round polls again.
    expect(rowsOf(r, C_NET_RX_ACTION_END).map((x) => [x.a, x.b])).toEqual([
      [64, 1],
      [36, 0],
    ]);
    expect(rowsOf(r, C_SOFTIRQ_RESTART)).toHaveLength(1);
    // One interrupt, one napi_schedule, one completion: NAPI stayed scheduled in between.
    expect(rowsOf(r, C_IGB_MSIX_RING)).toHaveLength(1);
    expect(rowsOf(r, C_NAPI_SCHEDULE)).toHaveLength(1);
    expect(rowsOf(r, C_NAPI_COMPLETE_DONE)).toHaveLength(1);
    expect(counter(r.sim, 'softirq.time_squeeze')).toBe(0);
    expect(total(r)).toBe(100 * 1448);
  });

  it('never squeezes a single NAPI with netdev_budget 300 above its weight', () => {
    const r = rig((s) => (s.nic.rxRingSize = 1024));
    for (const f of stream(500)) arrive(r.sim, 0, f);
    run(r.sim);
    expect(counter(r.sim, 'softirq.time_squeeze')).toBe(0);
    expect(rowsOf(r, C_NET_RX_ACTION_END).every((x) => x.a <= 64)).toBe(true);
    expect(total(r)).toBe(500 * 1448);
  });

  it('counts time_squeeze when a poll exhausts netdev_budget', () => {
    const r = rig((s) => (s.softirq.netdevBudget = 50)); // below the weight: one full poll uses it up
    for (const f of stream(150)) arrive(r.sim, 0, f);
    run(r.sim);
    expect(rowsOf(r, C_TIME_SQUEEZE).map((x) => [x.a, x.b])).toEqual([
      [-14, 1],
      [-14, 1],
    ]);
    expect(counter(r.sim, 'softirq.time_squeeze')).toBe(2);
    expect(rowsOf(r, C_NET_RX_ACTION_END).map((x) => [x.a, x.b])).toEqual([
      [64, 1],
      [64, 1],
      [22, 0],
    ]);
    expect(total(r)).toBe(150 * 1448);
  });

  it('hands over to ksoftirqd after MAX_SOFTIRQ_RESTART rounds', () => {
    const r = rig((s) => {
      s.nic.rxRingSize = 1024;
    });
    for (const f of stream(700)) arrive(r.sim, 0, f);
    run(r.sim);
    // 10 rounds in all: the first plus 9 restarts, then wakeup_softirqd.
    expect(rowsOf(r, C_SOFTIRQ_RESTART)).toHaveLength(9); // 640 frames inline, the last 60 in ksoftirqd
    const wake = rowsOf(r, C_WAKEUP_SOFTIRQD);
    expect(wake[0]).toEqual(expect.objectContaining({ a: 1, b: 0 }));
    expect(counter(r.sim, 'softirq.ksoftirqd_wakeups')).toBe(1);
    expect(rowsOf(r, C_KSOFTIRQD_RUN).length).toBeGreaterThanOrEqual(1);
    expect(rowsOf(r, C_DO_SOFTIRQ).map((x) => x.b)).toEqual([0, 1]);
    expect(rowsOf(r, C_KSOFTIRQD_SLEEP)).toHaveLength(1);
    expect(r.sim.w.cpu.cores[0]!.busyNs.ksoftirqd).toBeGreaterThan(0);
    expect(total(r)).toBe(700 * 1448);
    const s = r.sim.w.softirq;
    expect([s.ctx, s.phase, s.ksoftirqdWanted]).toEqual([CTX_NONE, PH_IDLE, false]);
  });

  it('stops when the jiffies time limit (netdev_budget_usecs) is reached', () => {
    const r = rig((s) => {
      s.softirq.hz = 1000;
      s.softirq.netdevBudgetUsecs = 1000; // one jiffy
      s.cpu.costs.perDescriptorNs = 20_000; // a 64-descriptor poll takes 1.28 ms
    });
    for (const f of stream(100)) arrive(r.sim, 0, f);
    run(r.sim);
    const sq = rowsOf(r, C_TIME_SQUEEZE);
    expect(sq.length).toBeGreaterThanOrEqual(1);
    expect(sq[0]!.b).toBe(2);
    expect(sq[0]!.a).toBe(300 - 64);
    expect(total(r)).toBe(100 * 1448);
  });

  it('takes the poll list again (goto start) when NAPI is scheduled while net_rx_action runs', () => {
    const r = rig((s) => {
      s.nic.itrIntsPerSec = 0;
      s.cpu.costs.perSkbNs = 50_000; // slow delivery keeps net_rx_action busy after napi_complete_done
      s.softirq.gro = false;
    });
    // Frame 1 is polled; its delivery takes 50 us; frame 2 lands meanwhile...
    arrive(r.sim, 0, stream(1)[0]!);
    arrive(r.sim, 10_000, stream(2)[1]!);
    run(r.sim);
    expect(total(r)).toBe(2 * 1448);
    expect(counter(r.sim, 'nic.interrupts')).toBe(2);
    // The second interrupt's napi_schedule did not raise NET_RX; net_rx_action found the list refilled.
    expect(rowsOf(r, C_NAPI_SCHEDULE).map((x) => x.b)).toEqual([1, 0]);
    expect(rowsOf(r, C_NET_RX_RESTART)).toHaveLength(1);
    expect(rowsOf(r, C_DO_SOFTIRQ)).toHaveLength(1);
  });
});

describe('softirq contexts', () => {
  it('inline softirq does not run while ksoftirqd is inside __do_softirq, and vice versa', () => {
    const r = rig();
    const s = r.sim.w.softirq;
    s.ctx = CTX_INLINE;
    expect(ksoftirqdStep(r.sim)).toBe(true);
    expect(r.sim.rec.rows).toHaveLength(0);
    s.ctx = 2;
    raiseNetRx(r.sim, 0);
    expect(softirqStep(r.sim, 0, false)).toBe('done');
    expect(r.sim.rec.rows).toHaveLength(0);
  });

  it('does nothing on another core or with nothing pending', () => {
    const r = rig();
    expect(softirqStep(r.sim, 1, false)).toBe('done');
    expect(softirqStep(r.sim, 0, false)).toBe('done');
    expect(ksoftirqdStep(r.sim)).toBe(false);
    expect(r.sim.rec.rows).toHaveLength(0);
  });

  it('an empty poll ends __do_softirq without a restart', () => {
    const r = rig();
    napiSchedule(r.sim);
    let res: string;
    do res = softirqStep(r.sim, 0, false);
    while (res === 'more');
    expect(res).toBe('done');
    expect(rowsOf(r, C_SOFTIRQ_EXIT)).toHaveLength(1);
    expect(rowsOf(r, C_NET_RX_RESTART)).toHaveLength(0);
    expect(r.sim.w.softirq.napi.state).toBe(NAPI_IDLE);
  });
});

describe('sharing core 0 with a busy process', () => {
  it('ksoftirqd and a busy reactor share the core in slices and all frames still arrive', () => {
    const r = rig((s) => {
      s.nic.rxRingSize = 1024;
      s.cpu.costs.perDescriptorNs = 2_000;
      s.cpu.schedSliceNs = 200_000;
    });
    let reactorOps = 0;
    bindCpu({
      procStep: [
        (sim) => {
          charge(sim, 10_000);
          return ++reactorOps < 300;
        },
        ksoftirqdStep,
      ],
      softirqStep,
      opEnd: () => {},
    });
    wakeProc(r.sim, 0, Proc.Reactor);
    for (const f of stream(700)) arrive(r.sim, 0, f);
    run(r.sim);
    expect(counter(r.sim, 'softirq.ksoftirqd_wakeups')).toBe(1);
    expect(total(r)).toBe(700 * 1448);
    const k = r.sim.w.cpu.cores[0]!;
    expect(k.busyNs.ksoftirqd).toBeGreaterThan(0);
    expect(k.busyNs.reactor).toBe(300 * 10_000);
    expect(reactorOps).toBe(300);
  });
});
