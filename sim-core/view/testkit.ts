/**
 * Helpers of the view tests (not a test file): recorded runs of presets, and worlds at sampled
 * event boundaries, where every stage's invariants hold (inside an event they may not yet).
 */
import { run } from '../engine/run';
import type { World } from '../engine/world';
import { presetScenario, resolveScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { createSim } from '../setup';
import type { ColumnarTraceOptions } from '../trace/columns';
import { type Recording, recordRun } from '../trace/restore';

export const TEN_G = '10g-sustained';

/** A preset with fewer writes (the 10 GbE one is a second of traffic; tests take a slice). */
export function withWrites(id: string, writes: number): Scenario {
  const r = resolveScenario({ preset: id, workload: { writes } });
  if (!r.ok) throw new Error(`${id} with ${writes} writes is invalid: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

/** The scenario a test runs for a preset id (10g-sustained cut to 100 writes). */
export function scenarioOf(id: string): Scenario {
  return id === TEN_G ? withWrites(TEN_G, 100) : presetScenario(id);
}

const recordings = new Map<string, Recording>();

/** A recorded run of a preset, shared by the tests of one file. */
export function recordingOf(id: string, trace?: ColumnarTraceOptions): Recording {
  const key = `${id}/${trace?.chunkRows ?? 0}`;
  let r = recordings.get(key);
  if (r === undefined) {
    r = recordRun(createSim(scenarioOf(id), null), { trace });
    recordings.set(key, r);
  }
  return r;
}

/** Run a preset and call `at` with the world between events, every `every` events. */
export function atBoundaries(id: string, every: number, at: (w: World) => void): void {
  const sim = createSim(scenarioOf(id), null);
  let k = 0;
  run(sim, {
    between: (w) => {
      if (k++ % every === 0) at(w);
    },
  });
}

/** A small deterministic generator for sampled steps (tests must not use Math.random). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
