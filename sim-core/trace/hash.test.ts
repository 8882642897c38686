import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ColumnarTrace, type TraceRow } from './columns';
import { hashRows, worldDigest } from './hash';
import { deepClone } from './clone';

const rowArb = fc.record({
  t: fc.nat({ max: 2 ** 40 }),
  code: fc.integer({ min: 0, max: 0xffff }),
  obj: fc.integer({ min: 0, max: 0xffffffff }),
  a: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  b: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
});

function hashOf(rows: readonly TraceRow[], chunkRows = 8): string {
  const tr = new ColumnarTrace({ chunkRows });
  for (const r of rows) tr.push(r.t, r.code, r.obj, r.a, r.b);
  return tr.traceHash;
}

const COLS = ['t', 'code', 'obj', 'a', 'b'] as const;

describe('trace hash', () => {
  it('changes when any column of any row changes', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...COLS),
        fc.integer({ min: 1, max: 0xffff }),
        (rows, pick, col, delta) => {
          const i = pick % rows.length;
          const changed = rows.map((r) => ({ ...r }));
          const r = changed[i]!;
          // A different value that the column can store.
          if (col === 't') r.t += delta;
          else if (col === 'code') r.code = (r.code + delta) & 0xffff;
          else if (col === 'obj') r.obj = (r.obj + delta) >>> 0;
          else r[col] = (r[col] + delta) | 0;
          expect(hashOf(changed)).not.toBe(hashOf(rows));
        },
      ),
    );
  });

  it('notices high bits and the upper word of t', () => {
    const base = [{ t: 1, code: 2, obj: 3, a: 4, b: 5 }];
    const h = hashOf(base);
    expect(hashOf([{ ...base[0]!, t: 1 + 2 ** 32 }])).not.toBe(h);
    expect(hashOf([{ ...base[0]!, obj: 3 + 2 ** 31 }])).not.toBe(h);
    expect(hashOf([{ ...base[0]!, b: 5 | (1 << 31) }])).not.toBe(h);
  });

  it('changes when rows are swapped, added or removed', () => {
    const rows = [
      { t: 1, code: 2, obj: 3, a: 4, b: 5 },
      { t: 1, code: 3, obj: 3, a: 4, b: 5 },
    ];
    const h = hashOf(rows);
    expect(hashOf([rows[1]!, rows[0]!])).not.toBe(h);
    expect(hashOf(rows.slice(0, 1))).not.toBe(h);
    expect(hashOf([...rows, { t: 0, code: 0, obj: 0, a: 0, b: 0 }])).not.toBe(h);
    expect(hashOf([])).not.toBe(hashOf([{ t: 0, code: 0, obj: 0, a: 0, b: 0 }]));
  });

  it('is stable: same rows give the same hash whatever the chunk size, and after the fact', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.constantFrom(1, 2, 16, 1024), (rows, chunkRows) => {
        const tr = new ColumnarTrace({ chunkRows });
        for (const r of rows) tr.push(r.t, r.code, r.obj, r.a, r.b);
        expect(tr.traceHash).toBe(hashOf(rows, 64));
        expect(hashRows(tr.chunkViews())).toBe(tr.traceHash);
        expect(hashRows([tr.rowsWindow(0, tr.length)])).toBe(tr.traceHash);
        expect(tr.traceHash).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });

  it('hashes what is stored: a value that wraps hashes like its stored form', () => {
    expect(hashOf([{ t: 1, code: 0x10005, obj: -1, a: 2 ** 32 + 7, b: 0 }])).toBe(
      hashOf([{ t: 1, code: 5, obj: 0xffffffff, a: 7, b: 0 }]),
    );
  });
});

describe('worldDigest', () => {
  const sample = () => ({
    now: 5,
    list: [1, 2.5, 'x', null, undefined, true],
    bytes: new Uint8Array([1, 2, 3, 4, 5]),
    f: new Float64Array([0.5, -0]),
    nested: { z: 1, a: { q: [new Int32Array([-11])] } },
  });

  it('is the same for a clone and for any key order', () => {
    const x = sample();
    expect(worldDigest(deepClone(x))).toBe(worldDigest(x));
    const reordered = { nested: x.nested, f: x.f, bytes: x.bytes, list: x.list, now: x.now };
    expect(worldDigest(reordered)).toBe(worldDigest(x));
  });

  it('changes with any byte of a typed array, any number, or a type', () => {
    const h = worldDigest(sample());
    const a = sample();
    a.bytes[4] = 6;
    expect(worldDigest(a)).not.toBe(h);
    const b = sample();
    b.f[1] = 0; // -0 and 0 differ
    expect(worldDigest(b)).not.toBe(h);
    const c = sample();
    (c.nested.a.q[0] as Int32Array)[0] = -12;
    expect(worldDigest(c)).not.toBe(h);
    const d = sample() as Record<string, unknown>;
    d.bytes = new Int8Array([1, 2, 3, 4, 5]);
    expect(worldDigest(d)).not.toBe(h);
    const e = sample() as Record<string, unknown>;
    e.now = '5';
    expect(worldDigest(e)).not.toBe(h);
    const f = sample();
    f.list[4] = null;
    expect(worldDigest(f)).not.toBe(h);
  });

  it('sees aliasing: one shared object differs from two equal copies', () => {
    const shared = { v: [1, 2] };
    const one = { x: shared, y: shared };
    const two = { x: { v: [1, 2] }, y: { v: [1, 2] } };
    expect(worldDigest(one)).not.toBe(worldDigest(two));
    expect(worldDigest(deepClone(one))).toBe(worldDigest(one));
    const buf = new Uint8Array(8);
    const views = { p: buf.subarray(0, 4), q: buf.subarray(4) };
    const apart = { p: new Uint8Array(4), q: new Uint8Array(4) };
    expect(worldDigest(views)).not.toBe(worldDigest(apart));
    expect(worldDigest(deepClone(views))).toBe(worldDigest(views));
  });

  it('handles cycles', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    expect(worldDigest(deepClone(a))).toBe(worldDigest(a));
  });

  it('refuses what a keyframe cannot hold, naming the path', () => {
    class Skb {
      len = 1;
    }
    expect(() => worldDigest({ q: [new Skb()] })).toThrow(/Skb at \$\.q\[0\]/);
    expect(() => worldDigest({ f: () => 1 })).toThrow(/function at \$\.f/);
  });
});
