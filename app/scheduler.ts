/**
 * The one owner of animation frames (as in Perfetto's UI). While the player plays, each frame
 * adds `speed × elapsed` to what is due and, when at least one whole step is due and no view
 * is on its way, asks the player to advance by that many steps: so a slow worker lowers the
 * frame rate, never the speed.
 *
 * Animation layers (the picture's moving buffers, app/views/picture/shared/motion.ts) register
 * with `onFrame` and get how far the transition to the view now shown has gone (0..1).
 * `transition()` starts one when a new view is shown: it lasts one step's time while playing
 * (at most TRANSITION_MS), TRANSITION_MS when paused. Frames run only while playing or while a
 * transition is unfinished. With prefers-reduced-motion alpha is always 1 at once: no
 * interpolation, states are shown as they are.
 */

export interface SchedulerDeps {
  requestFrame(cb: (now: number) => void): number;
  cancelFrame(id: number): void;
  /** The player plays. */
  playing(): boolean;
  /** The player can take an ADVANCE now (playing and no view on its way). */
  canAdvance(): boolean;
  /** Steps per second. */
  speed(): number;
  advance(count: number): void;
  reducedMotion(): boolean;
}

export interface Scheduler {
  /** Call when playing may have started or stopped: frames run only while playing. */
  sync(): void;
  /** A new view is shown: animate toward it. */
  transition(): void;
  /** Called every frame with the fraction (0..1] of the transition to the view shown. */
  onFrame(cb: (alpha: number) => void): () => void;
  dispose(): void;
}

/** A long gap between frames (a hidden tab) does not turn into a burst of steps. */
const MAX_FRAME_MS = 250;
/** Steps that may pile up while the worker is busy: a quarter of a second's worth. */
const MAX_DUE_SECONDS = 0.25;
/** Longest transition between two views (a paused step; slower play speeds). */
export const TRANSITION_MS = 240;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  let frame: number | null = null;
  let last = Number.NaN;
  let due = 0;
  /** Start of the transition in frame time (NaN: starts at the next frame), its length, done. */
  let tStart = Number.NaN;
  let tLength = TRANSITION_MS;
  let tDone = true;
  let wasPlaying = false;
  const listeners = new Set<(alpha: number) => void>();

  const emit = (alpha: number) => {
    for (const cb of listeners) cb(alpha);
  };

  const tick = (now: number) => {
    frame = null;
    const playing = deps.playing();
    if (playing) {
      const dt = Number.isNaN(last) ? 0 : Math.min(MAX_FRAME_MS, Math.max(0, now - last));
      const speed = Math.max(0, deps.speed());
      due = Math.min(due + (dt / 1000) * speed, 1 + speed * MAX_DUE_SECONDS);
      if (due >= 1 && deps.canAdvance()) {
        const n = Math.floor(due);
        due -= n;
        deps.advance(n);
      }
    }
    last = now;
    if (!tDone) {
      if (Number.isNaN(tStart)) tStart = now;
      const alpha = deps.reducedMotion() || tLength <= 0 ? 1 : Math.min(1, (now - tStart) / tLength);
      if (alpha >= 1) tDone = true;
      emit(alpha);
    }
    if (playing || !tDone) frame = deps.requestFrame(tick);
  };

  const ensureFrames = () => {
    if (frame === null) frame = deps.requestFrame(tick);
  };

  return {
    sync() {
      const playing = deps.playing();
      if (playing === wasPlaying) return;
      wasPlaying = playing;
      if (playing) {
        // The first step comes at once: pressing Play shows movement right away.
        due = 1;
        last = Number.NaN;
        ensureFrames();
      } else if (frame !== null && tDone) {
        deps.cancelFrame(frame);
        frame = null;
      }
    },
    transition() {
      if (deps.reducedMotion()) {
        tDone = true;
        emit(1);
        return;
      }
      const speed = Math.max(1e-9, deps.speed());
      tLength = deps.playing() ? Math.min(TRANSITION_MS, 1000 / speed) : TRANSITION_MS;
      tStart = Number.NaN;
      tDone = false;
      // Layers hear at once that a transition began, so targets set for the new view animate.
      emit(0);
      ensureFrames();
    },
    onFrame(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose() {
      if (frame !== null) deps.cancelFrame(frame);
      frame = null;
      listeners.clear();
    },
  };
}
