import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkPattern, fillPattern, patternByte, patternWord } from './pattern';

describe('payload pattern', () => {
  it('fillPattern matches patternByte at any offset and alignment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 7 }),
        (cid, off, len, at) => {
          const buf = new Uint8Array(len + 8);
          fillPattern(buf, at, cid, off, len);
          for (let i = 0; i < len; i++) if (buf[at + i] !== patternByte(cid, off + i)) return false;
          return checkPattern(buf, at, cid, off, len) === -1;
        },
      ),
    );
  });

  it('checkPattern finds the exact first wrong byte', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(),
        fc.nat(3),
        (cid, len, pos, at) => {
          const buf = new Uint8Array(len + 4);
          fillPattern(buf, at, cid, 12, len);
          const bad = pos % len;
          buf[at + bad] ^= 0x5a;
          return checkPattern(buf, at, cid, 12, len) === bad;
        },
      ),
    );
  });

  it('distinguishes commands and offsets word by word', () => {
    const seen = new Set<number>();
    for (let cid = 1; cid <= 64; cid++) for (let k = 0; k < 256; k++) seen.add(patternWord(cid, k));
    expect(seen.size).toBe(64 * 256);
    // A copy shifted by one word, or into another command's buffer, is caught.
    const a = new Uint8Array(4096);
    fillPattern(a, 0, 7, 4, 4096);
    expect(checkPattern(a, 0, 7, 0, 4096)).toBe(0);
    expect(checkPattern(a, 0, 8, 4, 4096)).toBeGreaterThanOrEqual(0);
  });
});
