import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteArena } from './arena';
import { parseEthernet } from './ethernet';
import { frameFieldMap } from './field-map';
import { emitFrame, emitFrameInto, type Frame, frameLength, parseFrame } from './frame';
import { IPV4_FLAG_DF, type Ipv4Header, parseIpv4 } from './ipv4';
import { parseTcp, TCP_ACK, TCP_PSH, type TcpHeader, type TcpOptions, tcpHeaderLength } from './tcp';

const u32 = fc.nat({ max: 0xffffffff });
const arbOptions: fc.Arbitrary<TcpOptions> = fc
  .record(
    {
      mss: fc.nat({ max: 0xffff }),
      wscale: fc.nat({ max: 14 }),
      sackPermitted: fc.constant(true as const),
      timestamps: fc.record({ tsval: u32, tsecr: u32 }),
      sack: fc.array(fc.record({ left: u32, right: u32 }), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .filter((o) => tcpHeaderLength(o) <= 60);
const arbIp: fc.Arbitrary<Ipv4Header> = fc.record({
  dscp: fc.nat({ max: 63 }),
  ecn: fc.nat({ max: 3 }),
  identification: fc.nat({ max: 0xffff }),
  flags: fc.constantFrom(0, IPV4_FLAG_DF, 0b100, 0b110),
  fragmentOffset: fc.constant(0),
  ttl: fc.nat({ max: 255 }),
  protocol: fc.constant(6),
  src: u32,
  dst: u32,
});
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
const arbFrame: fc.Arbitrary<Frame> = fc.record({
  eth: fc.record({
    dst: fc.nat({ max: 2 ** 48 - 1 }),
    src: fc.nat({ max: 2 ** 48 - 1 }),
    ethertype: fc.constant(0x0800),
  }),
  ip: arbIp,
  tcp: arbTcp,
  payload: fc.oneof(
    fc.uint8Array({ maxLength: 1448, size: 'max' }),
    fc.array(fc.uint8Array({ maxLength: 200, size: 'max' }), { maxLength: 5 }),
  ),
});

function concat(p: Uint8Array | readonly Uint8Array[]): Uint8Array {
  if (p instanceof Uint8Array) return p;
  const out = new Uint8Array(p.reduce((n, s) => n + s.length, 0));
  let o = 0;
  for (const s of p) {
    out.set(s, o);
    o += s.length;
  }
  return out;
}

const sample: Frame = {
  eth: { dst: 0x001b21aabbcc, src: 0x001b21ddeeff, ethertype: 0x0800 },
  ip: {
    dscp: 0,
    ecn: 0,
    identification: 0x1234,
    flags: IPV4_FLAG_DF,
    fragmentOffset: 0,
    ttl: 64,
    protocol: 6,
    src: 0x0a000001,
    dst: 0x0a000002,
  },
  tcp: {
    srcPort: 40000,
    dstPort: 4420,
    seq: 1,
    ack: 1,
    flags: TCP_ACK | TCP_PSH,
    window: 1000,
    urgent: 0,
    options: { timestamps: { tsval: 10, tsecr: 20 } },
  },
  payload: new Uint8Array(1448).fill(0xab),
};

/** Flip, truncate, extend or overwrite: the mutations a fuzzer applies. */
const arbMutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('extend' as const),
    extra: fc.uint8Array({ minLength: 1, maxLength: 40, size: 'max' }),
  }),
);
type Mutation = typeof arbMutation extends fc.Arbitrary<infer T> ? T : never;
function mutate(b: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let out = b.slice();
  for (const m of ms) {
    if (out.length === 0) break;
    if (m.kind === 'flip') out[m.at % out.length]! ^= 1 << m.bit;
    else if (m.kind === 'set') out[m.at % out.length] = m.value;
    else if (m.kind === 'truncate') out = out.slice(0, m.at % out.length);
    else {
      const e = new Uint8Array(out.length + m.extra.length);
      e.set(out);
      e.set(m.extra, out.length);
      out = e;
    }
  }
  return out;
}

function expectWellFormedResult(r: { ok: boolean; error?: string }): void {
  if (!r.ok) {
    expect(typeof r.error).toBe('string');
    expect(r.error!.length).toBeGreaterThan(0);
  }
}

function expectTiling(
  labels: { offset: number; length: number; name: string }[],
  start: number,
  end: number,
): void {
  let at = start;
  for (const l of labels) {
    expect(l.offset).toBe(at);
    expect(l.length).toBeGreaterThan(0);
    expect(l.name.length).toBeGreaterThan(0);
    at += l.length;
  }
  expect(at).toBe(end);
}

