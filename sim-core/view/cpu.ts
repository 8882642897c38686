/**
 * The cores and who runs on them (engine/cpu.ts), with the NET_RX softirq's budget and restarts
 * (softirq/state.ts) and whether ksoftirqd is awake.
 *
 * Simplification: what "runs now" is read from the world between ops: interrupt-level work whose
 * time has not ended yet, an inline softirq run in progress, or the process op in progress. The
 * row being shown refines it on core 0: an igb_msix_ring row is the hard IRQ itself.
 */
import { PROC_NAMES, Proc } from '../engine/cpu';
import type { World } from '../engine/world';
import { C_IGB_MSIX_RING } from '../nic/codes';
import { CTX_NONE } from '../softirq/state';
import type { CpuView, RowView } from './types';

/** Core 0 takes the igb interrupt (engine/cpu.ts). */
const IRQ_CORE = 0;

export function cpuView(w: World, row: RowView | null): CpuView {
  const s = w.softirq;
  const sc = w.scenario.softirq;
  const cores = w.cpu.cores.map((k) => {
    let running = 'idle';
    if (k.irqBusyUntil > w.now || k.softirqRunning) running = k.softirqRunning ? 'softirq' : 'hardirq';
    else if (k.procRunning >= 0) running = PROC_NAMES[k.procRunning] ?? 'idle';
    if (k.id === IRQ_CORE && row !== null && row.code === C_IGB_MSIX_RING) running = 'hardirq';
    return {
      id: k.id,
      running,
      softirqPending: k.softirqPending,
      busyNs: { ...k.busyNs },
    };
  });
  const k0 = w.cpu.cores[IRQ_CORE]!;
  const inSoftirq = s.ctx !== CTX_NONE;
  return {
    cores,
    budgetLeft: inSoftirq ? s.budget : sc.netdevBudget,
    budget: sc.netdevBudget,
    restarts: inSoftirq ? Math.max(0, sc.maxSoftirqRestart - s.maxRestart) : 0,
    ksoftirqdAwake:
      s.ksoftirqdWanted || k0.runnable[Proc.Ksoftirqd] === true || k0.procRunning === Proc.Ksoftirqd,
    irqCore: IRQ_CORE,
    reactorCore: w.cpu.reactorCore,
  };
}
