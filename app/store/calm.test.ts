import { describe, expect, it } from 'vitest';
import type { ViewState } from '../sim-types';
import { CALM_MS, type CalmClock, createCalm, READABLE_SPEED } from './calm';
import { createAppStore } from './store';

/** A clock moved by hand, with its timers. */
function fakeClock() {
  let t = 0;
  let next = 1;
  const timers = new Map<number, { at: number; cb: () => void }>();
  const clock: CalmClock = {
    now: () => t,
    setTimer: (cb, ms) => {
      const id = next++;
      timers.set(id, { at: t + ms, cb });
      return id;
    },
    clearTimer: (id) => {
      timers.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (const [id, x] of [...timers]) {
      if (x.at <= t) {
        timers.delete(id);
        x.cb();
      }
    }
  };
  return { clock, advance, pending: () => timers.size };
}

/** A distinct view per step (the calm copy compares by identity). */
const views = new Map<number, ViewState>();
const viewAt = (step: number) => {
  let v = views.get(step);
  if (v === undefined) {
    v = { step } as ViewState;
    views.set(step, v);
  }
  return v;
};

function setup(speed: number) {
  const store = createAppStore({ phase: 'paused', speed, step: 0, view: viewAt(0) });
  const c = fakeClock();
  const { calm, dispose } = createCalm(store, c.clock);
  const show = (step: number) => store.setState({ step, view: viewAt(step) });
  return { store, calm, dispose, show, ...c };
}

describe('createCalm', () => {
  it('follows every step at once while paused', () => {
    const t = setup(5000);
    for (const n of [1, 2, 7, 3]) {
      t.show(n);
      expect(t.calm.getState().step).toBe(n);
      expect(t.calm.getState().view).toBe(t.store.getState().view);
    }
    expect(t.pending()).toBe(0);
  });

  it('follows every step at a teaching speed while playing', () => {
    const t = setup(READABLE_SPEED);
    t.store.setState({ phase: 'playing' });
    for (let n = 1; n < 5; n++) {
      t.show(n);
      t.advance(1);
      expect(t.calm.getState().step).toBe(n);
    }
  });

  it('playing fast: at most one update per CALM_MS, the newest step, and exact again on pause', () => {
    const t = setup(5000);
    t.store.setState({ phase: 'playing' });
    t.show(1); // the first change after a quiet spell shows at once
    expect(t.calm.getState().step).toBe(1);
    const seen: number[] = [];
    const unsub = t.calm.subscribe((s) => seen.push(s.step));
    for (let n = 2; n <= 40; n++) {
      t.advance(16);
      t.show(n);
    }
    // 39 frames of 16 ms = 624 ms: two or three updates, not 39.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil((39 * 16) / CALM_MS));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(t.calm.getState().step).toBeLessThan(40);
    t.store.setState({ phase: 'paused' });
    expect(t.calm.getState().step).toBe(40);
    expect(t.calm.getState().view).toBe(viewAt(40));
    expect(t.pending()).toBe(0);
    unsub();
  });

  it('a trailing update brings the newest step when steps stop coming', () => {
    const t = setup(5000);
    t.store.setState({ phase: 'playing' });
    t.show(1);
    t.advance(10);
    t.show(2);
    t.show(3);
    expect(t.calm.getState().step).toBe(1);
    t.advance(CALM_MS);
    expect(t.calm.getState().step).toBe(3);
  });

  it('dispose stops following and drops the timer', () => {
    const t = setup(5000);
    t.store.setState({ phase: 'playing' });
    t.show(1);
    t.show(2);
    expect(t.pending()).toBe(1);
    t.dispose();
    expect(t.pending()).toBe(0);
    t.show(3);
    expect(t.calm.getState().step).toBe(1);
  });
});
