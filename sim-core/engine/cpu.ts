/**
 * CPU cores and who runs on them.
 *
 * Model (a simplification, said in the UI): core 0 takes the igb interrupt. Interrupt-level
 * work (hard IRQ, then the softirq that runs at irq_exit) always preempts process-level work
 * (ksoftirqd, the SPDK reactor). Work is done in "ops": an event does one op's mutations at
 * once and charges its cost; the core is then busy for that long. Interrupt-level time that
 * lands inside a process op pushes that op's end back (the process was preempted), which is
 * how the reactor can hold the socket lock while softirq delivers on the same core. Two
 * process contexts on one core share it in CFS-like slices (`schedSliceNs`).
 */
import type { Sim } from './sim';
import { defineHandler, scheduleAt, schedule } from './sim';

export const enum Proc {
  Reactor = 0,
  Ksoftirqd = 1,
}
export const PROC_NAMES = ['reactor', 'ksoftirqd'] as const;

export interface CoreState {
  id: number;
  /** Interrupt-level work on this core ends at this time. */
  irqBusyUntil: number;
  /** Total interrupt-level nanoseconds so far (what preempted process ops). */
  irqNs: number;
  /** NET_RX_SOFTIRQ is pending on this core (raised, not yet handled). */
  softirqPending: boolean;
  /** An inline softirq run (__do_softirq at irq_exit) is in progress. */
  softirqRunning: boolean;
  /** Process context currently in an op, or -1. */
  procRunning: number;
  /** irqNs when the running process op started (to find preemption). */
  procIrqMark: number;
  /** Process contexts that want the CPU, by Proc. */
  runnable: boolean[];
  /** Which process context owns the current slice, and since when. */
  sliceOwner: number;
  sliceStart: number;
  /**
   * The running process context must not be switched out at this op boundary: ksoftirqd
   * inside __do_softirq runs with bottom halves disabled (set by the softirq module).
   */
  procHold: boolean;
  /** A PROC_RUN event is already pending for this core. */
  kickPending: boolean;
  /** Busy time by context, for the ledger: hardirq, softirq, ksoftirqd, reactor. */
  busyNs: { hardirq: number; softirq: number; ksoftirqd: number; reactor: number };
}

export interface CpuState {
  cores: CoreState[];
  /** Cost charged by the op in progress. */
  opCost: number;
  reactorCore: number;
}

export function initCpu(reactorCore: number): CpuState {
  const cores: CoreState[] = [];
  for (let id = 0; id < 2; id++) {
    cores.push({
      id,
      irqBusyUntil: 0,
      irqNs: 0,
      softirqPending: false,
      softirqRunning: false,
      procRunning: -1,
      procIrqMark: 0,
      runnable: [false, false],
      sliceOwner: -1,
      sliceStart: 0,
      procHold: false,
      kickPending: false,
      busyNs: { hardirq: 0, softirq: 0, ksoftirqd: 0, reactor: 0 },
    });
  }
  return { cores, opCost: 0, reactorCore };
}

/** Charge CPU work to the op in progress. */
export function charge(sim: Sim, ns: number): void {
  sim.w.cpu.opCost += ns;
}

/** Cost of copying `bytes` with the CPU. */
export function copyCost(sim: Sim, bytes: number): number {
  return (bytes * sim.w.scenario.cpu.costs.copyPsPerByte) / 1000;
}

// ---- process-level steps, bound by setup.ts -------------------------------------------

/** One op of a process context. Returns true while it still has work (stays runnable). */
export type ProcStep = (sim: Sim) => boolean;
/** One op of the softirq. 'more': call again; 'done': nothing pending; 'defer': hand over to ksoftirqd. */
export type SoftirqStep = (sim: Sim, core: number, inKsoftirqd: boolean) => 'more' | 'done' | 'defer';
/** Called when a process op ends (after any preemption): release_sock of a lock taken in the op. */
export type OpEnd = (sim: Sim, proc: Proc) => void;

interface CpuBindings {
  procStep: ProcStep[];
  softirqStep: SoftirqStep;
  opEnd: OpEnd;
}
let bind: CpuBindings | null = null;
export function bindCpu(b: CpuBindings): void {
  bind = b;
}
function b(): CpuBindings {
  if (!bind) throw new Error('cpu: bindCpu() was not called (setup.ts)');
  return bind;
}

export const EV_PROC_RUN = 10;
export const EV_PROC_DONE = 11;
export const EV_SOFTIRQ_RUN = 12;

// ---- interrupt level -------------------------------------------------------------------

/** Start a hard IRQ on `core`: returns a mark to pass to `exitHardIrq`. */
export function enterHardIrq(sim: Sim): number {
  const c = sim.w.cpu;
  const saved = c.opCost;
  c.opCost = 0;
  return saved;
}

/** irq_exit: account the hard IRQ's time and run pending softirqs inline (invoke_softirq). */
export function exitHardIrq(sim: Sim, core: number, saved: number): void {
  const c = sim.w.cpu;
  const k = c.cores[core]!;
  const cost = c.opCost;
  c.opCost = saved;
  const start = Math.max(k.irqBusyUntil, sim.w.now);
  k.irqBusyUntil = start + cost;
  k.irqNs += cost;
  k.busyNs.hardirq += cost;
  if (k.softirqPending && !k.softirqRunning) {
    k.softirqRunning = true;
    scheduleAt(sim, k.irqBusyUntil, EV_SOFTIRQ_RUN, core);
  }
}

/** raise_softirq(NET_RX_SOFTIRQ) from interrupt or softirq context. */
export function raiseNetRx(sim: Sim, core: number): void {
  sim.w.cpu.cores[core]!.softirqPending = true;
}

