import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emitTcp,
  parseTcp,
  TCP_ACK,
  TCP_PSH,
  TCP_SYN,
  type TcpHeader,
  type TcpOptions,
  tcpFlagsToString,
  tcpHeaderLength,
} from './tcp';

/** Reference TCP checksum: build the pseudo-header bytes, sum words naively. */
function refTcpChecksum(src: number, dst: number, segment: Uint8Array): number {
  const len = segment.length;
  const all = new Uint8Array(12 + len + (len & 1));
  const dv = new DataView(all.buffer);
  dv.setUint32(0, src);
  dv.setUint32(4, dst);
  all[9] = 6;
  dv.setUint16(10, len);
  all.set(segment, 12);
  all[12 + 16] = 0; // checksum field counts as zero
  all[12 + 17] = 0;
  let s = 0;
  for (let i = 0; i < all.length; i += 2) s += dv.getUint16(i);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

const u32 = fc.nat({ max: 0xffffffff });
const arbOptions: fc.Arbitrary<TcpOptions> = fc
  .record(
    {
      mss: fc.nat({ max: 0xffff }),
      wscale: fc.nat({ max: 14 }),
      sackPermitted: fc.constant(true as const),
      timestamps: fc.record({ tsval: u32, tsecr: u32 }),
      sack: fc.array(fc.record({ left: u32, right: u32 }), { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: [] },
  )
  .filter((o) => tcpHeaderLength(o) <= 60);

const arbTcp: fc.Arbitrary<TcpHeader> = fc.record({
  srcPort: fc.nat({ max: 0xffff }),
  dstPort: fc.nat({ max: 0xffff }),
  seq: u32,
  ack: u32,
  flags: fc.nat({ max: 0xfff }),
  window: fc.nat({ max: 0xffff }),
  urgent: fc.nat({ max: 0xffff }),
  options: arbOptions,
});

const base: TcpHeader = {
  srcPort: 51000,
  dstPort: 4420,
  seq: 1000,
  ack: 2000,
  flags: TCP_ACK,
  window: 502,
  urgent: 0,
  options: {},
};

describe('tcp', () => {
  it('lays out SYN options like Linux: MSS, SACK-perm+TS, NOP+WS (40-byte header)', () => {
    const h: TcpHeader = {
      ...base,
      flags: TCP_SYN,
      options: { mss: 1460, sackPermitted: true, timestamps: { tsval: 0x01020304, tsecr: 0 }, wscale: 7 },
    };
    const b = emitTcp(h, new Uint8Array(0), 0x0a000001, 0x0a000002);
    expect(b.length).toBe(40);
    expect(b[12]! >>> 4).toBe(10);
    expect(Array.from(b.subarray(20))).toEqual([
      2, 4, 0x05, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7,
    ]);
  });

  it('data segments with timestamps have a 32-byte header: 1460 - 12 = 1448 payload bytes per MSS', () => {
    const h: TcpHeader = {
      ...base,
      flags: TCP_ACK | TCP_PSH,
      options: { timestamps: { tsval: 5, tsecr: 6 } },
    };
    expect(tcpHeaderLength(h.options)).toBe(32);
    const b = emitTcp(h, new Uint8Array(1448), 1, 2);
    expect(Array.from(b.subarray(20, 24))).toEqual([1, 1, 8, 10]);
    expect(b.length - 32).toBe(1460 - 12);
  });

  it('SACK blocks follow NOP,NOP and come after the timestamps', () => {
    const h: TcpHeader = {
      ...base,
      options: { timestamps: { tsval: 1, tsecr: 2 }, sack: [{ left: 0x10, right: 0x20 }] },
    };
    const b = emitTcp(h, new Uint8Array(0), 1, 2);
    expect(Array.from(b.subarray(32, 36))).toEqual([1, 1, 5, 10]);
    expect(b.length).toBe(44);
  });

  it('checksum equals an independent reference, and parse verifies it', () => {
    fc.assert(
      fc.property(
        arbTcp,
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        u32,
        u32,
        (h, payload, src, dst) => {
          const seg = emitTcp(h, payload, src, dst);
          const field = (seg[16]! << 8) | seg[17]!;
          expect(field).toBe(refTcpChecksum(src, dst, seg));
          const r = parseTcp(seg, 0, seg.length, { src, dst });
          expect(r.ok && r.checksumOk).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips random headers and options', () => {
    fc.assert(
      fc.property(arbTcp, fc.uint8Array({ maxLength: 64, size: 'max' }), (h, payload) => {
        const seg = emitTcp(h, payload, 7, 9);
        const r = parseTcp(seg, 0, seg.length, { src: 7, dst: 9 });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toEqual(h);
        expect(r.headerLength).toBe(tcpHeaderLength(h.options));
        expect(Array.from(seg.subarray(r.payloadOffset))).toEqual(Array.from(payload));
      }),
      { numRuns: 300 },
    );
  });

  it('detects a corrupted segment, or the wrong addresses', () => {
    const seg = emitTcp(base, Uint8Array.of(1, 2, 3), 1, 2);
    seg[seg.length - 1]! ^= 0x40;
    const r = parseTcp(seg, 0, seg.length, { src: 1, dst: 2 });
    expect(r.ok && r.checksumOk).toBe(false);
    seg[seg.length - 1]! ^= 0x40;
    const r2 = parseTcp(seg, 0, seg.length, { src: 1, dst: 3 });
    expect(r2.ok && r2.checksumOk).toBe(false);
    const r3 = parseTcp(seg);
    expect(r3.ok && r3.checksumOk).toBeUndefined();
  });

  it('refuses to emit more than 40 bytes of options', () => {
    const h: TcpHeader = {
      ...base,
      options: {
        mss: 1,
        timestamps: { tsval: 1, tsecr: 1 },
        sack: [1, 2, 3].map((x) => ({ left: x, right: x })),
      },
    };
    expect(() => emitTcp(h, new Uint8Array(0), 1, 2)).toThrow(RangeError);
  });

  it('names the bad field on malformed headers and options', () => {
    const seg = emitTcp({ ...base, options: { mss: 1460 } }, new Uint8Array(0), 1, 2);
    const err = (mutate: (b: Uint8Array) => void) => {
      const b = seg.slice();
      mutate(b);
      const r = parseTcp(b);
      return r.ok ? '' : r.error;
    };
    expect(err((b) => (b[12] = 0x40))).toMatch(/data_offset: 4/);
    expect(err((b) => (b[12] = 0xf0))).toMatch(/data_offset.*60/);
    expect(err((b) => (b[21] = 3))).toMatch(/mss.length: 3/);
    expect(err((b) => (b[21] = 9))).toMatch(/mss.length: 9/);
    expect(err((b) => (b[21] = 1))).toMatch(/mss.length: 1/);
    expect(err((b) => b.set([1, 1, 1, 77], 20))).toMatch(/kind 77 has no length/);
    // EOL ends the option list; what follows is ignored
    expect(err((b) => (b[20] = 0))).toBe('');
    const r = parseTcp(seg.subarray(0, 19));
    expect(!r.ok && r.error).toMatch(/truncated/);
  });

  it('renders flags', () => {
    expect(tcpFlagsToString(TCP_SYN | TCP_ACK)).toBe('SYN,ACK');
    expect(tcpFlagsToString(0x100)).toBe('AE');
  });
});
