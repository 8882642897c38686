/**
 * The one owner of animation frames (as in Perfetto's UI). While the player plays, each frame
 * adds `speed × elapsed` to what is due and, when at least one whole step is due and no view
 * is on its way, asks the player to advance by that many steps: so a slow worker lowers the
 * frame rate, never the speed. Animation layers (the next slice's moving buffers) register
 * with `onFrame` and get how far the player is toward its next step; with
 * prefers-reduced-motion that is always 1: no interpolation, states are shown as they are.
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
  /** Called every frame with the fraction (0..1] of the way to the next step. */
  onFrame(cb: (alpha: number) => void): () => void;
  dispose(): void;
}

/** A long gap between frames (a hidden tab) does not turn into a burst of steps. */
const MAX_FRAME_MS = 250;
/** Steps that may pile up while the worker is busy: a quarter of a second's worth. */
const MAX_DUE_SECONDS = 0.25;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  let frame: number | null = null;
  let last = 0;
  let due = 0;
  const listeners = new Set<(alpha: number) => void>();

  const tick = (now: number) => {
    frame = null;
    if (!deps.playing()) return;
    const dt = Math.min(MAX_FRAME_MS, Math.max(0, now - last));
    last = now;
    const speed = Math.max(0, deps.speed());
    due = Math.min(due + (dt / 1000) * speed, 1 + speed * MAX_DUE_SECONDS);
    if (due >= 1 && deps.canAdvance()) {
      const n = Math.floor(due);
      due -= n;
      deps.advance(n);
    }
    const alpha = deps.reducedMotion() ? 1 : Math.min(1, due);
    for (const cb of listeners) cb(alpha);
    frame = deps.requestFrame(tick);
  };

  return {
    sync() {
      if (deps.playing()) {
        if (frame !== null) return;
        // The first step comes at once: pressing Play shows movement right away.
        due = 1;
        last = Number.NaN;
        frame = deps.requestFrame((now) => {
          last = now;
          tick(now);
        });
      } else if (frame !== null) {
        deps.cancelFrame(frame);
        frame = null;
      }
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
