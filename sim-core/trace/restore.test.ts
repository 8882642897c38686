import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { run } from '../engine/run';
import { defineHandler, record, schedule, StopAtStep } from '../engine/sim';
import { arrayRecorder } from '../engine/testing';
import type { World } from '../engine/world';
import { worldDigest } from './hash';
import {
  recordRun,
  restoreAt,
  replayTo,
  initialWorld,
  RecordingError,
  RecordingSession,
  ReplayDivergence,
  type Recording,
} from './restore';
import { C_TOY_COPY, C_TOY_WORK, STATE_ROW, toy, toyHooks, toySim, toyWorld, type ToyOptions } from './toy';

const ROWS = 6000;
const opts: ToyOptions = { seed: 7, maxEvents: ROWS };

function record6000(o: ToyOptions = opts, interval = 500): Recording {
  return recordRun(toySim(toyWorld(o), null), { keyframes: { interval }, trace: { chunkRows: 1024 } });
}

/** The state right after row `step`, reached by a fresh run from the start (no keyframes). */
function freshAt(o: ToyOptions, step: number): { w: World; rows: number } {
  const w = toyWorld(o);
  const rec = arrayRecorder();
  const sim = { ...toySim(w, rec), stopAt: step };
  try {
    run(sim);
  } catch (e) {
    if (!(e instanceof StopAtStep)) throw e;
    expect(e.step).toBe(step);
  }
  return { w, rows: rec.rows.length };
}

const recorded = record6000();

