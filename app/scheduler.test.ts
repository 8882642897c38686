import { describe, expect, it } from 'vitest';
import { createScheduler, TRANSITION_MS } from './scheduler';

function harness(opts: { speed: number; reduced?: boolean }) {
  const frames = new Map<number, (now: number) => void>();
  let id = 0;
  const state = { playing: false, ready: true, speed: opts.speed, advanced: [] as number[] };
  const s = createScheduler({
    requestFrame: (cb) => {
      frames.set(++id, cb);
      return id;
    },
    cancelFrame: (i) => frames.delete(i),
    playing: () => state.playing,
    canAdvance: () => state.ready,
    speed: () => state.speed,
    advance: (n) => state.advanced.push(n),
    reducedMotion: () => opts.reduced === true,
  });
  /** Run the pending frame at time `now` (ms). */
  const frame = (now: number) => {
    const [[k, cb]] = [...frames];
    frames.delete(k!);
    cb!(now);
  };
  return { s, state, frames, frame };
}

describe('scheduler', () => {
  it('runs no frames unless playing', () => {
    const h = harness({ speed: 10 });
    h.s.sync();
    expect(h.frames.size).toBe(0);
  });
  it('steps once at once on play, then at the speed (10 steps/s: one per 100 ms)', () => {
    const h = harness({ speed: 10 });
    h.state.playing = true;
    h.s.sync();
    h.frame(1000);
    expect(h.state.advanced).toEqual([1]);
    for (let t = 1016; t < 1100; t += 16) h.frame(t);
    expect(h.state.advanced).toEqual([1]);
    h.frame(1101);
    expect(h.state.advanced).toEqual([1, 1]);
  });
  it('advances several steps per frame at high speeds (5000/s at 60 fps: ~83)', () => {
    const h = harness({ speed: 5000 });
    h.state.playing = true;
    h.s.sync();
    h.frame(0);
    h.frame(1000 / 60);
    expect(h.state.advanced[1]).toBe(83);
  });
  it('waits while a view is on its way, then catches up without a huge burst', () => {
    const h = harness({ speed: 10 });
    h.state.playing = true;
    h.s.sync();
    h.frame(0);
    h.state.ready = false;
    for (let t = 100; t <= 5000; t += 100) h.frame(t);
    expect(h.state.advanced).toEqual([1]);
    h.state.ready = true;
    h.frame(5100);
    // At most a quarter second's worth piled up (2.5 steps at 10/s) plus one.
    expect(h.state.advanced[1]).toBe(3);
  });
  it('stops requesting frames when paused', () => {
    const h = harness({ speed: 10 });
    h.state.playing = true;
    h.s.sync();
    h.state.playing = false;
    h.s.sync();
    expect(h.frames.size).toBe(0);
  });
  it('runs a transition when a view is shown, paused or playing; 1 at once with reduced motion', () => {
    for (const reduced of [false, true]) {
      const h = harness({ speed: 1, reduced });
      const alphas: number[] = [];
      h.s.onFrame((a) => alphas.push(a));
      h.s.transition();
      if (reduced) {
        expect(alphas).toEqual([1]);
        expect(h.frames.size).toBe(0);
        continue;
      }
      h.frame(1000);
      h.frame(1000 + TRANSITION_MS / 2);
      expect(alphas).toEqual([0, 0, 0.5]);
      h.frame(1000 + TRANSITION_MS);
      expect(alphas.at(-1)).toBe(1);
      // Done: no more frames while paused.
      expect(h.frames.size).toBe(0);
    }
  });
  it('shortens transitions to one step while playing fast (100 steps/s: 10 ms)', () => {
    const h = harness({ speed: 100 });
    const alphas: number[] = [];
    h.s.onFrame((a) => alphas.push(a));
    h.state.playing = true;
    h.s.transition();
    h.s.sync();
    h.frame(0);
    h.frame(5);
    expect(alphas.at(-1)).toBeCloseTo(0.5);
    h.frame(10);
    expect(alphas.at(-1)).toBe(1);
    // Still playing: frames go on.
    expect(h.frames.size).toBe(1);
  });
});
