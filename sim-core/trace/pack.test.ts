import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { worldDigest } from './hash';
import { pack, unpack } from './pack';
import { toyWorld } from './toy';

const roundTrip = <T>(x: T): T => unpack<T>(pack(x));

describe('pack / unpack', () => {
  it('gives back equal plain data: numbers of every kind, strings, nesting, undefined', () => {
    const x = {
      now: 5,
      big: 2 ** 40 + 0.5,
      neg: -7,
      negZero: -0,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      s: 'héllo',
      list: [1, 2.5, 'x', null, undefined, true, false],
      nested: { z: 1, a: { q: [new Int32Array([-11]), 10n] } },
      gone: undefined,
    };
    const y = roundTrip(x);
    expect(y).toEqual(x);
    expect(Object.is(y.negZero, -0)).toBe(true);
    expect(Object.keys(y)).toEqual(Object.keys(x));
    expect(worldDigest(y)).toBe(worldDigest(x));
  });

  it('keeps holes, shared objects, cycles, and views of one buffer as views of one new buffer', () => {
    const shared = { v: [1, 2] };
    const buf = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const holes = [1, 2, 3];
    delete holes[1];
    const x: Record<string, unknown> = {
      a: shared,
      b: shared,
      holes,
      p: buf.subarray(0, 4),
      q: buf.subarray(4),
      whole: buf,
    };
    x.self = x;
    const y = roundTrip(x);
    expect(worldDigest(y)).toBe(worldDigest(x));
    expect(y.a).toBe(y.b);
    expect(y.self).toBe(y);
    expect(1 in (y.holes as unknown[])).toBe(false);
    const p = y.p as Uint8Array;
    const q = y.q as Uint8Array;
    expect(p.buffer).toBe(q.buffer);
    expect(p.buffer).not.toBe(buf.buffer);
    expect([...q]).toEqual([5, 6, 7, 8]);
    (y.whole as Uint8Array)[5] = 99;
    expect(q[1]).toBe(99);
    expect(buf[5]).toBe(6);
  });

  it('keeps Maps, Sets and typed arrays of every kind', () => {
    const x = {
      m: new Map<unknown, unknown>([
        [1, 'a'],
        ['k', { z: 2 }],
      ]),
      s: new Set([1, 'two']),
      f: new Float64Array([0.5, -0]),
      u: new Uint16Array([65535]),
      d: new DataView(new ArrayBuffer(4)),
    };
    const y = roundTrip(x);
    expect(y.m.get('k')).toEqual({ z: 2 });
    expect([...y.s]).toEqual([1, 'two']);
    expect(Object.is(y.f[1], -0)).toBe(true);
    expect(y.u[0]).toBe(65535);
    expect(y.d).toBeInstanceOf(DataView);
    expect(y.d.byteLength).toBe(4);
    expect(worldDigest(y)).toBe(worldDigest(x));
  });

  it('unpacks a fresh copy every time: changing one changes neither the packed value nor the next copy', () => {
    const w = toyWorld({ seed: 3, blobBytes: 64 });
    const p = pack(w);
    const a = unpack<typeof w>(p);
    (a.events as unknown[]).length = 0;
    a.step = 123;
    const b = unpack<typeof w>(p);
    expect(worldDigest(b)).toBe(worldDigest(w));
  });

  it('round-trips any JSON-like value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(worldDigest(roundTrip({ v }))).toBe(worldDigest({ v }));
      }),
      { numRuns: 200 },
    );
  });

  it('counts what it holds: the bytes of buffers and 4 or 8 per number', () => {
    const small = pack({ b: new Uint8Array(10) }).size;
    const big = pack({ b: new Uint8Array(10_010) }).size;
    expect(big - small).toBe(10_000);
    expect(pack({ x: 0.5 }).size).toBeGreaterThan(pack({ x: 1 }).size);
  });
});
