import { describe, expect, it } from 'vitest';
import type { CpuView } from '../../../sim-types';
import { budgetUsed, cpuRows } from './cpu-model';

const busy = { hardirq: 0, softirq: 0, ksoftirqd: 0, reactor: 0 };

function cpu(p: Partial<CpuView>, running: [string, string], pending = false): CpuView {
  return {
    cores: running.map((r, id) => ({ id, running: r, softirqPending: pending && id === 0, busyNs: busy })),
    budgetLeft: 300,
    budget: 300,
    restarts: 0,
    ksoftirqdAwake: false,
    irqCore: 0,
    reactorCore: 0,
    ...p,
  };
}

describe('cpuRows', () => {
  it('puts IRQ, softirq and ksoftirqd on the IRQ core and the reactor on its own core', () => {
    const rows = cpuRows(cpu({ reactorCore: 1 }, ['softirq', 'reactor']));
    const here = rows.map((r) => r.cells.filter((c) => c.here).map((c) => c.ctx));
    expect(here).toEqual([['hardirq', 'softirq', 'ksoftirqd'], ['reactor']]);
    expect(rows.map((r) => r.cells.filter((c) => c.running).map((c) => c.ctx))).toEqual([
      ['softirq'],
      ['reactor'],
    ]);
    expect(rows[0]!.label).toBe('CPU 0: NET_RX softirq runs');
    expect(rows[1]!.label).toBe('CPU 1: SPDK reactor runs');
  });
  it('says pending softirq and whether ksoftirqd is awake', () => {
    const rows = cpuRows(cpu({ ksoftirqdAwake: true }, ['reactor', 'idle'], true));
    const byCtx = Object.fromEntries(rows[0]!.cells.map((c) => [c.ctx, c.state]));
    expect(byCtx).toEqual({ hardirq: '', softirq: 'pending', ksoftirqd: 'awake', reactor: 'runs' });
    expect(rows[1]!.label).toBe('CPU 1: idle');
  });
});

describe('budgetUsed', () => {
  it('is budget minus what is left', () => {
    expect(budgetUsed(cpu({ budgetLeft: 236 }, ['softirq', 'idle']))).toEqual({ used: 64, share: 64 / 300 });
  });
});
