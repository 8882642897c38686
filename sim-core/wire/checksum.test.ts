import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checksumFromSum,
  foldSum,
  internetChecksum,
  onesSum,
  pseudoHeaderSumV4,
  sumVerifies,
  swapSum16,
} from './checksum';

/** Reference: 16-bit big-endian words, end-around carry after every add. */
function refSum16(b: Uint8Array, start = 0, end = b.length): number {
  let s = 0;
  for (let i = start; i < end; i += 2) {
    s += (b[i]! << 8) | (i + 1 < end ? b[i + 1]! : 0);
    s = (s & 0xffff) + (s >>> 16);
  }
  return s;
}

/** Fold by repeated end-around carry, in BigInt to avoid any precision question. */
function refFold(x: number): number {
  let v = BigInt(x);
  while (v > 0xffffn) v = (v & 0xffffn) + (v >> 16n);
  return Number(v);
}

describe('internet checksum', () => {
  it('reproduces the RFC 1071 section 3 example sum', () => {
    // 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 (one's complement, with carries)
    const b = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    expect(foldSum(onesSum(b))).toBe(0xddf2);
    expect(internetChecksum(b)).toBe(0x220d);
  });

  it('matches the reference on random ranges, odd lengths and odd starts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600, size: 'max' }), fc.nat(), fc.nat(), (b, x, y) => {
        const s = x % (b.length + 1);
        const e = s + (y % (b.length - s + 1));
        expect(foldSum(onesSum(b, s, e))).toBe(refSum16(b, s, e));
      }),
      { numRuns: 500 },
    );
  });

  it('handles subarray views (byteOffset != 0)', () => {
    const base = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff);
    const view = base.subarray(3, 150);
    expect(foldSum(onesSum(view))).toBe(refSum16(base, 3, 150));
  });

  it('combines ranges: an odd-position range contributes its byte-swapped sum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200, size: 'max' }), fc.nat(), (b, x) => {
        const cut = x % (b.length + 1);
        let first = foldSum(onesSum(b, 0, cut));
        let second = foldSum(onesSum(b, cut, b.length));
        if (cut % 2 === 1) second = swapSum16(second);
        first = foldSum(first + second);
        expect(first).toBe(refSum16(b));
      }),
      { numRuns: 300 },
    );
  });

  it('folds sums far beyond 32 bits', () => {
    expect(foldSum(2 ** 52 + 5)).toBe(refFold(2 ** 52 + 5));
    expect(foldSum(0x1_0000_0000)).toBe(1);
    expect(foldSum(0x1_ffff_fffe)).toBe(refFold(0x1_ffff_fffe));
  });

  it('stays exact over ranges larger than the internal folding chunk', () => {
    const b = new Uint8Array((5 << 20) + 3).fill(0xff);
    // all-ones words sum to 0xffff; the odd trailing 0xff adds 0xff00
    expect(foldSum(onesSum(b))).toBe(0xff00);
    expect(foldSum(onesSum(b, 0, b.length - 1))).toBe(0xffff);
    const c = Uint8Array.from({ length: (4 << 20) + 17 }, (_, i) => (i * 131) & 0xff);
    expect(foldSum(onesSum(c))).toBe(refSum16(c));
  });

  it('a buffer with its checksum written in verifies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 100, size: 'max' }), (raw) => {
        const b = raw.length % 2 ? Uint8Array.of(...raw, 0) : raw.slice();
        b[0] = 0;
        b[1] = 0;
        const c = internetChecksum(b);
        b[0] = c >>> 8;
        b[1] = c & 0xff;
        expect(sumVerifies(onesSum(b))).toBe(true);
        expect(checksumFromSum(onesSum(b))).toBe(0);
      }),
    );
  });

  it('pseudo-header sum equals the sum of the 12 pseudo-header bytes', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffff }),
        (src, dst, len) => {
          const ph = Uint8Array.of(
            src >>> 24,
            (src >>> 16) & 255,
            (src >>> 8) & 255,
            src & 255,
            dst >>> 24,
            (dst >>> 16) & 255,
            (dst >>> 8) & 255,
            dst & 255,
            0,
            6,
            len >>> 8,
            len & 255,
          );
          expect(foldSum(pseudoHeaderSumV4(src, dst, 6, len))).toBe(refSum16(ph));
        },
      ),
    );
  });
});
