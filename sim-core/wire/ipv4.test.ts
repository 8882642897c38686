import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emitIpv4,
  emitIpv4Into,
  IPV4_FLAG_DF,
  type Ipv4Header,
  ipv4FromString,
  ipv4ToString,
  parseIpv4,
} from './ipv4';

const fromHex = (h: string) => Uint8Array.from(h.match(/[0-9a-f]{2}/gi)!, (x) => Number.parseInt(x, 16));

const arbIpv4: fc.Arbitrary<Ipv4Header> = fc.record({
  dscp: fc.nat({ max: 63 }),
  ecn: fc.nat({ max: 3 }),
  identification: fc.nat({ max: 0xffff }),
  flags: fc.nat({ max: 7 }),
  fragmentOffset: fc.nat({ max: 0x1fff }),
  ttl: fc.nat({ max: 255 }),
  protocol: fc.nat({ max: 255 }),
  src: fc.nat({ max: 0xffffffff }),
  dst: fc.nat({ max: 0xffffffff }),
});

describe('ipv4', () => {
  it('emits a well-known header byte for byte, checksum b861', () => {
    // The classic worked example (UDP, 192.168.0.1 -> 192.168.0.199, total length 0x73).
    const h: Ipv4Header = {
      dscp: 0,
      ecn: 0,
      identification: 0,
      flags: IPV4_FLAG_DF,
      fragmentOffset: 0,
      ttl: 64,
      protocol: 17,
      src: ipv4FromString('192.168.0.1')!,
      dst: ipv4FromString('192.168.0.199')!,
    };
    expect(emitIpv4(h, 0x73 - 20)).toEqual(
      fromHex('450000730000400040 11b861c0a80001c0a800c7'.replace(/ /g, '')),
    );
  });

  it('parses it back and verifies the checksum; a flipped bit fails it', () => {
    const b = fromHex('45000073000040004011b861c0a80001c0a800c7');
    const padded = new Uint8Array(0x73);
    padded.set(b);
    const r = parseIpv4(padded);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.checksumOk).toBe(true);
    expect(r.checksum).toBe(0xb861);
    expect(r.totalLength).toBe(0x73);
    expect(r.payloadLength).toBe(0x73 - 20);
    expect(ipv4ToString(r.value.dst)).toBe('192.168.0.199');
    padded[8] ^= 1;
    const r2 = parseIpv4(padded);
    expect(r2.ok && r2.checksumOk).toBe(false);
  });

  it('round-trips random headers with a correct checksum', () => {
    fc.assert(
      fc.property(arbIpv4, fc.nat({ max: 200 }), fc.nat({ max: 8 }), (h, plen, at) => {
        const buf = new Uint8Array(at + 20 + plen + 3);
        emitIpv4Into(buf, at, h, plen);
        const r = parseIpv4(buf, at);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toEqual(h);
        expect(r.checksumOk).toBe(true);
        expect(r.totalLength).toBe(20 + plen);
        expect(r.payloadOffset).toBe(at + 20);
      }),
    );
  });

  it('accepts options (IHL > 5) and skips them', () => {
    const b = new Uint8Array(24);
    b[0] = 0x46;
    b[3] = 24;
    const r = parseIpv4(b);
    expect(r.ok && r.headerLength === 24 && r.payloadLength === 0).toBe(true);
  });

  it('names the bad field on malformed headers', () => {
    const good = emitIpv4(
      {
        dscp: 0,
        ecn: 0,
        identification: 1,
        flags: 2,
        fragmentOffset: 0,
        ttl: 64,
        protocol: 6,
        src: 1,
        dst: 2,
      },
      0,
    );
    const bad = (mutate: (b: Uint8Array) => void) => {
      const b = good.slice();
      mutate(b);
      const r = parseIpv4(b);
      return r.ok ? '' : r.error;
    };
    expect(bad((b) => (b[0] = 0x65))).toMatch(/version.*6/);
    expect(bad((b) => (b[0] = 0x44))).toMatch(/ihl.*4/);
    expect(bad((b) => (b[3] = 10))).toMatch(/total_length.*10/);
    expect(bad((b) => (b[3] = 40))).toMatch(/total_length.*40/);
    const short = parseIpv4(good.subarray(0, 19));
    expect(!short.ok && short.error).toMatch(/truncated/);
  });

  it('formats and parses dotted quads', () => {
    expect(ipv4ToString(0xc0a80001)).toBe('192.168.0.1');
    expect(ipv4FromString('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4FromString('256.0.0.1')).toBeUndefined();
    expect(ipv4FromString('1.2.3')).toBeUndefined();
  });
});
