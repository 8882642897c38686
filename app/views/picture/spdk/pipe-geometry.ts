/**
 * The recv pipe (struct spdk_pipe) as a ring: byte offset 0 at twelve o'clock, offsets growing
 * clockwise, `sz` bytes all the way round. Pure numbers, so the wrapping cases are unit-tested.
 *
 * Positions are "unwrapped" offsets: a region that runs past the end of the buffer keeps
 * counting (30,000 + 6,000 in a 33,344-byte pipe ends at 36,000), so its arc is one piece
 * whose end angle is past 2π, as d3.arc draws it.
 */

/** Angle (radians, d3.arc convention: 0 at twelve o'clock, clockwise) of an unwrapped offset. */
export function angleOf(off: number, sz: number): number {
  return sz > 0 ? (off / sz) * 2 * Math.PI : 0;
}

/** A piece of the ring: [from, to) in unwrapped offsets, and the cid its bytes belong to (-1 unknown). */
export interface RingPiece {
  from: number;
  to: number;
  cid: number;
  /** Stable key for joins (the span's place, or 'gap'). */
  key: string;
}

/**
 * The held bytes as drawn while the heads move: the region [lo, hi) (animated read head and
 * read head + bytes held), cut by the spans of the view shown (PipeView.spans, offsets from the
 * read head at `base`). Parts of the region no span covers (bytes on their way out or in while
 * the heads move, or bytes not named) are one grey piece under the others.
 */
export function heldPieces(
  lo: number,
  hi: number,
  base: number,
  spans: readonly (readonly [number, number, number, number])[],
): RingPiece[] {
  if (hi <= lo) return [];
  const out: RingPiece[] = [{ from: lo, to: hi, cid: -1, key: 'under' }];
  for (let i = 0; i < spans.length; i++) {
    const [off, len, cid] = spans[i]!;
    const from = Math.max(lo, base + off);
    const to = Math.min(hi, base + off + len);
    if (to > from) out.push({ from, to, cid, key: `s${i}` });
  }
  return out;
}

/** The value equal to `off` modulo `sz` nearest to `near` (the short way round the ring). */
export function unwrapNear(off: number, near: number, sz: number): number {
  if (sz <= 0) return off;
  const k = Math.round((near - off) / sz);
  return off + k * sz;
}

/** An arrow along the ring for one iovec of the last readv: [from, to) in offsets, and its label. */
export interface IovArrow {
  from: number;
  to: number;
  label: string;
}

/** The iovecs [offset, length] of the last readv into the pipe as arrows (two when it wrapped). */
export function iovArrows(
  iovs: readonly (readonly [number, number])[],
  fmt: (n: number) => string,
): IovArrow[] {
  return iovs.map(([off, len], i) => ({ from: off, to: off + len, label: `iov[${i}] ${fmt(len)} B` }));
}

/** A point on the ring at `radius` for an unwrapped offset (SVG coordinates around the centre). */
export function pointAt(off: number, sz: number, radius: number): [number, number] {
  const a = angleOf(off, sz);
  return [Math.sin(a) * radius, -Math.cos(a) * radius];
}

/** Text anchor for a label placed outside the ring at an offset (left half: end, right half: start). */
export function anchorAt(off: number, sz: number): 'start' | 'middle' | 'end' {
  const x = Math.sin(angleOf(off, sz));
  if (Math.abs(x) < 0.25) return 'middle';
  return x > 0 ? 'start' : 'end';
}
