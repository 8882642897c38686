/**
 * The NET_RX softirq as a sequence of ops: __do_softirq -> net_rx_action -> napi_poll -> igb_poll
 * (kernel/softirq.c, net/core/dev.c, Linux 6.5). Bound to the CPU model in setup.ts:
 * softirqStep runs at irq exit (inline) or inside ksoftirqd; ksoftirqdStep is ksoftirqd's op.
 *
 * Each call does one op: one descriptor, one GRO decision, one list through ip_rcv, one delivery
 * to TCP, or one bookkeeping step. Work queued by an op (a finished frame for GRO, a list for
 * ip_rcv, skbs for delivery) is done by the next ops before the outer loop goes on, as the
 * kernel's nested calls would.
 *
 * Simplification: need_resched() is taken as false in __do_softirq's restart test.
 */
import { raiseNetRx } from '../engine/cpu';
import { record, setState, type Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { igbCleanRxExit, igbCleanRxStep, igbPollStart } from '../nic/clean';
import { igbRingIrqEnable } from '../nic/dma';
import {
  C_DO_SOFTIRQ,
  C_KSOFTIRQD_RUN,
  C_KSOFTIRQD_SLEEP,
  C_NAPI_COMPLETE_DONE,
  C_NAPI_POLL,
  C_NAPI_POLL_DONE,
  C_NET_RX_ACTION,
  C_NET_RX_ACTION_END,
  C_NET_RX_RESTART,
  C_SOFTIRQ_EXIT,
  C_SOFTIRQ_RESTART,
  C_TIME_SQUEEZE,
  C_WAKEUP_SOFTIRQD,
  NAPI_IDLE,
  NAPI_MACHINE,
} from './codes';
import { ipLocalDeliverOp, netifReceiveListOp } from './deliver';
import { groNormalList, napiGroFlush, napiGroReceive } from './gro';
import { jiffiesAt, nsToJiffies } from './jiffies';
import { NAPI_CORE } from './napi';
import {
  CTX_INLINE,
  CTX_KSOFTIRQD,
  CTX_NONE,
  PH_CLEAN,
  PH_CLEAN_EXIT,
  PH_IDLE,
  PH_LOOP,
  PH_NET_RX_END,
  PH_POLL_COMPLETE,
  PH_POLL_COMPLETE_STATE,
  PH_POLL_END,
  PH_POLL_FULL,
  PH_RESTART_CHECK,
} from './state';

type StepResult = 'more' | 'done' | 'defer';

function jiffies(sim: Sim): number {
  return jiffiesAt(sim.w.now, sim.w.scenario.softirq.hz);
}

/** One op of the NET_RX softirq on `core`. */
export function softirqStep(sim: Sim, core: number, inKsoftirqd: boolean): StepResult {
  if (core !== NAPI_CORE) return 'done';
  const s = sim.w.softirq;
  const mine = inKsoftirqd ? CTX_KSOFTIRQD : CTX_INLINE;
  // The other context is inside __do_softirq: softirqs never nest on one CPU (in_interrupt()).
  if (s.ctx !== CTX_NONE && s.ctx !== mine) return 'done';
  for (;;) {
    const r = stepOnce(sim, inKsoftirqd);
    if (r !== null) return r;
  }
}

/**
 * One op of ksoftirqd (run_ksoftirqd via smpboot_thread_fn): __do_softirq at process level.
 * Returns true while it has work (softirq pending or a run in progress), false to sleep.
 */
export function ksoftirqdStep(sim: Sim): boolean {
  const s = sim.w.softirq;
  const k = sim.w.cpu.cores[NAPI_CORE]!;
  // An inline softirq run owns the CPU until it ends; ksoftirqd waits for it.
  if (s.ctx === CTX_INLINE) return true;
  if (s.ctx === CTX_NONE) {
    if (!k.softirqPending) return ksoftirqdSleep(sim);
    record(sim, C_KSOFTIRQD_RUN, NAPI_CORE, 0, 0);
  }
  const r = softirqStep(sim, NAPI_CORE, true);
  // Inside __do_softirq ksoftirqd runs with bottom halves off: the scheduler may not switch it out.
  k.procHold = s.ctx === CTX_KSOFTIRQD;
  if (r === 'more' || k.softirqPending || s.ctx !== CTX_NONE) return true;
  return ksoftirqdSleep(sim);
}

/** ksoftirqd_should_run is false: the thread sleeps until the next wakeup_softirqd. */
function ksoftirqdSleep(sim: Sim): false {
  const s = sim.w.softirq;
  if (s.ksoftirqdWanted) {
    s.ksoftirqdWanted = false;
    record(sim, C_KSOFTIRQD_SLEEP, NAPI_CORE, 0, 0);
  }
  return false;
}

/** "restart:" in __do_softirq, then the start of net_rx_action. */
function startNetRx(sim: Sim): void {
  const w = sim.w;
  const s = w.softirq;
  // set_softirq_pending(0): NET_RX is the only softirq modelled, so it is now taken.
  w.cpu.cores[NAPI_CORE]!.softirqPending = false;
  s.budget = w.scenario.softirq.netdevBudget;
  s.timeLimit =
    jiffies(sim) + nsToJiffies(w.scenario.softirq.netdevBudgetUsecs * 1000, w.scenario.softirq.hz);
  s.inNetRxAction = true;
  s.list = s.pollList;
  s.pollList = [];
  s.repoll = [];
  s.phase = PH_LOOP;
  record(sim, C_NET_RX_ACTION, NAPI_CORE, s.budget, s.list.length);
}

/** One op, or null when the phase moved on without doing anything. */
function stepOnce(sim: Sim, inK: boolean): StepResult | null {
  const w = sim.w;
  const s = w.softirq;
  const sc = w.scenario.softirq;
  const napi = s.napi;
  if (s.deliverQ.length > 0) {
    ipLocalDeliverOp(sim);
    return 'more';
  }
  if (s.listPending.length > 0) {
    netifReceiveListOp(sim);
    return 'more';
  }
  if (s.pendingGro !== null) {
    const rs = s.pendingGro;
    s.pendingGro = null;
    napiGroReceive(sim, rs);
    return 'more';
  }
  const stepBefore = w.step;
  switch (s.phase) {
    case PH_IDLE: {
      if (!w.cpu.cores[NAPI_CORE]!.softirqPending) return 'done';
      s.ctx = inK ? CTX_KSOFTIRQD : CTX_INLINE;
      s.softirqEnd = jiffies(sim) + nsToJiffies(sc.maxSoftirqTimeNs, sc.hz);
      s.maxRestart = sc.maxSoftirqRestart;
      record(sim, C_DO_SOFTIRQ, NAPI_CORE, s.maxRestart, inK ? 1 : 0);
      startNetRx(sim);
      return 'more';
    }
    case PH_LOOP: {
      if (s.list.length === 0) {
        if (s.repoll.length > 0) {
          s.phase = PH_NET_RX_END;
          return null;
        }
        s.inNetRxAction = false;
        if (s.pollList.length > 0) {
          // goto start: an interrupt scheduled NAPI while in_net_rx_action was set, without raising.
          s.inNetRxAction = true;
          s.list = s.pollList;
          s.pollList = [];
          record(sim, C_NET_RX_RESTART, NAPI_CORE, s.list.length, s.budget);
          return 'more';
        }
        // goto end: net_rx_action returns without re-raising.
        s.phase = PH_RESTART_CHECK;
        record(sim, C_NET_RX_ACTION_END, NAPI_CORE, sc.netdevBudget - s.budget, 0);
        return 'more';
      }
      const id = s.list.shift()!;
      // napi_poll -> __napi_poll: NAPI_STATE_SCHED is set, so n->poll(n, weight), i.e. igb_poll.
      record(sim, C_NAPI_POLL, id, napi.weight, s.budget);
      igbPollStart(sim, napi.weight);
      s.phase = PH_CLEAN;
      return 'more';
    }
    case PH_CLEAN: {
      const r = igbCleanRxStep(sim);
      if (r.done === 'stop') {
        s.phase = PH_CLEAN_EXIT;
        return null;
      }
      s.pendingGro = r.skb;
      return 'more';
    }
    case PH_CLEAN_EXIT: {
      s.pollWork = igbCleanRxExit(sim);
      // igb_poll: a poll that used its whole budget returns it and stays scheduled.
      s.phase = s.pollWork >= napi.weight ? PH_POLL_FULL : PH_POLL_COMPLETE;
      return 'more';
    }
    case PH_POLL_FULL: {
      // __napi_poll with work == weight: flush GRO (all of it when HZ < 1000), pass rx_list up, repoll.
      napiGroFlush(sim, sc.hz >= 1000);
      groNormalList(sim);
      s.pollRepoll = true;
      s.phase = PH_POLL_END;
      return w.step !== stepBefore ? 'more' : null;
    }
    case PH_POLL_COMPLETE: {
      // napi_complete_done, first half: flush every held GRO skb and the rx_list.
      napiGroFlush(sim, false);
      groNormalList(sim);
      s.phase = PH_POLL_COMPLETE_STATE;
      return w.step !== stepBefore ? 'more' : null;
    }
    case PH_POLL_COMPLETE_STATE: {
      s.pollRepoll = false;
      s.phase = PH_POLL_END;
      if (napi.missed) {
        // NAPI_STATE_MISSED: stay scheduled and go on the poll list again; no IRQ re-enable.
        napi.missed = false;
        s.pollList.push(napi.id);
        record(sim, C_NAPI_COMPLETE_DONE, napi.id, s.pollWork, 0);
        return 'more';
      }
      setState(sim, NAPI_MACHINE.id, napi.id, napi, NAPI_IDLE);
      record(sim, C_NAPI_COMPLETE_DONE, napi.id, s.pollWork, 1);
      igbRingIrqEnable(sim);
      return 'more';
    }
    case PH_POLL_END: {
      if (s.pollRepoll) s.repoll.push(napi.id);
      s.budget -= s.pollWork;
      record(sim, C_NAPI_POLL_DONE, napi.id, s.pollWork, s.pollRepoll ? 1 : 0);
      const outOfBudget = s.budget <= 0;
      if (outOfBudget || jiffies(sim) >= s.timeLimit) {
        bump(sim, 'softirq.time_squeeze');
        record(sim, C_TIME_SQUEEZE, NAPI_CORE, s.budget, outOfBudget ? 1 : 2);
        s.phase = PH_NET_RX_END;
      } else {
        s.phase = PH_LOOP;
      }
      return 'more';
    }
    case PH_NET_RX_END: {
      // Unpolled instances, then ones scheduled meanwhile, then the repoll list go back on poll_list.
      s.pollList = [...s.list, ...s.pollList, ...s.repoll];
      s.list = [];
      s.repoll = [];
      const again = s.pollList.length > 0;
      if (again) raiseNetRx(sim, NAPI_CORE);
      else s.inNetRxAction = false;
      s.phase = PH_RESTART_CHECK;
      record(sim, C_NET_RX_ACTION_END, NAPI_CORE, sc.netdevBudget - s.budget, again ? 1 : 0);
      return 'more';
    }
    case PH_RESTART_CHECK: {
      const j = jiffies(sim);
      if (w.cpu.cores[NAPI_CORE]!.softirqPending) {
        if (j < s.softirqEnd && --s.maxRestart > 0) {
          record(sim, C_SOFTIRQ_RESTART, NAPI_CORE, s.maxRestart, j);
          startNetRx(sim);
          return 'more';
        }
        s.ctx = CTX_NONE;
        s.phase = PH_IDLE;
        s.ksoftirqdWanted = true;
        // In ksoftirqd itself the wakeup is a no-op: only wakeups from irq exit are counted.
        if (!inK) bump(sim, 'softirq.ksoftirqd_wakeups');
        record(sim, C_WAKEUP_SOFTIRQD, NAPI_CORE, j >= s.softirqEnd ? 2 : 1, inK ? 1 : 0);
        return 'defer';
      }
      s.ctx = CTX_NONE;
      s.phase = PH_IDLE;
      record(sim, C_SOFTIRQ_EXIT, NAPI_CORE, s.maxRestart, inK ? 1 : 0);
      return 'done';
    }
    default:
      throw new Error(`softirq: unknown phase ${s.phase}`);
  }
}
