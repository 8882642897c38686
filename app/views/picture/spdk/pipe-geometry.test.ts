import { describe, expect, it } from 'vitest';
import { anchorAt, angleOf, heldPieces, iovArrows, pointAt, unwrapNear } from './pipe-geometry';

const SZ = 33_344;
const TAU = 2 * Math.PI;

describe('pipe geometry', () => {
  it('puts offset 0 at the top and goes clockwise; a held region past the end keeps counting', () => {
    expect(angleOf(0, SZ)).toBe(0);
    expect(angleOf(SZ / 4, SZ)).toBeCloseTo(Math.PI / 2);
    const [x, y] = pointAt(SZ / 4, SZ, 10);
    expect(x).toBeCloseTo(10);
    expect(y).toBeCloseTo(0);
    // 6,000 bytes held from read 30,000: the arc runs through 0 and ends past 2π.
    const pieces = heldPieces(30_000, 36_000, 30_000, [[0, 6000, 3, 1]]);
    const colored = pieces.filter((p) => p.cid === 3);
    expect(colored).toHaveLength(1);
    expect(angleOf(colored[0]!.from, SZ)).toBeLessThan(TAU);
    expect(angleOf(colored[0]!.to, SZ)).toBeGreaterThan(TAU);
    expect(angleOf(colored[0]!.to, SZ) - TAU).toBeCloseTo(angleOf(36_000 - SZ, SZ));
  });

  it('cuts the held bytes by span, clipped to the moving heads, over a grey piece for the rest', () => {
    const spans: [number, number, number, number][] = [
      [0, 100, 1, 10],
      [100, 300, 2, 11],
    ];
    // Heads settled: the spans exactly cover [lo, hi).
    const settled = heldPieces(500, 900, 500, spans);
    expect(settled.map((p) => [p.from, p.to, p.cid])).toEqual([
      [500, 900, -1],
      [500, 600, 1],
      [600, 900, 2],
    ]);
    // Read head still moving toward 500 (at 450), write side not yet at 900 (at 750).
    const moving = heldPieces(450, 750, 500, spans);
    expect(moving.map((p) => [p.from, p.to, p.cid])).toEqual([
      [450, 750, -1],
      [500, 600, 1],
      [600, 750, 2],
    ]);
    expect(heldPieces(10, 10, 10, spans)).toEqual([]);
  });

  it('moves a head the short way round the ring', () => {
    // From near the end to just past 0: forward across the wrap, not back round.
    expect(unwrapNear(200, 33_000, SZ)).toBe(200 + SZ);
    // A rewind to 0 from a small offset goes back.
    expect(unwrapNear(0, 4168, SZ)).toBe(0);
    expect(unwrapNear(100, 100 + 5 * SZ, SZ)).toBe(100 + 5 * SZ);
  });

  it('draws the iovecs of a wrapping readv as two arrows: to the end, then from 0', () => {
    const arrows = iovArrows(
      [
        [30_296, 3048],
        [0, 13_304],
      ],
      String,
    );
    expect(arrows).toHaveLength(2);
    expect(arrows[0]!.to).toBe(SZ);
    expect(angleOf(arrows[0]!.to, SZ)).toBeCloseTo(TAU);
    expect(arrows[1]!.from).toBe(0);
    expect(arrows[1]!.label).toBe('iov[1] 13304 B');
  });

  it('anchors labels away from the ring', () => {
    expect(anchorAt(SZ / 4, SZ)).toBe('start');
    expect(anchorAt((3 * SZ) / 4, SZ)).toBe('end');
    expect(anchorAt(0, SZ)).toBe('middle');
  });
});
