/**
 * Which steps the parity test restores, chosen deterministically from the run itself (Node
 * side): the first row, a third of the way in, the first row after a mid-run keyframe, a row
 * strictly inside the event that records the most rows (not its first, not its last), and the
 * last row.
 */
import { createSim, presetScenario, recordRun } from '../sim-core/index';
import { PROBE_KEYFRAMES } from './fixtures/probe';

export interface StepPlan {
  /** Trace rows in the run. */
  rows: number;
  /** Sorted, distinct steps to restore. */
  steps: number[];
  /** The event the mid-event step lies in: rows [first, first + rows). */
  bigEvent: { first: number; rows: number };
  /** The mid-run keyframe the plan restores just after (its step), or null if none. */
  keyframe: number | null;
}

/** w.step after each event (event i wrote rows bounds[i] .. bounds[i + 1] - 1), from 0. */
export function eventBounds(presetId: string): { bounds: number[]; keyframeSteps: number[] } {
  const sim = createSim(presetScenario(presetId), null);
  const bounds = [0];
  const { keyframes } = recordRun(sim, {
    keyframes: PROBE_KEYFRAMES,
    between: (w) => {
      // Events that write no row leave w.step unchanged: they are no boundary of rows.
      if (w.step !== bounds[bounds.length - 1]) bounds.push(w.step);
    },
  });
  return { bounds, keyframeSteps: keyframes.frames.map((k) => k.step) };
}

export function planSteps(presetId: string): StepPlan {
  const { bounds, keyframeSteps } = eventBounds(presetId);
  const rows = bounds[bounds.length - 1]!;
  let bigEvent = { first: 0, rows: 0 };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const n = bounds[i + 1]! - bounds[i]!;
    if (n > bigEvent.rows) bigEvent = { first: bounds[i]!, rows: n };
  }
  if (bigEvent.rows < 3) throw new Error(`${presetId}: no event records 3 rows or more`);
  const midEvent = bigEvent.first + Math.floor(bigEvent.rows / 2);
  // Keyframes strictly inside the run (not keyframe 0, not the final one): restore the row
  // written right after the one nearest the middle, so that restore clones it and replays.
  const inner = keyframeSteps.filter((s) => s > 0 && s < rows);
  const keyframe = inner.length === 0 ? null : inner[Math.floor(inner.length / 2)]!;
  const picks = [0, Math.floor(rows / 3), midEvent, rows - 1];
  if (keyframe !== null) picks.push(keyframe);
  const steps = [...new Set(picks)].sort((a, b) => a - b);
  return { rows, steps, bigEvent, keyframe };
}