describe('recordRun', () => {
  it('writes every row and ends at the limit', () => {
    const { trace, keyframes } = recorded;
    expect(trace.length).toBeGreaterThanOrEqual(ROWS);
    expect(keyframes.frames[0]!.step).toBe(0);
    expect(keyframes.frames.at(-1)!.final).toBe(true);
    expect(keyframes.frames.at(-1)!.world.stopReason).toBe('maxEvents');
    // Keyframes every `interval` rows or a little more (taken between events only).
    const steps = keyframes.frames.filter((f) => !f.final).map((f) => f.step);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]! - steps[i - 1]!).toBeGreaterThanOrEqual(500);
      expect(steps[i]! - steps[i - 1]!).toBeLessThan(560);
    }
  });

  it('keyframe 0 is the world before any event', () => {
    expect(worldDigest(recorded.keyframes.frames[0]!.world)).toBe(worldDigest(toyWorld(opts)));
    expect(worldDigest(initialWorld(recorded.keyframes))).toBe(worldDigest(toyWorld(opts)));
  });

  it('is deterministic: same seed, same hash; another seed, another hash', () => {
    const again = record6000();
    expect(again.trace.traceHash).toBe(recorded.trace.traceHash);
    expect(again.trace.length).toBe(recorded.trace.length);
    const other = record6000({ ...opts, seed: 8 });
    expect(other.trace.traceHash).not.toBe(recorded.trace.traceHash);
  });

  it('a recording advanced in slices equals one run in one go', () => {
    const session = new RecordingSession(toySim(toyWorld(opts), null), {
      keyframes: { interval: 500 },
      trace: { chunkRows: 1024 },
    });
    let slices = 0;
    while (!session.advance(777)) {
      slices++;
      // Each pause is at an event boundary: at least 777 more rows, and the world is whole.
      expect(session.recording.trace.length).toBeGreaterThanOrEqual(777 * slices);
      expect(session.sim.w.step).toBe(session.recording.trace.length);
    }
    expect(slices).toBeGreaterThan(5);
    const r = session.recording;
    expect(r.trace.traceHash).toBe(recorded.trace.traceHash);
    expect(r.keyframes.frames.map((f) => f.step)).toEqual(recorded.keyframes.frames.map((f) => f.step));
    expect(worldDigest(r.keyframes.frames.at(-1)!.world)).toBe(
      worldDigest(recorded.keyframes.frames.at(-1)!.world),
    );
    expect(session.advance(10)).toBe(true);
  });

  it('the hash does not depend on where keyframes are taken', () => {
    expect(record6000(opts, 97).trace.traceHash).toBe(recorded.trace.traceHash);
  });

  it('refuses a world that already has rows, and keeps the partial recording when the run throws', () => {
    const w = toyWorld(opts);
    w.step = 3;
    expect(() => recordRun(toySim(w, null))).toThrow(/already has 3 rows/);
    const bad = toyWorld({ ...opts, maxEvents: 1e9 });
    schedule(toySim(bad, null), 20_000, EV_THROW);
    let caught: unknown;
    try {
      recordRun(toySim(bad, null), { keyframes: { interval: 100 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RecordingError);
    const r = (caught as RecordingError).recording;
    expect(r.trace.length).toBeGreaterThan(0);
    expect(r.keyframes.frames.length).toBeGreaterThan(1);
    expect(bad.stopReason).toBe('error');
  });
});

const EV_THROW = 98;
defineHandler(EV_THROW, 'test: throws', () => {
  throw new Error('boom');
});

describe('restoreAt', () => {
  const hooks = toyHooks();
  const last = recorded.trace.length - 1;

  it('equals a fresh run stopped at the same step (random steps)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: last }), (step) => {
        const restored = restoreAt(recorded.keyframes, step, hooks, undefined, recorded.trace);
        const fresh = freshAt(opts, step);
        expect(fresh.rows).toBe(step + 1);
        expect(restored.step).toBe(step + 1);
        expect(worldDigest(restored)).toBe(worldDigest(fresh.w));
        expect(restored).toEqual(fresh.w);
      }),
      { numRuns: 40 },
    );
  });

  it('stops inside an event: after the first of its rows, before the rest', () => {
    // A work event writes toy_work, then changes the blob, then toy_copy.
    let step = -1;
    for (let i = 0; i < recorded.trace.length - 1; i++) {
      if (recorded.trace.codeAt(i) === C_TOY_WORK && recorded.trace.codeAt(i + 1) === C_TOY_COPY) {
        step = i;
        if (i > 2000) break;
      }
    }
    expect(step).toBeGreaterThan(0);
    const copyRow = recorded.trace.row(step + 1);
    const atWork = restoreAt(recorded.keyframes, step, hooks);
    const atCopy = restoreAt(recorded.keyframes, step + 1, hooks);
    // The blob byte of the copy row is written between the two rows.
    expect(toy(atWork).blob[copyRow.obj]).toBe(copyRow.a);
    expect(toy(atCopy).blob[copyRow.obj]).toBe(copyRow.b);
    expect(atCopy.now).toBe(atWork.now);
    expect(worldDigest(atWork)).toBe(worldDigest(freshAt(opts, step).w));
  });

  it('stops between two state changes of one event', () => {
    let step = -1;
    for (let i = 0; i < recorded.trace.length - 1; i++) {
      const r = recorded.trace.row(i);
      if (r.code === STATE_ROW && r.b === 2) {
        step = i;
        break;
      }
    }
    expect(step).toBeGreaterThan(0);
    const w = restoreAt(recorded.keyframes, step, hooks);
    expect(toy(w).worker.state).toBe(2);
    expect(toy(restoreAt(recorded.keyframes, step + 1, hooks)).worker.state).toBe(
      recorded.trace.row(step + 1).b,
    );
  });

  it('restores step 0, the last row, and past the end', () => {
    expect(worldDigest(restoreAt(recorded.keyframes, 0, hooks))).toBe(worldDigest(freshAt(opts, 0).w));
    const atLast = restoreAt(recorded.keyframes, last, hooks, undefined, recorded.trace);
    expect(worldDigest(atLast)).toBe(worldDigest(freshAt(opts, last).w));
    const final = recorded.keyframes.frames.at(-1)!.world;
    expect(worldDigest(restoreAt(recorded.keyframes, last + 1, hooks))).toBe(worldDigest(final));
    expect(worldDigest(restoreAt(recorded.keyframes, last + 1000, hooks))).toBe(worldDigest(final));
    expect(() => restoreAt(recorded.keyframes, -1, hooks)).toThrow(RangeError);
  });

  it('restores a run that ended idle, and its end', () => {
    const o: ToyOptions = { seed: 3, arrivals: 200 };
    const r = recordRun(toySim(toyWorld(o), null), { keyframes: { interval: 64 } });
    const end = r.keyframes.frames.at(-1)!.world;
    expect(end.stopReason).toBe('idle');
    expect(end.events.length).toBe(0);
    const n = r.trace.length;
    expect(worldDigest(restoreAt(r.keyframes, n - 1, hooks))).toBe(worldDigest(freshAt(o, n - 1).w));
    expect(restoreAt(r.keyframes, n, hooks)).toEqual(end);
    // Without a final keyframe, replay to the end gives the same world.
    const w = replayTo(toyWorld(o), n + 5, hooks);
    expect(w.stopReason).toBe('idle');
    expect(worldDigest(w)).toBe(worldDigest(end));
  });

  it('does not change the keyframes (restoring twice gives the same world)', () => {
    const before = recorded.keyframes.frames.map((f) => worldDigest(f.world));
    const a = restoreAt(recorded.keyframes, 4321, hooks);
    toy(a).blob.fill(0);
    toy(a).queue.length = 0;
    const b = restoreAt(recorded.keyframes, 4321, hooks);
    expect(worldDigest(b)).toBe(worldDigest(freshAt(opts, 4321).w));
    expect(recorded.keyframes.frames.map((f) => worldDigest(f.world))).toEqual(before);
  });

  it('keeps aliasing between the event heap and the world', () => {
    // Find a restored world where a pending delivery carries a frame still in the queue.
    for (let step = 1000; step < 1200; step++) {
      const w = restoreAt(recorded.keyframes, step, hooks);
      const q = toy(w).queue;
      const ev = w.events.find((e) => e.ref !== null && q.includes(e.ref as never));
      if (ev !== undefined) {
        expect(q.includes(ev.ref as never)).toBe(true);
        return;
      }
    }
    throw new Error('no aliased event found');
  });

  it('verify catches a handler that keeps state outside the world', () => {
    const o: ToyOptions = { seed: 11, maxEvents: 3000 };
    const w = toyWorld(o);
    schedule(toySim(w, null), 1, EV_HIDDEN);
    const r = recordRun(toySim(w, null), { keyframes: { interval: 300 } });
    expect(() => restoreAt(r.keyframes, 2500, hooks, undefined, r.trace)).toThrow(ReplayDivergence);
  });
});

// A handler with hidden module state: replay cannot reproduce it.
const EV_HIDDEN = 97;
let hidden = 0;
defineHandler(EV_HIDDEN, 'test: hidden state', (sim) => {
  hidden++;
  record(sim, 96, 0, hidden, 0);
  schedule(sim, 1000, EV_HIDDEN);
});

describe('keyframes are independent of the running world', () => {
  it('a keyframe does not change when the world goes on', () => {
    const r = record6000(opts, 250);
    const kf = r.keyframes.frames[3]!;
    const digest = worldDigest(kf.world);
    expect(worldDigest(freshAtStepBoundary(kf.step))).toBe(digest);
  });
});

/** A fresh run stopped between events at the first point where w.step reaches `step`. */
function freshAtStepBoundary(step: number): World {
  const w = toyWorld(opts);
  let snap: World | null = null;
  run(toySim(w, null), {
    between: (x) => {
      if (snap === null && x.step >= step) snap = structuredClone(x);
    },
  });
  return snap!;
}
