/**
 * The CPU grid's content: one row per core, one cell per context that can take it (the igb
 * hard IRQ and its NET_RX softirq on the IRQ core, that core's ksoftirqd, the SPDK reactor
 * on its pinned core), which one runs now, and the softirq's netdev_budget and restarts.
 * Simplification (said in the UI): only contexts of the receive path are shown.
 */
import type { CpuView } from '../../../sim-types';

export type Context = 'hardirq' | 'softirq' | 'ksoftirqd' | 'reactor';

export const CONTEXTS: readonly { ctx: Context; title: string; fn: string }[] = [
  { ctx: 'hardirq', title: 'hard IRQ', fn: 'igb_msix_ring' },
  { ctx: 'softirq', title: 'NET_RX softirq', fn: 'net_rx_action' },
  { ctx: 'ksoftirqd', title: 'ksoftirqd', fn: 'run_ksoftirqd' },
  { ctx: 'reactor', title: 'SPDK reactor', fn: 'spdk_reactor' },
];

/** __do_softirq's restart limit (MAX_SOFTIRQ_RESTART, kernel/softirq.c). */
export const MAX_SOFTIRQ_RESTART = 10;

export interface Cell {
  ctx: Context;
  /** This context can run on this core at all. */
  here: boolean;
  running: boolean;
  /** A word about its state: 'runs', 'pending', 'awake', 'asleep', ''. */
  state: string;
}

export interface CoreRow {
  id: number;
  running: string;
  cells: Cell[];
  /** "CPU 0: NET_RX softirq runs" for the button's accessible name. */
  label: string;
}

export function cpuRows(cpu: CpuView): CoreRow[] {
  return cpu.cores.map((core) => {
    const irq = core.id === cpu.irqCore;
    const cells = CONTEXTS.map(({ ctx }): Cell => {
      const here = ctx === 'reactor' ? core.id === cpu.reactorCore : irq;
      const running = here && core.running === ctx;
      let state = running ? 'runs' : '';
      if (here && !running && ctx === 'softirq' && core.softirqPending) state = 'pending';
      if (here && !running && ctx === 'ksoftirqd') state = cpu.ksoftirqdAwake ? 'awake' : 'asleep';
      return { ctx, here, running, state };
    });
    const now = CONTEXTS.find((c) => c.ctx === core.running)?.title ?? 'idle';
    const label = `CPU ${core.id}: ${now === 'idle' ? 'idle' : `${now} runs`}`;
    return { id: core.id, running: core.running, cells, label };
  });
}

/** netdev_budget used by the running net_rx_action, as a share of the budget (0..1). */
export function budgetUsed(cpu: CpuView): { used: number; share: number } {
  const used = Math.max(0, cpu.budget - cpu.budgetLeft);
  return { used, share: cpu.budget > 0 ? Math.min(1, used / cpu.budget) : 0 };
}
