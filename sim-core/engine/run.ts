/**
 * The event loop: pop the earliest event, set the clock, dispatch. Stops when nothing is
 * left ('idle'), at the scenario's time or event limit, or when a replay reaches its row.
 */
import { heapPeek, heapPop } from './heap';
import { type Sim, dispatch } from './sim';
import type { World } from './world';

export interface RunOptions {
  /** Called between events (never inside one): where keyframes are taken. */
  between?: (w: World) => void;
}

export function run(sim: Sim, opts: RunOptions = {}): void {
  const w = sim.w;
  const { maxSimTimeNs, maxEvents } = w.scenario.limits;
  const between = opts.between;
  for (;;) {
    const e = heapPeek(w.events);
    if (e === undefined) {
      w.stopReason = 'idle';
      return;
    }
    if (e.t > maxSimTimeNs) {
      w.stopReason = 'maxSimTime';
      return;
    }
    if (w.step >= maxEvents) {
      w.stopReason = 'maxEvents';
      return;
    }
    heapPop(w.events);
    w.now = e.t;
    dispatch(sim, e);
    if (between !== undefined) between(w);
  }
}
