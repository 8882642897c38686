import { describe, expect, it } from 'vitest';
import { bandLayout, GAP_EM, PARTS, type PartName } from './layout';

const names = PARTS.map((p) => p.name);

function overlaps(a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('bandLayout', () => {
  for (const [width, em] of [
    [1310, 21],
    [780, 17],
    [2000, 24],
    [500, 16],
  ] as const) {
    it(`keeps every part inside ${width}px, in flow order, without overlaps (em ${em})`, () => {
      const l = bandLayout(width, em);
      for (const n of names) {
        const b = l.boxes[n];
        expect(b.x).toBeGreaterThanOrEqual(0);
        // A part wider than the whole band sits alone on its row (it cannot fit anyway).
        const spec = PARTS.find((p) => p.name === n)!;
        if (spec.w * em <= width) expect(b.x + b.w).toBeLessThanOrEqual(width + 1e-6);
        expect(b.y + b.h).toBeLessThanOrEqual(l.height + 1e-6);
      }
      for (let i = 0; i < names.length; i++)
        for (let j = i + 1; j < names.length; j++) {
          const a = names[i] as PartName;
          const b = names[j] as PartName;
          expect(overlaps(l.boxes[a], l.boxes[b]), `${a} / ${b}`).toBe(false);
          // Flow order: a later part is on a later row, or to the right on the same row.
          if (l.rows[a] === l.rows[b]) expect(l.boxes[b].x).toBeGreaterThan(l.boxes[a].x);
          else expect(l.rows[b]).toBeGreaterThan(l.rows[a]);
        }
    });
  }

  it('puts wire, ring, facts and CPU on one row at 1080p, GRO and TCP on the next', () => {
    const l = bandLayout(1310, 21);
    expect([l.rows.wire, l.rows.ring, l.rows.facts, l.rows.cpu, l.rows.gro, l.rows.tcp]).toEqual([
      0, 0, 0, 0, 1, 1,
    ]);
    // Spare width goes to the growing parts: TCP fills its row.
    expect(l.boxes.tcp.x + l.boxes.tcp.w).toBeCloseTo(1310);
  });

  it('wraps to more rows when narrow (1280×720)', () => {
    const l = bandLayout(780, 17);
    expect(l.rows.cpu).toBe(1);
    expect(l.rows.tcp).toBe(2);
    expect(l.boxes.tcp.w).toBeCloseTo(780);
    expect(l.height).toBeGreaterThan((bandLayout(1310, 21).height / 21) * 17);
  });

  it('separates rows by the gap', () => {
    const em = 20;
    const l = bandLayout(900, em);
    const r0 = l.boxes.wire;
    const next = names.map((n) => l.boxes[n]).find((b) => b.y > 0)!;
    expect(next.y).toBeCloseTo(r0.h + GAP_EM * em);
  });
});
