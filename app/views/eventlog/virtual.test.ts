import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache';
import {
  centreRow,
  contentHeight,
  type ListGeometry,
  MAX_SCROLL_PX,
  maxTopRow,
  pagesOf,
  revealRow,
  rowOffset,
  scrollScale,
  scrollTopFor,
  topRowAt,
  visibleRange,
} from './virtual';

const small: ListGeometry = { count: 1000, rowHeight: 30, viewport: 300 };
const huge: ListGeometry = { count: 11_250_126, rowHeight: 34, viewport: 400 };

describe('virtualiser geometry', () => {
  it('a short list scrolls pixel for pixel', () => {
    expect(contentHeight(small)).toBe(30_000);
    expect(scrollScale(small)).toBe(1);
    expect(topRowAt(small, 300)).toBe(10);
    expect(scrollTopFor(small, 10)).toBe(300);
    expect(maxTopRow(small)).toBe(990);
    expect(topRowAt(small, 1e9)).toBe(990);
    expect(topRowAt(small, -50)).toBe(0);
  });

  it('a list taller than the cap keeps its content under the cap and still reaches every row', () => {
    expect(contentHeight(huge)).toBe(MAX_SCROLL_PX);
    expect(scrollScale(huge)).toBeGreaterThan(40);
    const bottom = contentHeight(huge) - huge.viewport;
    expect(topRowAt(huge, bottom)).toBeCloseTo(maxTopRow(huge), 6);
    // The last row is drawn at the viewport's bottom edge at the end.
    const lastTop = rowOffset(huge, topRowAt(huge, bottom), huge.count - 1);
    expect(lastTop + huge.rowHeight).toBeCloseTo(huge.viewport, 3);
    for (const row of [0, 1, 12345, 5_000_000, maxTopRow(huge)]) {
      expect(topRowAt(huge, scrollTopFor(huge, row))).toBeCloseTo(row, 6);
    }
  });

  it('renders only the rows in view, plus overscan, clamped to the list', () => {
    expect(visibleRange(small, 0, 2)).toEqual({ first: 0, last: 12 });
    expect(visibleRange(small, 10.5, 2)).toEqual({ first: 8, last: 23 });
    expect(visibleRange(small, 990, 2)).toEqual({ first: 988, last: 1000 });
    const r = visibleRange(huge, 7_000_000.25, 3);
    expect(r.last - r.first).toBeLessThan(25);
    expect(visibleRange({ ...small, count: 0 }, 0)).toEqual({ first: 0, last: 0 });
    expect(rowOffset(small, 10.5, 12)).toBe(45);
  });

  it('reveals a row with the least movement and centres one', () => {
    expect(revealRow(small, 10, 12)).toBe(10); // already in view
    expect(revealRow(small, 10, 5)).toBe(5); // above: to the top edge
    expect(revealRow(small, 10, 25)).toBe(16); // below: to the bottom edge (10 rows in view)
    expect(revealRow(small, 10, 999)).toBe(990);
    expect(centreRow(small, 500)).toBe(495.5);
    expect(centreRow(small, 2)).toBe(0);
    expect(centreRow(huge, huge.count - 1)).toBeCloseTo(maxTopRow(huge), 6);
  });

  it('lists the pages a range of rows needs', () => {
    expect(pagesOf(0, 12, 200)).toEqual([0]);
    expect(pagesOf(195, 215, 200)).toEqual([0, 1]);
    expect(pagesOf(400, 400, 200)).toEqual([]);
    expect(pagesOf(399, 401, 200)).toEqual([1, 2]);
  });
});

describe('page cache', () => {
  it('keeps at most maxPages, dropping the least recently used', () => {
    const c = new PageCache<string>(3);
    c.set(1, 'a');
    c.set(2, 'b');
    c.set(3, 'c');
    expect(c.get(1)).toBe('a'); // 1 is now the most recent
    c.set(4, 'd');
    expect(c.size).toBe(3);
    expect(c.has(2)).toBe(false);
    expect([1, 3, 4].every((p) => c.has(p))).toBe(true);
    for (let p = 10; p < 1000; p++) c.set(p, String(p));
    expect(c.size).toBe(3);
    expect(c.get(999)).toBe('999');
  });
});
