import { describe, expect, it } from 'vitest';
import { createWorld } from '../setup';
import { resolveScenario } from '../scenario';
import { cpuView } from './cpu';

function worldWithReactorOn(core: number) {
  const r = resolveScenario({ cpu: { reactorCore: core } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return createWorld(r.scenario);
}

describe('cpu view: where each context may run', () => {
  it('names the IRQ core and the core the reactor is pinned to', () => {
    for (const core of [0, 1]) {
      const v = cpuView(worldWithReactorOn(core), null);
      expect(v.irqCore).toBe(0);
      expect(v.reactorCore).toBe(core);
      expect(v.cores.map((c) => c.id)).toContain(v.reactorCore);
    }
  });
});
