/**
 * Helpers for unit tests of one stage: a world with the engine parts filled in and the
 * other stages left as empty objects (a test adds the stages it exercises), and hooks that
 * fail loudly when a test did not expect a neighbour to be called.
 */
import type { Scenario } from '../scenario/types';
import type { Hooks } from './hooks';
import type { Sim, Recorder } from './sim';
import { type World, engineFields } from './world';

export function baseWorld(scenario: Scenario): World {
  return {
    ...engineFields(scenario),
    host: {},
    nic: {},
    softirq: {},
    tcp: {},
    sock: {},
    nvmf: {},
    reactor: { phase: 0, stalled: false, passMark: 0, completions: [], polls: 0 },
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
