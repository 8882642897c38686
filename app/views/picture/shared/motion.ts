/**
 * Interpolated numbers for the picture, driven by the scheduler's one animation loop
 * (app/scheduler.ts `onFrame`/`transition`; a band creates one in an effect): a layer calls `to(key, target, apply)` when a
 * new view arrives, and each frame applies `from + (target - from) × alpha` until the
 * transition ends. A new target mid-way starts from where the number is now, so nothing
 * jumps. With prefers-reduced-motion the scheduler gives alpha 1 at once: values are set as they are.
 *
 * Apply functions write attributes directly (d3 selections), never React state: a frame
 * costs no render.
 */
export interface Motion {
  /** Animate `key` to `target`; `apply` receives each interpolated value. A new key is applied at once. */
  to(key: string, target: number, apply: (v: number) => void): void;
  /** Set without animating (a new scenario, a far seek). */
  jump(key: string, target: number, apply: (v: number) => void): void;
  /** Drop keys not touched since the last `sweep` (objects that left the picture). */
  sweep(): void;
  /** Called by the scheduler's frames. */
  frame(alpha: number): void;
  dispose(): void;
}

interface Track {
  from: number;
  target: number;
  now: number;
  apply: (v: number) => void;
  touched: boolean;
}

export function createMotion(onFrame: (cb: (alpha: number) => void) => () => void): Motion {
  const tracks = new Map<string, Track>();
  let lastAlpha = 1;
  const frame = (alpha: number) => {
    // A new transition began: unfinished tracks go on from where they are.
    if (alpha < lastAlpha) for (const t of tracks.values()) t.from = t.now;
    lastAlpha = alpha;
    for (const t of tracks.values()) {
      const v = t.from + (t.target - t.from) * alpha;
      if (v !== t.now) {
        t.now = v;
        t.apply(v);
      }
    }
  };
  const off = onFrame(frame);
  const set = (key: string, target: number, apply: (v: number) => void, animate: boolean) => {
    const t = tracks.get(key);
    if (t === undefined || !animate) {
      tracks.set(key, { from: target, target, now: target, apply, touched: true });
      apply(target);
      return;
    }
    t.apply = apply;
    t.touched = true;
    if (t.target === target) return;
    t.from = t.now;
    t.target = target;
    // Already at the end of a transition (alpha 1): nothing will come to move it; set it now.
    if (lastAlpha >= 1) {
      t.from = target;
      t.now = target;
      apply(target);
    }
  };
  return {
    to: (k, v, a) => set(k, v, a, true),
    jump: (k, v, a) => set(k, v, a, false),
    sweep() {
      for (const [k, t] of tracks) {
        if (!t.touched) tracks.delete(k);
        else t.touched = false;
      }
    },
    frame,
    dispose() {
      off();
      tracks.clear();
    },
  };
}