describe('frame', () => {
  it('emits a full-size data frame: 14 + 20 + 32 + 1448 = 1514 bytes with valid checksums', () => {
    const b = emitFrame(sample);
    expect(b.length).toBe(1514);
    expect(frameLength(sample)).toBe(1514);
    expect((b[16]! << 8) | b[17]!).toBe(1500); // IPv4 total length
    const r = parseFrame(b);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ipChecksumOk && r.tcpChecksumOk).toBe(true);
    expect(r.payloadOffset).toBe(66);
    expect(r.value.payload.length).toBe(1448);
    // payload is a view, not a copy
    expect(r.value.payload.buffer).toBe(b.buffer);
    expect(r.value.payload.byteOffset).toBe(b.byteOffset + 66);
  });

  it('pads short frames with zeros to 60 bytes; parse ignores the padding', () => {
    const f: Frame = { ...sample, tcp: { ...sample.tcp, options: {} }, payload: Uint8Array.of(1, 2) };
    const buf = new Uint8Array(80).fill(0xee);
    const n = emitFrameInto(buf, 5, f);
    expect(n).toBe(60);
    expect(Array.from(buf.subarray(5 + 56, 5 + 60))).toEqual([0, 0, 0, 0]);
    expect(buf[4]).toBe(0xee);
    expect(buf[65]).toBe(0xee);
    const r = parseFrame(buf, 5, 65);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.value.payload)).toEqual([1, 2]);
    expect(r.trailerLength).toBe(4);
    expect(r.tcpChecksumOk).toBe(true);
  });

  it('round-trips random frames, payload given whole or as slices', () => {
    fc.assert(
      fc.property(arbFrame, (f) => {
        const b = emitFrame(f);
        const r = parseFrame(b);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.ipChecksumOk).toBe(true);
        expect(r.tcpChecksumOk).toBe(true);
        expect(r.value.eth).toEqual(f.eth);
        expect(r.value.ip).toEqual(f.ip);
        expect(r.value.tcp).toEqual(f.tcp);
        expect(r.value.payload).toEqual(concat(f.payload));
      }),
      { numRuns: 200 },
    );
  });

  it('arena-backed frames are identical to fresh ones and do not overlap', () => {
    const arena = new ByteArena(4096);
    const a = emitFrame(sample, arena);
    const b = emitFrame({ ...sample, tcp: { ...sample.tcp, seq: 2 } }, arena);
    const c = emitFrame(sample, arena); // does not fit: new slab
    expect(a).toEqual(emitFrame(sample));
    expect(c).toEqual(a);
    expect(b.byteOffset >= a.byteOffset + a.length || b.buffer !== a.buffer).toBe(true);
    expect(c.buffer).not.toBe(a.buffer);
    expect(parseFrame(b).ok).toBe(true);
  });

  it('rejects non-IPv4, non-TCP and fragments by name', () => {
    const b = emitFrame(sample);
    const err = (m: (x: Uint8Array) => void) => {
      const x = b.slice();
      m(x);
      const r = parseFrame(x);
      return r.ok ? '' : `${r.error}@${r.offset}`;
    };
    expect(err((x) => x.set([0x86, 0xdd], 12))).toMatch(/ethertype: 0x86dd.*@12/);
    expect(err((x) => (x[23] = 17))).toMatch(/protocol: 17.*@23/);
    expect(err((x) => (x[20] |= 0x20))).toMatch(/fragment.*@20/);
    expect(err((x) => (x[14 + 20 + 12] = 0x30))).toMatch(/tcp.data_offset: 3 .*@46$/);
  });

  it('a flipped payload bit fails the TCP checksum, a flipped IP header bit the IP one', () => {
    const b = emitFrame(sample);
    b[100]! ^= 4;
    const r = parseFrame(b);
    expect(r.ok && !r.tcpChecksumOk && r.ipChecksumOk).toBe(true);
    b[100]! ^= 4;
    b[22]! ^= 1; // TTL
    const r2 = parseFrame(b);
    expect(r2.ok && !r2.ipChecksumOk && r2.tcpChecksumOk).toBe(true);
  });
});

describe('frame field map', () => {
  it('labels a data frame field by field', () => {
    const b = emitFrame(sample);
    const m = frameFieldMap(b);
    expectTiling(m, 0, b.length);
    const names = m.map((l) => l.name);
    expect(names.slice(0, 3)).toEqual(['eth.dst', 'eth.src', 'eth.ethertype']);
    expect(names).toContain('ip.checksum');
    expect(names).toContain('tcp.opt.timestamps');
    expect(m.find((l) => l.name === 'tcp.payload')).toEqual({
      name: 'tcp.payload',
      offset: 66,
      length: 1448,
    });
    expect(m.filter((l) => l.name === 'tcp.opt.nop').length).toBe(2);
  });

  it('labels padding of short frames', () => {
    const b = emitFrame({ ...sample, tcp: { ...sample.tcp, options: {} }, payload: new Uint8Array(0) });
    const m = frameFieldMap(b);
    expectTiling(m, 0, 60);
    expect(m.at(-1)).toEqual({ name: 'eth.padding', offset: 54, length: 6 });
  });
});

describe('fuzz: ethernet / ipv4 / tcp / frame parsers and the frame field map', () => {
  const check = (b: Uint8Array) => {
    for (const off of [0, 1, 14, 34]) {
      expectWellFormedResult(parseEthernet(b, off));
      expectWellFormedResult(parseIpv4(b, off));
      expectWellFormedResult(parseTcp(b, off, b.length, { src: 1, dst: 2 }));
      expectWellFormedResult(parseTcp(b, off));
    }
    const r = parseFrame(b);
    expectWellFormedResult(r);
    if (r.ok) {
      expect(r.payloadOffset + r.value.payload.length + r.trailerLength).toBe(b.length);
    }
    expectTiling(frameFieldMap(b), 0, b.length);
  };

  it('random bytes never make a parser throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200, size: 'max' }), check), { numRuns: 1000 });
  });

  it('mutated valid frames never make a parser throw', () => {
    fc.assert(
      fc.property(arbFrame, fc.array(arbMutation, { minLength: 1, maxLength: 4 }), (f, ms) => {
        check(mutate(emitFrame(f), ms));
      }),
      { numRuns: 1000 },
    );
  });

  it('bad offsets and ranges are errors, not exceptions', () => {
    const b = emitFrame(sample);
    for (const [o, e] of [
      [-1, b.length],
      [0, b.length + 1],
      [10, 5],
      [Number.NaN, 10],
      [0.5, 10],
    ] as const) {
      expectWellFormedResult(parseFrame(b, o, e));
      expect(parseFrame(b, o, e).ok).toBe(false);
      expect(parseTcp(b, o, e).ok).toBe(false);
      expect(() => frameFieldMap(b, o, e)).not.toThrow();
    }
  });
});
