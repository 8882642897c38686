import { describe, expect, it } from 'vitest';
import {
  ARMED,
  angleOf,
  arcPath,
  DONE,
  labelAnchor,
  labelBox,
  labelLanes,
  labelPoint,
  pointAt,
  slotAt,
  slotRuns,
  UNARMED,
  unwrap,
} from './ring-layout';

describe('slotRuns', () => {
  it('merges neighbours of one look and splits on state or PDU', () => {
    const slots = [UNARMED, UNARMED, ARMED, ARMED, ARMED, DONE, DONE, DONE, UNARMED];
    const colors = [-1, 5, -1, -1, -1, 3, 3, 4, 7];
    expect(slotRuns(slots, colors)).toEqual([
      // An unarmed slot's colour does not split it: only written-back bytes are drawn.
      { start: 0, len: 2, state: UNARMED, cid: -1 },
      { start: 2, len: 3, state: ARMED, cid: -1 },
      { start: 5, len: 2, state: DONE, cid: 3 },
      { start: 7, len: 1, state: DONE, cid: 4 },
      { start: 8, len: 1, state: UNARMED, cid: -1 },
    ]);
  });
  it('covers every slot exactly once, for a large ring too', () => {
    const n = 4096;
    const slots = Array.from({ length: n }, (_, i) => (i * 7919) % 3);
    const colors = Array.from({ length: n }, (_, i) => (i >> 4) % 5);
    const runs = slotRuns(slots, colors);
    let at = 0;
    for (const r of runs) {
      expect(r.start).toBe(at);
      at += r.len;
    }
    expect(at).toBe(n);
  });
});

describe('ring geometry', () => {
  it('puts slot 0 at 12 o’clock and goes clockwise', () => {
    const [x, y] = pointAt(0, 0, 10, angleOf(0, 8));
    expect([x, y].map((v) => Math.round(v) + 0)).toEqual([0, -10]);
    const [x2, y2] = pointAt(0, 0, 10, angleOf(2, 8));
    expect([x2, y2].map((v) => Math.round(v) + 0)).toEqual([10, 0]);
  });
  it('finds the slot under a point, the inverse of the slot angles', () => {
    for (const count of [80, 256, 4096]) {
      for (const i of [0, 1, count >> 2, count - 1]) {
        const [x, y] = pointAt(0, 0, 50, angleOf(i + 0.5, count));
        expect(slotAt(x, y, count)).toBe(i);
      }
    }
  });
  it('draws a sector with the large-arc flag only beyond half a turn, and a whole ring as two circles', () => {
    const small = arcPath(0, 0, 5, 10, 0, 1);
    const large = arcPath(0, 0, 5, 10, 0, 4);
    expect(small).toMatch(/A10,10 0 0 1/);
    expect(large).toMatch(/A10,10 0 1 1/);
    expect(arcPath(0, 0, 5, 10, 0, Math.PI * 2).match(/M/g)).toHaveLength(2);
  });
});

describe('unwrap', () => {
  it('moves forward across the wrap instead of spinning back', () => {
    expect(unwrap(254, 2, 256)).toBe(258);
    expect(unwrap(258, 5, 256)).toBe(261);
  });
  it('moves back the short way when stepping backwards', () => {
    expect(unwrap(258, 250, 256)).toBe(250);
    expect(unwrap(10, 8, 256)).toBe(8);
  });
  it('is congruent to the new position', () => {
    for (const [p, n, c] of [
      [1000, 3, 80],
      [-5, 79, 80],
      [77, 0, 80],
    ] as const) {
      const u = unwrap(p, n, c);
      expect(((u % c) + c) % c).toBe(n);
      expect(Math.abs(u - p)).toBeLessThanOrEqual(c / 2);
    }
  });
});

describe('labelLanes', () => {
  it('keeps far-apart labels on the first lane and moves close ones out until none overlaps', () => {
    const labels = [
      { key: 'ntc', angle: 1.0, width: 60 },
      { key: 'ntu', angle: 1.01, width: 60 },
      { key: 'head', angle: 1.02, width: 60 },
      { key: 'far', angle: 4.0, width: 60 },
    ];
    const r = 100;
    const step = 20;
    const h = 18;
    const lanes = labelLanes(labels, r, step, h);
    expect(lanes.ntc).toEqual({ lane: 0, shift: 0, anchor: 'start' });
    expect(lanes.far).toEqual({ lane: 0, shift: 0, anchor: 'end' });
    // Beside the ring, crowded labels fan out up and down, not outward.
    expect(lanes.ntu?.lane).toBe(0);
    expect(lanes.ntu?.shift).not.toBe(0);
    expect(lanes.head?.shift).not.toBe(0);
    const boxes = labels.map((l) => {
      const p = lanes[l.key]!;
      const [x, y] = labelPoint(l.angle, r, step, h, p);
      return labelBox(x, y, l.width, h, l.angle, p.anchor);
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap).toBe(false);
      }
  });
  it('puts two labels above the ring on either side of their lines before moving one out', () => {
    const lanes = labelLanes(
      [
        { key: 'ntc', angle: 0.01, width: 60 },
        { key: 'ntu', angle: 0.0, width: 60 },
      ],
      100,
      20,
      18,
    );
    expect(lanes).toEqual({
      ntc: { lane: 0, shift: 0, anchor: 'start' },
      ntu: { lane: 0, shift: 0, anchor: 'end' },
    });
  });
  it('anchors labels away from the ring', () => {
    expect(labelAnchor(Math.PI / 2)).toBe('start');
    expect(labelAnchor(-Math.PI / 2)).toBe('end');
    expect(labelAnchor(0)).toBe('middle');
  });
});
