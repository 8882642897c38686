/**
 * Geometry of the igb RX ring drawn as a ring: slot i covers the angles [i, i + 1) × 2π/count,
 * clockwise from 12 o'clock, so the ring's wrap-around (index count-1 → 0) is where the eye
 * expects it. Slots of the same look next to each other are drawn as one arc (a run), which
 * keeps a 4096-descriptor ring to a few dozen SVG paths.
 */

const TAU = Math.PI * 2;

/** Slot states as RingView.slots numbers them. */
export const UNARMED = 0;
export const ARMED = 1;
export const DONE = 2;

export interface Run {
  start: number;
  len: number;
  state: number;
  /** cid colouring the bytes held (written-back slots only), else -1. */
  cid: number;
}

/** Consecutive slots that look the same: same state and, when written back, the same PDU. */
export function slotRuns(slots: readonly number[], colors: readonly number[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (let i = 0; i < slots.length; i++) {
    const state = slots[i] ?? UNARMED;
    const cid = state === DONE ? (colors[i] ?? -1) : -1;
    if (cur !== null && cur.state === state && cur.cid === cid) cur.len++;
    else {
      cur = { start: i, len: 1, state, cid };
      runs.push(cur);
    }
  }
  return runs;
}

/** Angle (radians, clockwise from 12 o'clock) of position `p` in slots (p = i is slot i's start). */
export function angleOf(p: number, count: number): number {
  return (p / count) * TAU;
}

export function pointAt(cx: number, cy: number, r: number, angle: number): [number, number] {
  return [cx + r * Math.sin(angle), cy - r * Math.cos(angle)];
}

const f = (x: number) => Math.round(x * 100) / 100;

/** SVG path of the ring sector between radii r0 < r1 and angles a0 < a1. */
export function arcPath(cx: number, cy: number, r0: number, r1: number, a0: number, a1: number): string {
  if (a1 - a0 >= TAU - 1e-9) {
    // A whole annulus: two circles, the inner one cut out (fill-rule evenodd).
    return `M${f(cx)},${f(cy - r1)}A${f(r1)},${f(r1)} 0 1 1 ${f(cx)},${f(cy + r1)}A${f(r1)},${f(r1)} 0 1 1 ${f(cx)},${f(cy - r1)}M${f(cx)},${f(cy - r0)}A${f(r0)},${f(r0)} 0 1 0 ${f(cx)},${f(cy + r0)}A${f(r0)},${f(r0)} 0 1 0 ${f(cx)},${f(cy - r0)}Z`;
  }
  const large = a1 - a0 > Math.PI ? 1 : 0;
  const [x0, y0] = pointAt(cx, cy, r1, a0);
  const [x1, y1] = pointAt(cx, cy, r1, a1);
  const [x2, y2] = pointAt(cx, cy, r0, a1);
  const [x3, y3] = pointAt(cx, cy, r0, a0);
  return `M${f(x0)},${f(y0)}A${f(r1)},${f(r1)} 0 ${large} 1 ${f(x1)},${f(y1)}L${f(x2)},${f(y2)}A${f(r0)},${f(r0)} 0 ${large} 0 ${f(x3)},${f(y3)}Z`;
}

/** Slot under the point (dx, dy) from the ring's centre. */
export function slotAt(dx: number, dy: number, count: number): number {
  let a = Math.atan2(dx, -dy);
  if (a < 0) a += TAU;
  return Math.min(count - 1, Math.floor((a / TAU) * count));
}

/**
 * A pointer's new position "unwrapped" next to its previous one: the pointer moves the short
 * way round (forward across count-1 → 0 when it wraps), so an animation never spins it back
 * through the whole ring. Returns a number ≡ next (mod count).
 */
export function unwrap(prev: number, next: number, count: number): number {
  const base = ((prev % count) + count) % count;
  let d = (((next - base) % count) + count) % count;
  if (d > count / 2) d -= count;
  return prev + d;
}

export interface MarkerLabel {
  key: string;
  /** Angle of the pointer (radians, clockwise from 12 o'clock). */
  angle: number;
  /** Estimated label width in px. */
  width: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** How a label at this angle is anchored by default: away from the ring. */
export function labelAnchor(angle: number): Anchor {
  const s = Math.sin(angle);
  if (s > 0.25) return 'start';
  if (s < -0.25) return 'end';
  return 'middle';
}

/** Box of a label of width w and height h placed at (x, y) with an anchor, for its angle. */
export function labelBox(
  x: number,
  y: number,
  w: number,
  h: number,
  angle: number,
  anchor: Anchor = labelAnchor(angle),
) {
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  // Labels above the ring sit on their point, those below hang from it, the rest are centred.
  const c = Math.cos(angle);
  const top = c > 0.25 ? y - h : c < -0.25 ? y : y - h / 2;
  return { left, right: left + w, top, bottom: top + h };
}

export interface LabelPlace {
  /** Radial lane (0 = nearest the ring) and vertical shift in label heights. */
  lane: number;
  shift: number;
  anchor: Anchor;
}

/**
 * Places to try for a label, in order. Beside the ring labels fan out up and down (so they
 * stay close to it and out of the neighbouring parts); above and below it they go to either
 * side of their line, then outward.
 */
function candidates(angle: number, n: number): LabelPlace[] {
  const a = labelAnchor(angle);
  const out: LabelPlace[] = [];
  if (a !== 'middle') {
    out.push({ lane: 0, shift: 0, anchor: a });
    for (let k = 1; k <= n + 1; k++) {
      out.push({ lane: 0, shift: k, anchor: a });
      out.push({ lane: 0, shift: -k, anchor: a });
    }
    return out;
  }
  for (let lane = 0; lane <= n + 1; lane++) {
    out.push({ lane, shift: 0, anchor: 'start' });
    out.push({ lane, shift: 0, anchor: 'end' });
  }
  return out;
}

/** Where a label goes: its anchor point (x, y) from the ring's centre. */
export function labelPoint(
  angle: number,
  r: number,
  laneStep: number,
  h: number,
  p: LabelPlace,
): [number, number] {
  const [x, y] = pointAt(0, 0, r + p.lane * laneStep, angle);
  return [x, y + p.shift * h * 1.1];
}

/** A place for each pointer label so none overlaps another (the first free candidate, in order). */
export function labelLanes(
  labels: readonly MarkerLabel[],
  r: number,
  laneStep: number,
  h: number,
): Record<string, LabelPlace> {
  const placed: ReturnType<typeof labelBox>[] = [];
  const out: Record<string, LabelPlace> = {};
  for (const l of labels) {
    const cs = candidates(l.angle, labels.length);
    let chosen = cs[0]!;
    let box = labelBox(0, 0, 0, 0, l.angle);
    for (const c of cs) {
      const [x, y] = labelPoint(l.angle, r, laneStep, h, c);
      box = labelBox(x, y, l.width, h, l.angle, c.anchor);
      const b = box;
      const clash = placed.some(
        (p) => b.left < p.right && p.left < b.right && b.top < p.bottom && p.top < b.bottom,
      );
      chosen = c;
      if (!clash) break;
    }
    placed.push(box);
    out[l.key] = chosen;
  }
  return out;
}
