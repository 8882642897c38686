import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BYTES_PER_ROW, ColumnarTrace, type TraceRow } from './columns';

const rowArb = fc.record({
  t: fc.nat({ max: 2 ** 40 }),
  code: fc.integer({ min: 0, max: 0xffff }),
  obj: fc.integer({ min: 0, max: 0xffffffff }),
  a: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  b: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
});

function fill(rows: readonly TraceRow[], chunkRows: number): ColumnarTrace {
  const tr = new ColumnarTrace({ chunkRows });
  for (const r of rows) tr.push(r.t, r.code, r.obj, r.a, r.b);
  return tr;
}

describe('ColumnarTrace push / row', () => {
  it('gives back every row as pushed, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 70 }), fc.constantFrom(1, 2, 8, 16), (rows, chunkRows) => {
        const tr = fill(rows, chunkRows);
        expect(tr.length).toBe(rows.length);
        for (let i = 0; i < rows.length; i++) expect(tr.row(i)).toEqual(rows[i]);
      }),
    );
  });

  it('keeps the rows on both sides of a chunk boundary apart', () => {
    const tr = new ColumnarTrace({ chunkRows: 4 });
    for (let i = 0; i < 9; i++) tr.push(i * 10, i, i + 100, -i, i * 2);
    expect(tr.row(3)).toEqual({ t: 30, code: 3, obj: 103, a: -3, b: 6 });
    expect(tr.row(4)).toEqual({ t: 40, code: 4, obj: 104, a: -4, b: 8 });
    expect(tr.row(8)).toEqual({ t: 80, code: 8, obj: 108, a: -8, b: 16 });
    expect(tr.bytesUsed).toBe(3 * 4 * BYTES_PER_ROW);
    expect(tr.rowBytes).toBe(9 * BYTES_PER_ROW);
  });

  it('stores a and b as int32 and obj as uint32 (values outside wrap, as documented)', () => {
    const tr = new ColumnarTrace({ chunkRows: 2 });
    tr.push(5, 1, 7, -11, -1);
    tr.push(6, 0x1_0002, 0xffffffff, 0xfffffff0, 2 ** 31);
    tr.push(7, 2, -1, 3.9, 2 ** 32 + 5);
    expect(tr.row(0)).toEqual({ t: 5, code: 1, obj: 7, a: -11, b: -1 });
    // A TCP sequence number above 2^31 comes back negative; >>> 0 recovers it.
    expect(tr.row(1)).toEqual({ t: 6, code: 2, obj: 0xffffffff, a: -16, b: -(2 ** 31) });
    expect(tr.row(1).b >>> 0).toBe(2 ** 31);
    expect(tr.row(2)).toEqual({ t: 7, code: 2, obj: 0xffffffff, a: 3, b: 5 });
  });

  it('keeps nanosecond times exact beyond 32 bits', () => {
    const tr = new ColumnarTrace();
    const t = 2 ** 52 + 3;
    tr.push(t, 1, 2, 3, 4);
    expect(tr.tAt(0)).toBe(t);
    expect(tr.codeAt(0)).toBe(1);
  });

  it('rejects rows out of range and bad chunk sizes', () => {
    const tr = new ColumnarTrace({ chunkRows: 4 });
    tr.push(1, 1, 1, 1, 1);
    expect(() => tr.row(1)).toThrow(RangeError);
    expect(() => tr.row(-1)).toThrow(RangeError);
    expect(() => tr.row(0.5)).toThrow(RangeError);
    expect(() => new ColumnarTrace({ chunkRows: 3 })).toThrow(RangeError);
    expect(() => new ColumnarTrace({ chunkRows: 0 })).toThrow(RangeError);
  });

  it('allocates nothing before the first row', () => {
    expect(new ColumnarTrace().bytesUsed).toBe(0);
  });
});

describe('ColumnarTrace window', () => {
  it('slices any range into fresh columns equal to the rows', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 40 }),
        fc.constantFrom(1, 4, 8, 64),
        fc.integer({ min: -5, max: 45 }),
        fc.integer({ min: -5, max: 45 }),
        (rows, chunkRows, x, y) => {
          const tr = fill(rows, chunkRows);
          const w = tr.rowsWindow(x, y);
          const lo = Math.max(0, Math.min(x, rows.length));
          const hi = Math.max(lo, Math.min(y, rows.length));
          expect(w.from).toBe(lo);
          expect(w.length).toBe(hi - lo);
          for (const col of [w.t, w.code, w.obj, w.a, w.b]) {
            expect(col.length).toBe(hi - lo);
            // Its own buffer: transferable without detaching the trace's chunks.
            expect(col.byteOffset).toBe(0);
            expect(col.buffer.byteLength).toBe(col.byteLength);
          }
          for (let i = 0; i < w.length; i++) {
            expect({ t: w.t[i], code: w.code[i], obj: w.obj[i], a: w.a[i], b: w.b[i] }).toEqual(rows[lo + i]);
          }
        },
      ),
    );
  });

  it('is a copy: changing it leaves the trace alone', () => {
    const tr = new ColumnarTrace({ chunkRows: 2 });
    for (let i = 0; i < 5; i++) tr.push(i, i, i, i, i);
    const w = tr.rowsWindow(1, 4);
    w.a[0] = 99;
    w.t[2] = 99;
    expect(tr.row(1).a).toBe(1);
    expect(tr.row(3).t).toBe(3);
  });
});

describe('ColumnarTrace chunkViews and time search', () => {
  it('covers all rows in order, without copies', () => {
    const tr = new ColumnarTrace({ chunkRows: 4 });
    for (let i = 0; i < 10; i++) tr.push(i, i, i, i, i);
    const views = [...tr.chunkViews()];
    expect(views.map((v) => [v.from, v.length])).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
    expect([...views[2]!.obj]).toEqual([8, 9]);
  });

  it('finds the first row at or after a time', () => {
    const tr = new ColumnarTrace({ chunkRows: 2 });
    for (const t of [0, 10, 10, 10, 25, 40]) tr.push(t, 1, 0, 0, 0);
    expect(tr.firstStepAtOrAfter(-1)).toBe(0);
    expect(tr.firstStepAtOrAfter(10)).toBe(1);
    expect(tr.firstStepAtOrAfter(11)).toBe(4);
    expect(tr.firstStepAtOrAfter(40)).toBe(5);
    expect(tr.firstStepAtOrAfter(41)).toBe(6);
  });
});