defineHandler(EV_SOFTIRQ_RUN, 'softirq op', (sim, e) => {
  const c = sim.w.cpu;
  const k = c.cores[e.a]!;
  if (k.irqBusyUntil > sim.w.now) {
    scheduleAt(sim, k.irqBusyUntil, EV_SOFTIRQ_RUN, e.a);
    return;
  }
  c.opCost = 0;
  const r = b().softirqStep(sim, e.a, false);
  const cost = c.opCost;
  c.opCost = 0;
  k.irqBusyUntil = sim.w.now + cost;
  k.irqNs += cost;
  k.busyNs.softirq += cost;
  if (r === 'more') {
    schedule(sim, cost, EV_SOFTIRQ_RUN, e.a);
  } else {
    k.softirqRunning = false;
    if (r === 'defer') wakeProc(sim, e.a, Proc.Ksoftirqd);
  }
});

// ---- process level ---------------------------------------------------------------------

/** Make a process context runnable on `core` and make sure the core looks at it. */
export function wakeProc(sim: Sim, core: number, p: Proc): void {
  const k = sim.w.cpu.cores[core]!;
  k.runnable[p] = true;
  if (k.procRunning < 0 && !k.kickPending) {
    k.kickPending = true;
    schedule(sim, 0, EV_PROC_RUN, core);
  }
}

/** Same as wakeProc but the core looks only after `delayNs` (a poll interval). */
export function wakeProcAfter(sim: Sim, core: number, p: Proc, delayNs: number): void {
  const k = sim.w.cpu.cores[core]!;
  k.runnable[p] = true;
  if (k.procRunning < 0 && !k.kickPending) {
    k.kickPending = true;
    schedule(sim, delayNs, EV_PROC_RUN, core);
  }
}

function pickProc(sim: Sim, k: CoreState): number {
  const r = k.runnable;
  const both = r[Proc.Reactor] && r[Proc.Ksoftirqd];
  if (!both) return r[Proc.Reactor] ? Proc.Reactor : r[Proc.Ksoftirqd] ? Proc.Ksoftirqd : -1;
  // Two runnable tasks on one core: keep the slice owner until its slice is used up.
  const slice = sim.w.scenario.cpu.schedSliceNs;
  if (k.sliceOwner >= 0 && (k.procHold || sim.w.now - k.sliceStart < slice)) return k.sliceOwner;
  return k.sliceOwner === Proc.Reactor ? Proc.Ksoftirqd : Proc.Reactor;
}

defineHandler(EV_PROC_RUN, 'process op', (sim, e) => {
  const c = sim.w.cpu;
  const k = c.cores[e.a]!;
  k.kickPending = false;
  if (k.procRunning >= 0) return;
  if (k.irqBusyUntil > sim.w.now || k.softirqRunning) {
    // Interrupt-level work (a hard IRQ, or an inline softirq run between two of its ops) owns the core.
    k.kickPending = true;
    scheduleAt(sim, k.irqBusyUntil, EV_PROC_RUN, e.a);
    return;
  }
  const p = pickProc(sim, k);
  if (p < 0) return;
  if (p !== k.sliceOwner) {
    k.sliceOwner = p;
    k.sliceStart = sim.w.now;
  }
  c.opCost = 0;
  k.procRunning = p;
  k.runnable[p] = false;
  // The step may wake its own context again (new work arrived); either keeps it runnable.
  const stillRunnable = b().procStep[p]!(sim);
  k.runnable[p] = k.runnable[p] || stillRunnable;
  const cost = c.opCost;
  c.opCost = 0;
  k.procIrqMark = k.irqNs;
  if (p === Proc.Reactor) k.busyNs.reactor += cost;
  else k.busyNs.ksoftirqd += cost;
  schedule(sim, cost, EV_PROC_DONE, e.a, p);
});

/** Bit set in EV_PROC_DONE's `b` once the op's end work (opEnd) has run. */
const END_RAN = 8;

defineHandler(EV_PROC_DONE, 'process op end', (sim, e) => {
  const c = sim.w.cpu;
  const k = c.cores[e.a]!;
  const p = (e.b & 7) as Proc;
  const stolen = k.irqNs - k.procIrqMark;
  if (stolen > 0) {
    // Preempted by interrupt-level work during the op: it ends that much later.
    k.procIrqMark = k.irqNs;
    schedule(sim, stolen, EV_PROC_DONE, e.a, e.b);
    return;
  }
  if ((e.b & END_RAN) === 0) {
    // The op's end work (release_sock running the backlog) is part of the op: its cost extends it.
    c.opCost = 0;
    b().opEnd(sim, p);
    const extra = c.opCost;
    c.opCost = 0;
    if (extra > 0) {
      if (p === Proc.Reactor) k.busyNs.reactor += extra;
      else k.busyNs.ksoftirqd += extra;
      k.procIrqMark = k.irqNs;
      schedule(sim, extra, EV_PROC_DONE, e.a, p | END_RAN);
      return;
    }
  }
  k.procRunning = -1;
  if ((k.runnable[Proc.Reactor] || k.runnable[Proc.Ksoftirqd]) && !k.kickPending) {
    k.kickPending = true;
    schedule(sim, 0, EV_PROC_RUN, e.a);
  }
});

/** Is a process op of `p` in progress (between its start and its end) on some core? */
export function procBusy(sim: Sim, p: Proc): boolean {
  for (const k of sim.w.cpu.cores) if (k.procRunning === p) return true;
  return false;
}
