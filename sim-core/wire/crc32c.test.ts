import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRC32C_INIT, crc32c, crc32cFinal, crc32cUpdate } from './crc32c';

/** Bit-at-a-time reference, straight from the definition. */
function crc32cBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const fromHex = (h: string) => Uint8Array.from(h.match(/[0-9a-f]{2}/gi)!, (x) => Number.parseInt(x, 16));

describe('crc32c', () => {
  it('matches the RFC 3720 appendix B.4 vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    const iscsiRead = fromHex(
      '01c00000000000000000000000000000' +
        '14000000000004000000001400000018' +
        '28000000000000000200000000000000',
    );
    expect(iscsiRead.length).toBe(48);
    expect(crc32c(iscsiRead)).toBe(0xd9963a56);
  });

  it('gives the standard check value for "123456789"', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('is 0 for no bytes and honours start/end', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const b = ascii('xx123456789yy');
    expect(crc32c(b, 2, 11)).toBe(0xe3069283);
    expect(crc32c(b, 5, 5)).toBe(0);
  });

  it('rejects ranges outside the buffer', () => {
    expect(() => crc32c(new Uint8Array(4), 0, 5)).toThrow(RangeError);
    expect(() => crc32c(new Uint8Array(4), 3, 2)).toThrow(RangeError);
    expect(() => crc32c(new Uint8Array(4), -1)).toThrow(RangeError);
  });

  it('agrees with the bitwise reference on random data (all tail lengths)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300, size: 'max' }), (b) => {
        expect(crc32c(b)).toBe(crc32cBitwise(b));
      }),
      { numRuns: 400 },
    );
  });

  it('incremental updates over random splits equal the one-shot value', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000, size: 'max' }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (b, cutsRaw) => {
          const cuts = [0, ...cutsRaw.map((c) => c % (b.length + 1)).sort((x, y) => x - y), b.length];
          let state = CRC32C_INIT;
          let chained = 0;
          for (let i = 0; i + 1 < cuts.length; i++) {
            state = crc32cUpdate(state, b, cuts[i]!, cuts[i + 1]!);
            // zlib-style continuation through `init` must agree as well
            chained = crc32c(b, cuts[i]!, cuts[i + 1]!, chained);
          }
          expect(crc32cFinal(state)).toBe(crc32c(b));
          expect(chained).toBe(crc32c(b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('incremental over separate buffers (iovecs) equals the digest of their concatenation', () => {
    const a = ascii('1234');
    const b = ascii('56789');
    expect(crc32cFinal(crc32cUpdate(crc32cUpdate(CRC32C_INIT, a), b))).toBe(0xe3069283);
  });

  it('is fast enough for megabytes (slicing-by-8)', () => {
    const big = new Uint8Array(8 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    crc32c(big.subarray(0, 1 << 20)); // warm up
    const t0 = performance.now();
    const v = crc32c(big);
    const ms = performance.now() - t0;
    const half = big.length >> 1;
    expect(v).toBe(crc32c(big, half, big.length, crc32c(big, 0, half)));
    // Generous bound (~40 MB/s) so a loaded CI machine passes; typical is > 500 MB/s.
    expect(ms).toBeLessThan(200);
  });
});
