import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PCAP_MAGIC_USEC, parsePcap, pcapWriter } from './pcap';

/** Flip/set/truncate/extend mutations, as in the frame fuzz tests. */
function mutate(b: Uint8Array, ops: readonly [number, number, number][]): Uint8Array {
  let out = b.slice();
  for (const [kind, at, v] of ops) {
    if (out.length === 0) break;
    const i = at % out.length;
    if (kind === 0) out[i]! ^= 1 << (v & 7);
    else if (kind === 1) out[i] = v & 0xff;
    else if (kind === 2) out = out.slice(0, i);
    else {
      const e = new Uint8Array(out.length + (v % 40) + 1).fill(v & 0xff);
      e.set(out);
      out = e;
    }
  }
  return out;
}

describe('pcap writer', () => {
  it('writes the nanosecond little-endian global header with LINKTYPE_ETHERNET and snaplen 262144', () => {
    const w = pcapWriter();
    const f = w.finish();
    expect(Array.from(f)).toEqual([
      0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
    ]);
  });

  it('writes record headers: seconds, nanoseconds, incl_len, orig_len', () => {
    const w = pcapWriter();
    w.add(1_500_000_123, Uint8Array.of(9, 8, 7));
    w.add(3n * 1_000_000_000n + 5n, Uint8Array.of(1));
    const f = w.finish();
    expect(w.count).toBe(2);
    expect(Array.from(f.subarray(24, 24 + 19))).toEqual([
      1, 0, 0, 0, 0x7b, 0x65, 0xcd, 0x1d, 3, 0, 0, 0, 3, 0, 0, 0, 9, 8, 7,
    ]);
    const r = parsePcap(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.packets.map((p) => [p.tsSec, p.tsNsec])).toEqual([
      [1, 500_000_123],
      [3, 5],
    ]);
  });

  it('copies frames (later changes to the caller buffer do not leak in)', () => {
    const w = pcapWriter();
    const frame = Uint8Array.of(1, 2, 3);
    w.add(0, frame);
    frame[0] = 99;
    const r = parsePcap(w.finish());
    expect(r.ok && r.packets[0]!.data[0]).toBe(1);
  });

  it('truncates to snaplen, keeping orig_len', () => {
    const w = pcapWriter({ snaplen: 4 });
    w.add(0, Uint8Array.of(1, 2, 3, 4, 5, 6));
    const r = parsePcap(w.finish());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.header.snaplen).toBe(4);
    expect(Array.from(r.packets[0]!.data)).toEqual([1, 2, 3, 4]);
    expect(r.packets[0]!.origLen).toBe(6);
  });

  it('rejects negative, fractional and out-of-range times', () => {
    const w = pcapWriter();
    expect(() => w.add(-1, new Uint8Array(1))).toThrow(RangeError);
    expect(() => w.add(1.5, new Uint8Array(1))).toThrow(RangeError);
    expect(() => w.add(2n ** 32n * 1_000_000_000n, new Uint8Array(1))).toThrow(RangeError);
  });

  it('round-trips random captures; chunks concatenate to the same file', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.uint8Array({ maxLength: 100, size: 'max' })),
          {
            maxLength: 10,
          },
        ),
        (pkts) => {
          const w = pcapWriter();
          const ok = pkts.filter(([t]) => t < 2 ** 32 * 1e9);
          for (const [t, d] of ok) w.add(t, d);
          const f = w.finish();
          const joined = new Uint8Array(w.chunks().reduce((n, c) => n + c.length, 0));
          let o = 0;
          for (const c of w.chunks()) {
            joined.set(c, o);
            o += c.length;
          }
          expect(joined).toEqual(f);
          const r = parsePcap(f);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.packets.length).toBe(ok.length);
          r.packets.forEach((p, i) => {
            const [t, d] = ok[i]!;
            expect(BigInt(p.tsSec) * 1_000_000_000n + BigInt(p.tsNsec)).toBe(BigInt(t));
            expect(p.data).toEqual(d);
            expect(p.origLen).toBe(d.length);
          });
        },
      ),
    );
  });
});

describe('pcap reader', () => {
  it('reads microsecond and big-endian files', () => {
    const be = new Uint8Array(24 + 16 + 2);
    const dv = new DataView(be.buffer);
    dv.setUint32(0, PCAP_MAGIC_USEC);
    dv.setUint16(4, 2);
    dv.setUint16(6, 4);
    dv.setUint32(16, 65535);
    dv.setUint32(20, 1);
    dv.setUint32(24, 7);
    dv.setUint32(28, 250);
    dv.setUint32(32, 2);
    dv.setUint32(36, 60);
    const r = parsePcap(be);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.header.bigEndian && !r.header.nanosecond).toBe(true);
    expect(r.packets[0]).toMatchObject({ tsSec: 7, tsNsec: 250_000, origLen: 60 });
    expect(r.packets[0]!.data.length).toBe(2);
  });

  it('names the bad field', () => {
    const w = pcapWriter();
    w.add(1, Uint8Array.of(1, 2, 3, 4));
    const good = w.finish();
    const err = (b: Uint8Array) => {
      const r = parsePcap(b);
      return r.ok ? '' : r.error;
    };
    const badMagic = good.slice();
    badMagic[0] = 0;
    expect(err(badMagic)).toMatch(/magic/);
    expect(err(good.subarray(0, 20))).toMatch(/truncated global header/);
    expect(err(good.subarray(0, 30))).toMatch(/record\[0\]: truncated record header/);
    expect(err(good.subarray(0, good.length - 1))).toMatch(/record\[0\].incl_len: 4, but only 3/);
    const badFrac = good.slice();
    new DataView(badFrac.buffer).setUint32(28, 1_000_000_000, true);
    expect(err(badFrac)).toMatch(/ts_frac/);
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(32, 0x7fffffff, true);
    expect(err(huge)).toMatch(/incl_len: 2147483647 exceeds/);
    const badVersion = good.slice();
    badVersion[4] = 3;
    expect(err(badVersion)).toMatch(/version_major: 3/);
  });

  it('fuzz: random bytes and mutated captures never throw; ok results stay in bounds', () => {
    const w = pcapWriter();
    for (let i = 0; i < 5; i++) w.add(i * 1000, new Uint8Array(20 + i).fill(i));
    const good = w.finish();
    const check = (b: Uint8Array) => {
      const r = parsePcap(b);
      if (!r.ok) {
        expect(r.error.length).toBeGreaterThan(0);
        return;
      }
      for (const p of r.packets) {
        expect(p.data.byteOffset + p.data.length).toBeLessThanOrEqual(b.byteOffset + b.length);
        expect(p.tsNsec).toBeLessThan(1e9);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120, size: 'max' }), check), { numRuns: 1000 });
    // Random bytes behind a valid magic reach the record parser.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120, size: 'max' }), (tail) => {
        const b = new Uint8Array(24 + tail.length);
        b.set(good.subarray(0, 24));
        b.set(tail, 24);
        check(b);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat(), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (ops) => check(mutate(good, ops)),
      ),
      { numRuns: 1000 },
    );
  });
});
