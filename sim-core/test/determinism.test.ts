/**
 * Determinism and exact restore: the same scenario and seed give the same trace and summary; a
 * different seed gives a different trace; `stateAt(result, step)` (keyframe + replay) equals the
 * world of a fresh run stopped right after that row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../engine/run';
import { StopAtStep } from '../engine/sim';
import type { World } from '../engine/world';
import { resolveScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { createSim } from '../setup';
import { simulate, stateAt } from '../simulate';
import { worldDigest } from '../trace/hash';
import { testScenario } from './support';

function withSeed(id: string, seed: number): Scenario {
  const r = resolveScenario({ preset: id, seed });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** A fresh run of `scenario`, stopped by StopAtStep right after row `step` is written. */
function freshWorldAt(scenario: Scenario, step: number): World {
  const sim = createSim(scenario, null);
  sim.stopAt = step;
  try {
    run(sim);
  } catch (e) {
    if (!(e instanceof StopAtStep)) throw e;
    expect(e.step).toBe(step);
  }
  return sim.w;
}

describe('same scenario and seed, same run', () => {
  it.each(['write-128k-r2t', 'out-of-order', 'data-digest-error', 'ring-overrun'])(
    '%s: identical trace hash and summary twice',
    (id) => {
      const a = simulate(testScenario(id));
      const b = simulate(testScenario(id));
      expect(b.summary.traceHash).toBe(a.summary.traceHash);
      expect(b.summary).toEqual(a.summary);
      expect(worldDigest(b.world)).toBe(worldDigest(a.world));
    },
  );

  it.each(['write-4k-incapsule', 'out-of-order'])('%s: a different seed gives a different trace', (id) => {
    const one = simulate(withSeed(id, 1)).summary;
    const two = simulate(withSeed(id, 2)).summary;
    expect(two.seed).toBe(2);
    expect(two.traceHash).not.toBe(one.traceHash);
    // The seed moves the ISNs (sequence numbers in the rows), not what the run achieves.
    expect(two.nvmf.completed).toBe(one.nvmf.completed);
    expect(two.integrity.payloadBytes).toBe(one.integrity.payloadBytes);
  });
});

describe('stateAt equals a fresh run stopped at the same row', () => {
  // A fixed 97-row keyframe spacing makes most restores start from a keyframe other than the
  // first; pipe-wrap (17,600 rows) keeps the default (adaptive) spacing.
  const CASES: [string, number | undefined][] = [
    ['write-4k-incapsule', 97],
    ['write-128k-r2t', 97],
    ['out-of-order', 97],
    ['header-digest-error', 97],
    ['ring-overrun', 97],
    ['pipe-wrap', undefined],
  ];
  it.each(CASES)('%s: ~20 random rows, first and last (keyframe interval %s)', (id, interval) => {
    const scenario = testScenario(id);
    const result = simulate(scenario, { keyframes: interval === undefined ? {} : { interval } });
    // With the default spacing pipe-wrap has only the first and the final keyframe.
    expect(result.keyframes.frames.length).toBeGreaterThan(interval === undefined ? 1 : 2);
    const n = result.trace.length;
    const steps = fc.sample(fc.integer({ min: 0, max: n - 1 }), { seed: 0x5eed, numRuns: 20 });
    steps.push(0, n - 1);
    for (const step of steps) {
      const restored = stateAt(result, step);
      expect(restored.step, `row ${step}`).toBe(step + 1);
      expect(worldDigest(restored), `row ${step} of ${n}`).toBe(worldDigest(freshWorldAt(scenario, step)));
    }
    // The digest sees one row's difference (so the equalities above are not vacuous).
    const s = steps[0]!;
    if (s + 1 < n) expect(worldDigest(stateAt(result, s + 1))).not.toBe(worldDigest(stateAt(result, s)));
    // Past the last row: the final world.
    expect(worldDigest(stateAt(result, n + 5))).toBe(worldDigest(result.world));
  });
});
