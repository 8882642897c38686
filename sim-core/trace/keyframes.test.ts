import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { World } from '../engine/world';
import { worldDigest } from './hash';
import { approxBytes, KeyframeStore } from './keyframes';
import { toy, toyWorld } from './toy';

function worldAt(step: number, blobBytes = 1024): World {
  const w = toyWorld({ seed: 1, blobBytes });
  w.step = step;
  return w;
}

describe('KeyframeStore.maybeTake', () => {
  it('takes one when `interval` rows have passed since the last, not before', () => {
    const s = new KeyframeStore({ interval: 100 });
    expect(s.maybeTake(worldAt(0))).toBe(false); // the first one is taken explicitly (recordRun)
    s.take(worldAt(0));
    expect(s.maybeTake(worldAt(99))).toBe(false);
    expect(s.maybeTake(worldAt(100))).toBe(true);
    expect(s.maybeTake(worldAt(150))).toBe(false);
    expect(s.maybeTake(worldAt(230))).toBe(true);
    expect(s.frames.map((f) => f.step)).toEqual([0, 100, 230]);
    expect(s.interval).toBe(100);
  });

  it('adapts the interval to the world size, within bounds', () => {
    const s = new KeyframeStore({ bytesPerRow: 10, minInterval: 1000, maxInterval: 50_000 });
    s.take(worldAt(0, 100_000));
    // About 100 kB of world at 10 bytes per row: about 10k rows.
    expect(s.interval).toBeGreaterThan(10_000);
    expect(s.interval).toBeLessThan(12_000);
    s.take(worldAt(20_000, 10));
    expect(s.interval).toBe(1000);
    s.take(worldAt(30_000, 10_000_000));
    expect(s.interval).toBe(50_000);
  });

  it('replaces a keyframe at the same step, but never keyframe 0 and never with the final one', () => {
    const s = new KeyframeStore({ interval: 10 });
    const a = worldAt(0);
    s.take(a);
    toy(a).ticks = 5;
    s.take(a);
    expect(s.frames.length).toBe(2);
    expect(toy(s.frames[0]!.world).ticks).toBe(0);
    a.step = 10;
    s.take(a);
    toy(a).ticks = 6;
    s.take(a);
    expect(s.frames.map((f) => f.step)).toEqual([0, 0, 10]);
    expect(toy(s.frames[2]!.world).ticks).toBe(6);
    expect(s.nearest(0)!.world.nic).toEqual(s.frames[1]!.world.nic);
    s.finish(a);
    expect(s.frames.map((f) => [f.step, f.final])).toEqual([
      [0, false],
      [0, false],
      [10, false],
      [10, true],
    ]);
    expect(() => s.take(worldAt(50))).toThrow(/final/);
  });

  it('refuses to go back in steps', () => {
    const s = new KeyframeStore({ interval: 10 });
    s.take(worldAt(20));
    expect(() => s.take(worldAt(10))).toThrow();
  });
});

describe('KeyframeStore memory cap and clock', () => {
  it('thins out every other keyframe past maxBytes and doubles the spacing', () => {
    // What one keyframe of this world holds (its packed size).
    const one = new KeyframeStore({ interval: 100 }).take(worldAt(0, 10_000)).bytes;
    const s = new KeyframeStore({ interval: 100, maxBytes: one * 4.5 });
    for (let step = 0; step <= 400; step += 100) s.take(worldAt(step, 10_000));
    // Five keyframes would pass 4.5 of them: keep 0, 200 and the newest (400).
    expect(s.frames.map((f) => f.step)).toEqual([0, 200, 400]);
    expect(s.thinned).toBe(1);
    expect(s.interval).toBe(200);
    expect(s.bytes).toBe(s.frames.reduce((x, f) => x + f.bytes, 0));
    expect(s.maybeTake(worldAt(599, 10_000))).toBe(false);
    expect(s.maybeTake(worldAt(600, 10_000))).toBe(true);
  });

  it('with a clock, spaces keyframes so that clone + replay fits the restore budget', () => {
    let ms = 0;
    const s = new KeyframeStore({ clock: () => ms, restoreBudgetMs: 12, minInterval: 100 });
    s.take(worldAt(0));
    // The run did 50_000 rows in 10 ms: 5000 rows per ms, so 12 ms of replay is 60_000 rows.
    ms = 10;
    s.take(worldAt(50_000));
    expect(s.rowsPerMs).toBe(5000);
    expect(s.interval).toBe(60_000);
    // A slow stretch shortens the spacing, down to minInterval.
    ms = 1010;
    s.take(worldAt(60_000));
    expect(s.interval).toBe(120);
    ms = 100_000;
    s.take(worldAt(60_100));
    expect(s.interval).toBe(100);
  });
});

describe('KeyframeStore.nearest', () => {
  it('returns the latest keyframe at or before the step', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.nat({ max: 1100 }),
        (steps, q) => {
          steps.sort((x, y) => x - y);
          const s = new KeyframeStore({ interval: 1 });
          for (const st of steps) s.take(worldAt(st, 8));
          const want = steps.filter((x) => x <= q).at(-1);
          expect(s.nearest(q)?.step).toBe(want);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('a keyframe is an independent copy', () => {
  it('does not change when the world is mutated after it was taken', () => {
    const w = worldAt(0, 256);
    const s = new KeyframeStore({ interval: 1 });
    const kf = s.take(w);
    const digest = worldDigest(kf.world);
    toy(w).blob[3] = 0xaa;
    toy(w).ring[0]![0] = 0x55;
    toy(w).worker.state = 2;
    w.rng[0] = 12345;
    w.events.length = 0;
    expect(worldDigest(kf.world)).toBe(digest);
    expect(toy(kf.world).blob[3]).toBe(0);
  });
});

describe('approxBytes', () => {
  it('counts buffers by length, shared ones once', () => {
    const buf = new Uint8Array(10_000);
    const one = approxBytes({ a: buf });
    const two = approxBytes({ a: buf, b: buf });
    const copies = approxBytes({ a: buf, b: new Uint8Array(10_000) });
    expect(one).toBeGreaterThanOrEqual(10_000);
    expect(one).toBeLessThan(10_200);
    expect(two - one).toBeLessThan(100);
    expect(copies - one).toBeGreaterThanOrEqual(10_000);
  });

  it('grows with the number of objects', () => {
    const small = approxBytes({ q: [] });
    const big = approxBytes({ q: Array.from({ length: 100 }, (_, i) => ({ id: i, s: 'x' })) });
    expect(big - small).toBeGreaterThan(100 * 24);
  });
});
