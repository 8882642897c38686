/**
 * Where each part of the kernel band goes: the parts flow left to right in the order data
 * travels (wire, ring, ring facts, CPU contexts, GRO, TCP queues) and wrap to a new row when
 * the next one does not fit, as text does. Sizes are in em of the page's root font so the
 * picture keeps the page's type size (readable on a projector) at any width; spare width
 * goes to the parts that can use it (the CPU grid and the TCP lanes).
 */

export type PartName = 'wire' | 'ring' | 'facts' | 'cpu' | 'gro' | 'tcp';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PartSpec {
  name: PartName;
  /** Width and height in em; `grow` shares the spare width of a row. */
  w: number;
  h: number;
  grow: number;
}

export const PARTS: readonly PartSpec[] = [
  { name: 'wire', w: 5.5, h: 12, grow: 0 },
  { name: 'ring', w: 17, h: 15, grow: 0 },
  { name: 'facts', w: 13, h: 12, grow: 0 },
  { name: 'cpu', w: 23, h: 13.5, grow: 1 },
  { name: 'gro', w: 12, h: 14, grow: 0 },
  { name: 'tcp', w: 34, h: 14, grow: 1 },
];

/** Gap between parts and between rows, in em. */
export const GAP_EM = 0.8;

export interface BandLayout {
  width: number;
  height: number;
  em: number;
  boxes: Record<PartName, Box>;
  /** Which row each part landed in (0-based). */
  rows: Record<PartName, number>;
}

/** Lays the parts out in `width` CSS pixels with a root font of `em` pixels. */
export function bandLayout(width: number, em: number, parts: readonly PartSpec[] = PARTS): BandLayout {
  const gap = GAP_EM * em;
  const rows: PartSpec[][] = [];
  let row: PartSpec[] = [];
  let used = 0;
  for (const p of parts) {
    const w = p.w * em;
    if (row.length > 0 && used + gap + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += (row.length > 0 ? gap : 0) + w;
    row.push(p);
  }
  if (row.length > 0) rows.push(row);

  const boxes = {} as Record<PartName, Box>;
  const rowOf = {} as Record<PartName, number>;
  let y = 0;
  rows.forEach((r, i) => {
    const natural = r.reduce((s, p) => s + p.w * em, 0) + gap * (r.length - 1);
    const spare = Math.max(0, width - natural);
    const grow = r.reduce((s, p) => s + p.grow, 0);
    const h = Math.max(...r.map((p) => p.h * em));
    let x = 0;
    for (const p of r) {
      // A row with nothing that grows keeps its parts at their natural width, left-aligned.
      const w = p.w * em + (grow > 0 ? (spare * p.grow) / grow : 0);
      boxes[p.name] = { x, y, w, h };
      rowOf[p.name] = i;
      x += w + gap;
    }
    y += h + (i < rows.length - 1 ? gap : 0);
  });
  return { width, height: y, em, boxes, rows: rowOf };
}
