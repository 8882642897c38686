import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitEthernet, ETHERTYPE_IPV4, macFromString, macToString, parseEthernet } from './ethernet';

describe('ethernet', () => {
  it('emits dst, src, ethertype in wire order', () => {
    const b = emitEthernet({
      dst: macFromString('00:1b:21:aa:bb:cc')!,
      src: 0x0242ac110002,
      ethertype: ETHERTYPE_IPV4,
    });
    expect(Array.from(b)).toEqual([
      0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0x08, 0x00,
    ]);
  });

  it('round-trips random headers, including 48-bit MACs above 2^32', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 48 - 1 }),
        fc.nat({ max: 2 ** 48 - 1 }),
        fc.nat({ max: 0xffff }),
        (dst, src, ethertype) => {
          const r = parseEthernet(emitEthernet({ dst, src, ethertype }));
          expect(r.ok && r.value).toEqual({ dst, src, ethertype });
          expect(macFromString(macToString(dst))).toBe(dst);
        },
      ),
    );
  });

  it('reports truncation and bad offsets without throwing', () => {
    const r = parseEthernet(new Uint8Array(13));
    expect(!r.ok && r.error).toMatch(/truncated/);
    expect(parseEthernet(new Uint8Array(20), -1).ok).toBe(false);
    expect(parseEthernet(new Uint8Array(20), 1.5).ok).toBe(false);
    expect(macFromString('00:11:22:33:44')).toBeUndefined();
    expect(macFromString('00:11:22:33:44:zz')).toBeUndefined();
  });
});
