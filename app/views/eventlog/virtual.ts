/**
 * The event log's virtualiser, as pure arithmetic: fixed-height rows, only the visible ones
 * rendered. Positions are in rows (a fractional "top row" at the viewport's top edge), not in
 * pixels, because a trace of 11 million rows is far taller than any browser lets an element
 * be (Chrome caps near 33 million px, Firefox near 18 million). The scrolled content is capped
 * at MAX_SCROLL_PX and scroll offsets are scaled onto rows; below the cap the scale is 1 and a
 * scrollbar pixel is a content pixel, as in any list.
 */

/** Tallest scrolled content we make (well under every browser's limit). */
export const MAX_SCROLL_PX = 8_000_000;

export interface ListGeometry {
  count: number;
  /** Row height in px (> 0). */
  rowHeight: number;
  /** Viewport height in px. */
  viewport: number;
  /** Cap on the content height (default MAX_SCROLL_PX). */
  maxScroll?: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Height of the scrolled content in px. */
export function contentHeight(g: ListGeometry): number {
  return Math.min(g.count * g.rowHeight, g.maxScroll ?? MAX_SCROLL_PX);
}

/** Rows that fit in the viewport (fractional). */
export function rowsInView(g: ListGeometry): number {
  return g.viewport / g.rowHeight;
}

/** The largest top row: the last row sits at the bottom edge. */
export function maxTopRow(g: ListGeometry): number {
  return Math.max(0, g.count - rowsInView(g));
}

/** Rows per scrolled pixel beyond 1/rowHeight: 1 when nothing is capped. */
export function scrollScale(g: ListGeometry): number {
  const real = contentHeight(g) - g.viewport;
  const virtual = g.count * g.rowHeight - g.viewport;
  return real <= 0 || virtual <= 0 ? 1 : virtual / real;
}

/** The top row shown for a scroll offset. */
export function topRowAt(g: ListGeometry, scrollTop: number): number {
  const real = Math.max(0, contentHeight(g) - g.viewport);
  if (real === 0) return 0;
  return clamp((clamp(scrollTop, 0, real) * scrollScale(g)) / g.rowHeight, 0, maxTopRow(g));
}

/** The scroll offset that shows `topRow` at the top (inverse of topRowAt). */
export function scrollTopFor(g: ListGeometry, topRow: number): number {
  const real = Math.max(0, contentHeight(g) - g.viewport);
  if (real === 0) return 0;
  return clamp((clamp(topRow, 0, maxTopRow(g)) * g.rowHeight) / scrollScale(g), 0, real);
}

/** Rows to render, [first, last), for a top row, with `overscan` extra rows either side. */
export function visibleRange(g: ListGeometry, topRow: number, overscan = 2): { first: number; last: number } {
  if (g.count === 0) return { first: 0, last: 0 };
  const first = clamp(Math.floor(topRow) - overscan, 0, g.count);
  const last = clamp(Math.ceil(topRow + rowsInView(g)) + overscan, first, g.count);
  return { first, last };
}

/** Where row `i` is drawn, in px from the viewport's top edge. */
export function rowOffset(g: ListGeometry, topRow: number, i: number): number {
  return (i - topRow) * g.rowHeight;
}

/**
 * The top row that brings row `i` fully into view with the least movement: unchanged when it
 * is already in view, otherwise row `i` lands at the nearer edge.
 */
export function revealRow(g: ListGeometry, topRow: number, i: number): number {
  const inView = rowsInView(g);
  let top = topRow;
  if (i < top) top = i;
  else if (i + 1 > top + inView) top = i + 1 - inView;
  return clamp(top, 0, maxTopRow(g));
}

/** The top row that puts row `i` in the middle of the viewport. */
export function centreRow(g: ListGeometry, i: number): number {
  return clamp(i + 0.5 - rowsInView(g) / 2, 0, maxTopRow(g));
}

/** Pages (of `pageRows` rows) that hold rows [first, last). */
export function pagesOf(first: number, last: number, pageRows: number): number[] {
  if (last <= first) return [];
  const out: number[] = [];
  for (let p = Math.floor(first / pageRows); p <= Math.floor((last - 1) / pageRows); p++) out.push(p);
  return out;
}
