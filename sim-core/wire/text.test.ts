import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCString, utf8Decode, utf8Encode, writeCString } from './text';

/** Strings over every UTF-8 length class (cheap, unlike fast-check's unit 'binary'). */
function arbText(withSurrogates: boolean): fc.Arbitrary<string> {
  const bmp = withSurrogates
    ? fc.integer({ min: 0x800, max: 0xffff })
    : fc.integer({ min: 0x800, max: 0xf7ff }).map((x) => (x >= 0xd800 ? x + 0x800 : x));
  return fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0x7ff }),
        bmp,
        fc.integer({ min: 0x10000, max: 0x10ffff }),
      ),
      { maxLength: 20, size: 'max' },
    )
    .map((cps) => String.fromCodePoint(...cps));
}

describe('utf8', () => {
  it('encodes like TextEncoder, lone surrogates included', () => {
    const te = new TextEncoder();
    fc.assert(
      fc.property(arbText(true), (a) => {
        expect(utf8Encode(a)).toEqual(te.encode(a));
      }),
      { numRuns: 500 },
    );
    expect(utf8Encode('\ud800x')).toEqual(te.encode('\ud800x'));
  });

  it('decodes like TextDecoder on arbitrary bytes (replacement per maximal subpart)', () => {
    const td = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64, size: 'max' }), (b) => {
        expect(utf8Decode(b)).toBe(td.decode(b));
      }),
      { numRuns: 2000 },
    );
    // Structured near-misses: overlongs, surrogates, > U+10FFFF, truncated sequences.
    const tricky = [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f],
      [0xe2, 0x82],
    ];
    for (const t of tricky) expect(utf8Decode(Uint8Array.from(t))).toBe(td.decode(Uint8Array.from(t)));
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(arbText(false), (s) => {
        expect(utf8Decode(utf8Encode(s))).toBe(s);
      }),
    );
  });

  it('fixed-size NUL-padded fields', () => {
    const buf = new Uint8Array(16).fill(0xaa);
    writeCString(buf, 2, 8, 'nqn.é', 'f');
    expect(Array.from(buf.subarray(2, 10))).toEqual([0x6e, 0x71, 0x6e, 0x2e, 0xc3, 0xa9, 0, 0]);
    expect(buf[10]).toBe(0xaa);
    expect(readCString(buf, 2, 8)).toBe('nqn.é');
    expect(() => writeCString(buf, 0, 8, '12345678', 'f')).toThrow(/8 bytes/);
    expect(() => writeCString(buf, 0, 8, 'a\0b', 'f')).toThrow(/NUL/);
    // a field with no NUL reads to its end, not beyond
    expect(readCString(Uint8Array.from([0x61, 0x62, 0x63, 0x64]), 0, 3)).toBe('abc');
  });
});
