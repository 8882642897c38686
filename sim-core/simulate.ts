/**
 * Run a scenario to the end with full tracing: the library entry used by the CLI, the
 * tests, the benchmark and (later) the worker.
 */
import type { Scenario } from './scenario/types';
import type { Sim } from './engine/sim';
import type { World } from './engine/world';
import { createSim, HOOKS, bindAll } from './setup';
import type { ColumnarTrace } from './trace/columns';
import type { KeyframeStore, KeyframeOptions } from './trace/keyframes';
import { recordRun, restoreAt } from './trace/restore';
import { summarize, type Summary } from './summary/summary';

export interface SimulateOptions {
  tap?: Sim['tap'];
  keyframes?: KeyframeOptions;
}

export interface SimulateResult {
  world: World;
  trace: ColumnarTrace;
  keyframes: KeyframeStore;
  summary: Summary;
}

export function simulate(scenario: Scenario, opts: SimulateOptions = {}): SimulateResult {
  const sim = createSim(scenario, null, opts.tap ?? null);
  const { trace, keyframes } = recordRun(sim, { keyframes: opts.keyframes });
  return { world: sim.w, trace, keyframes, summary: summarize(sim.w, trace.traceHash) };
}

/** The world right after trace row `step` (exact: keyframe + deterministic replay). */
export function stateAt(result: Pick<SimulateResult, 'keyframes'>, step: number): World {
  bindAll();
  return restoreAt(result.keyframes, step, HOOKS);
}
