/**
 * The step shown, for panels nobody can read at playing speed (inspector, state machines,
 * source, numbers, event log): a copy of the store's `view` and `step` that, while the player
 * plays faster than READABLE_SPEED, follows at most every CALM_MS (the newest step then, never
 * an old one). Paused, stepping, seeking or playing at a teaching speed it follows at once, in
 * the same store notification, so a paused page shows exactly the step in the status. The
 * picture, the status and the timeline read the store itself and move every frame.
 *
 * Why: at 5000 steps/s a React commit of those panels per frame (a 2 KiB hex table in the
 * inspector) cost more than the frame itself (bench:ui, 10g-sustained).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ViewState } from '../sim-types';
import type { AppState, AppStore } from './store';

/** Fastest speed (steps/s) at which the panels follow every step. */
export const READABLE_SPEED = 10;
/** While playing faster: at most one update of the calm panels per this many ms. */
export const CALM_MS = 250;

export interface CalmState {
  view: ViewState | null;
  step: number;
}

export type CalmStore = StoreApi<CalmState>;

export interface CalmClock {
  now(): number;
  setTimer(cb: () => void, ms: number): unknown;
  clearTimer(id: unknown): void;
}

const realClock: CalmClock = {
  now: () => performance.now(),
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** Playing too fast to read: the calm copy may trail by up to CALM_MS. */
export function hurried(s: Pick<AppState, 'phase' | 'speed'>): boolean {
  return (s.phase === 'playing' || s.phase === 'running') && s.speed > READABLE_SPEED;
}

export function createCalm(
  store: AppStore,
  clock: CalmClock = realClock,
): { calm: CalmStore; dispose(): void } {
  const pick = (s: AppState): CalmState => ({ view: s.view, step: s.step });
  const calm = createStore<CalmState>()(() => pick(store.getState()));
  let last = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;

  const flush = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
    last = clock.now();
    const s = store.getState();
    const c = calm.getState();
    if (c.view !== s.view || c.step !== s.step) calm.setState(pick(s));
  };

  const unsub = store.subscribe((s) => {
    const c = calm.getState();
    if (c.view === s.view && c.step === s.step) return;
    if (!hurried(s)) {
      flush();
      return;
    }
    const wait = last + CALM_MS - clock.now();
    if (wait <= 0) flush();
    else if (timer === null) timer = clock.setTimer(flush, wait);
  });

  return {
    calm,
    dispose() {
      unsub();
      if (timer !== null) clock.clearTimer(timer);
      timer = null;
    },
  };
}
