/**
 * Helpers for unit tests of one stage: a world with the engine parts filled in and the
 * other stages left as empty objects (a test adds the stages it exercises), and hooks that
 * fail loudly when a test did not expect a neighbour to be called.
 */
import type { Scenario } from '../scenario/types';
import type { Hooks } from './hooks';
import { initCpu } from './cpu';
import { rngFromSeed } from './rng';
import type { Sim, Recorder } from './sim';
import type { World } from './world';
import { initLedger } from '../ledger/ledger';

export function baseWorld(scenario: Scenario): World {
  return {
    now: 0,
    seq: 0,
    step: 0,
    nextId: 1,
    events: [],
    rng: rngFromSeed(scenario.seed),
    scenario,
    stopReason: null,
    cpu: initCpu(scenario.cpu.reactorCore),
    ledger: initLedger(),
    host: {},
    nic: {},
    softirq: {},
    tcp: {},
    sock: {},
    nvmf: {},
    reactor: { phase: 0, stalled: false, completions: [], polls: 0 },
  } as unknown as World;
}

export function strictHooks(partial: Partial<Hooks>): Hooks {
  return new Proxy(partial as Hooks, {
    get(target, prop: string) {
      const f = (target as unknown as Record<string, unknown>)[prop];
      if (f) return f;
      return () => {
        throw new Error(`test did not expect hook ${prop}`);
      };
    },
  });
}

export interface Row {
  t: number;
  code: number;
  obj: number;
  a: number;
  b: number;
}

/** A recorder that keeps rows as objects: fine for tests, never for real runs. */
export function arrayRecorder(): Recorder & { rows: Row[] } {
  const rows: Row[] = [];
  return { rows, push: (t, code, obj, a, b) => rows.push({ t, code, obj, a, b }) };
}

export function testSim(w: World, hooks: Partial<Hooks> = {}): Sim & { rec: Recorder & { rows: Row[] } } {
  return { w, rec: arrayRecorder(), stopAt: -1, hooks: strictHooks(hooks), tap: null };
}
