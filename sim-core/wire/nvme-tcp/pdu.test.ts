import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldLabel } from '../field-map';
import {
  CH_FLAG_LAST_PDU,
  CH_FLAG_SUCCESS,
  FES_INVALID_HEADER_FIELD,
  IC_DGST_DDGST_ENABLE,
  IC_DGST_HDGST_ENABLE,
  PDU_C2H_DATA,
  PDU_C2H_TERM_REQ,
  PDU_CAPSULE_CMD,
  PDU_CAPSULE_RESP,
  PDU_H2C_DATA,
  PDU_H2C_TERM_REQ,
  PDU_IC_REQ,
  PDU_IC_RESP,
  PDU_R2T,
} from './constants';
import { nvmeStatus, NVME_SC_TRANSIENT_TRANSPORT_ERROR } from './cqe';
import { connectCommand, emitConnectData, sqeFromConnect } from './fabrics-connect';
import { pduFieldMap } from './field-map';
import {
  describePdu,
  emitPdu,
  emitPduHeadInto,
  emitPduInto,
  type Pdu,
  type PduEmitOptions,
  pduLayout,
  parsePdu,
} from './pdu';
import { sglInCapsule, sglTransport } from './sgl';
import { NVME_OPC_WRITE, type NvmeSqe, sqeFromRw } from './sqe';

/** Bit-at-a-time CRC-32C, independent of the table-driven one. */
function refCrc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}
const le32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o, true);

const u8 = fc.nat({ max: 0xff });
const u16 = fc.nat({ max: 0xffff });
const u32 = fc.nat({ max: 0xffffffff });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
/** Type-specific flag bits only: emit owns the digest bits. */
const flags = fc.nat({ max: 63 }).map((x) => x << 2);
const data = fc.uint8Array({ minLength: 1, maxLength: 300, size: 'max' });
const arbSqe: fc.Arbitrary<NvmeSqe> = fc.record({
  opcode: u8,
  flags: u8,
  cid: u16,
  nsid: u32,
  cdw2: u32,
  cdw3: u32,
  mptr: u64,
  sgl1: fc.record({
    address: u64,
    length: u32,
    reserved: fc.nat({ max: 0xffffff }),
    type: fc.nat({ max: 15 }),
    subtype: fc.nat({ max: 15 }),
  }),
  cdw10: u32,
  cdw11: u32,
  cdw12: u32,
  cdw13: u32,
  cdw14: u32,
  cdw15: u32,
});

const arbPdu: fc.Arbitrary<Pdu> = fc.oneof(
  fc.record({ type: fc.constant(PDU_IC_REQ), flags, pfv: u16, hpda: u8, dgst: u8, maxr2t: u32 }),
  fc.record({ type: fc.constant(PDU_IC_RESP), flags, pfv: u16, cpda: u8, dgst: u8, maxh2cdata: u32 }),
  fc.record({
    type: fc.constantFrom(PDU_H2C_TERM_REQ, PDU_C2H_TERM_REQ),
    flags,
    fes: u16,
    fei: u32,
    data: fc.uint8Array({ maxLength: 128, size: 'max' }),
  }),
  fc.record(
    { type: fc.constant(PDU_CAPSULE_CMD), flags, sqe: arbSqe, data },
    { requiredKeys: ['type', 'flags', 'sqe'] },
  ),
  fc.record({
    type: fc.constant(PDU_CAPSULE_RESP),
    flags,
    cqe: fc.record({ cdw0: u32, cdw1: u32, sqhd: u16, sqid: u16, cid: u16, status: u16 }),
  }),
  fc
    .record({ type: fc.constant(PDU_H2C_DATA), flags, cccid: u16, ttag: u16, datao: u32, data })
    .map((p) => ({ ...p, datal: p.data.length })),
  fc
    .record({ type: fc.constant(PDU_C2H_DATA), flags, cccid: u16, datao: u32, data })
    .map((p) => ({ ...p, datal: p.data.length })),
  fc.record({ type: fc.constant(PDU_R2T), flags, cccid: u16, ttag: u16, r2to: u32, r2tl: u32 }),
);
const arbOpts: fc.Arbitrary<PduEmitOptions> = fc.record({
  hdgst: fc.boolean(),
  ddgst: fc.boolean(),
  cpda: fc.nat({ max: 31 }),
});

function expectTiling(labels: FieldLabel[], start: number, end: number): void {
  let at = start;
  for (const l of labels) {
    expect(l.offset).toBe(at);
    expect(l.length).toBeGreaterThan(0);
    at += l.length;
  }
  expect(at).toBe(end);
}
const label = (m: FieldLabel[], name: string) => m.filter((l) => l.name === name);

const write4k = (cid: number): Pdu => ({
  type: PDU_CAPSULE_CMD,
  flags: 0,
  sqe: sqeFromRw({ opcode: NVME_OPC_WRITE, cid, nsid: 1, slba: 0n, blocks: 8, sgl1: sglInCapsule(4096) }),
  data: Uint8Array.from({ length: 4096 }, (_, i) => i & 0xff),
});

describe('emitPdu layout (known answers)', () => {
  it('4 KiB in-capsule Write, both digests, cpda 0: hlen 72, HDGST 72..75, PDO 76, DDGST after data, plen 4176', () => {
    const p = write4k(5);
    const b = emitPdu(p, { hdgst: true, ddgst: true });
    expect(b.length).toBe(4176);
    expect(Array.from(b.subarray(0, 8))).toEqual([0x04, 0x03, 72, 76, 0x50, 0x10, 0, 0]);
    expect(le32(b, 72)).toBe(refCrc32c(b.subarray(0, 72)));
    expect(b.subarray(76, 76 + 4096)).toEqual((p as { data: Uint8Array }).data);
    expect(le32(b, 4172)).toBe(refCrc32c(b.subarray(76, 4172)));
    expect(b[8 + 39]).toBe(0x01); // SGL1 identifier at PDU offset 47
  });

  it('cpda 1 aligns data to 8: PDO 80 with 4 zero pad bytes', () => {
    const b = emitPdu(write4k(5), { hdgst: true, ddgst: false, cpda: 1 });
    expect(b[3]).toBe(80);
    expect(b[1]).toBe(0x01);
    expect(Array.from(b.subarray(76, 80))).toEqual([0, 0, 0, 0]);
    expect(b.length).toBe(80 + 4096);
    // cpda 31: 128-byte alignment
    expect(emitPdu(write4k(5), { hdgst: false, ddgst: false, cpda: 31 })[3]).toBe(128);
  });

  it('no digests: PDO = hlen; capsule without data: PDO 0, no DDGSTF even if negotiated', () => {
    expect(emitPdu(write4k(1), { hdgst: false, ddgst: false })[3]).toBe(72);
    const p: Pdu = {
      type: PDU_CAPSULE_CMD,
      flags: 0,
      sqe: sqeFromRw({
        opcode: NVME_OPC_WRITE,
        cid: 1,
        nsid: 1,
        slba: 0n,
        blocks: 256,
        sgl1: sglTransport(131072),
      }),
    };
    const b = emitPdu(p, { hdgst: true, ddgst: true });
    expect(Array.from(b.subarray(0, 8))).toEqual([0x04, 0x01, 72, 0, 76, 0, 0, 0]);
    expect(b[8 + 39]).toBe(0x5a);
  });

  it('H2CData with header digest: PDO 28, LAST_PDU kept', () => {
    const p: Pdu = {
      type: PDU_H2C_DATA,
      flags: CH_FLAG_LAST_PDU,
      cccid: 3,
      ttag: 9,
      datao: 8192,
      datal: 100,
      data: new Uint8Array(100),
    };
    const b = emitPdu(p, { hdgst: true, ddgst: false });
    expect(Array.from(b.subarray(0, 8))).toEqual([0x06, 0x05, 24, 28, 128, 0, 0, 0]);
    expect(Array.from(b.subarray(8, 24))).toEqual([3, 0, 9, 0, 0, 0x20, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0]);
    expect(describePdu(p)).toBe('H2CData cccid=3 ttag=9 datao=8192 datal=100 LAST');
  });

  it('R2T and CapsuleResp never carry data digests; ICReq never any digest', () => {
    const r2t = emitPdu(
      { type: PDU_R2T, flags: 0, cccid: 1, ttag: 2, r2to: 0, r2tl: 65536 },
      { hdgst: true, ddgst: true },
    );
    expect(Array.from(r2t.subarray(0, 8))).toEqual([0x09, 0x01, 24, 0, 28, 0, 0, 0]);
    const resp = emitPdu(
      {
        type: PDU_CAPSULE_RESP,
        flags: 0,
        cqe: {
          cdw0: 0,
          cdw1: 0,
          sqhd: 1,
          sqid: 1,
          cid: 7,
          status: nvmeStatus({ sc: NVME_SC_TRANSIENT_TRANSPORT_ERROR }),
        },
      },
      { hdgst: false, ddgst: true },
    );
    expect(Array.from(resp)).toEqual([
      5, 0, 24, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 7, 0, 0x44, 0,
    ]);
    const icreq = emitPdu(
      {
        type: PDU_IC_REQ,
        flags: 0,
        pfv: 0,
        hpda: 0,
        dgst: IC_DGST_HDGST_ENABLE | IC_DGST_DDGST_ENABLE,
        maxr2t: 0,
      },
      { hdgst: true, ddgst: true },
    );
    expect(icreq.length).toBe(128);
    expect(Array.from(icreq.subarray(0, 16))).toEqual([0, 0, 128, 0, 128, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0]);
    expect(icreq.subarray(16).every((x) => x === 0)).toBe(true);
  });

  it('TermReq: data right after the 24-byte header, PDO 0, at most 128 data bytes (152 total)', () => {
    const offending = emitPdu(write4k(1), { hdgst: false, ddgst: false }).subarray(0, 72);
    const p: Pdu = {
      type: PDU_C2H_TERM_REQ,
      flags: 0,
      fes: FES_INVALID_HEADER_FIELD,
      fei: 2,
      data: offending,
    };
    const b = emitPdu(p, { hdgst: true, ddgst: true });
    expect(Array.from(b.subarray(0, 14))).toEqual([3, 0, 24, 0, 96, 0, 0, 0, 1, 0, 2, 0, 0, 0]);
    expect(b.subarray(24)).toEqual(offending);
    expect(emitPdu({ ...p, data: new Uint8Array(128) }, { hdgst: false, ddgst: false }).length).toBe(152);
    expect(() => emitPdu({ ...p, data: new Uint8Array(129) }, { hdgst: false, ddgst: false })).toThrow(
      RangeError,
    );
  });

  it('emits into a larger buffer at an offset, zeroing stale pad bytes', () => {
    const buf = new Uint8Array(5000).fill(0xee);
    const n = emitPduInto(buf, 10, write4k(2), { hdgst: true, ddgst: true, cpda: 1 });
    expect(n).toBe(80 + 4096 + 4);
    expect(buf[9]).toBe(0xee);
    expect(buf[10 + n]).toBe(0xee);
    expect(Array.from(buf.subarray(10 + 76, 10 + 80))).toEqual([0, 0, 0, 0]);
    const r = parsePdu(buf, 10);
    expect(r.ok && r.digestsOk && r.length).toBe(n);
    expect(() => emitPduInto(new Uint8Array(100), 0, write4k(2), { hdgst: false, ddgst: false })).toThrow(
      RangeError,
    );
    expect(() => emitPdu(write4k(2), { hdgst: false, ddgst: false, cpda: 32 })).toThrow(RangeError);
  });

  it('emitPduHeadInto writes exactly the bytes before the data, as emitPdu does', () => {
    fc.assert(
      fc.property(arbPdu, arbOpts, (p, o) => {
        const whole = emitPdu(p, o);
        const buf = new Uint8Array(whole.length + 8).fill(0xee);
        const l = emitPduHeadInto(buf, 4, p, o);
        expect(l).toEqual(pduLayout(p, o));
        expect(Array.from(buf.subarray(4, 4 + l.dataOffset))).toEqual(
          Array.from(whole.subarray(0, l.dataOffset)),
        );
        expect(buf[4 + l.dataOffset]).toBe(0xee);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parsePdu', () => {
  it('round-trips random PDUs under random digest/alignment settings', () => {
    fc.assert(
      fc.property(arbPdu, arbOpts, (p, opts) => {
        const b = emitPdu(p, opts);
        const l = pduLayout(p, opts);
        expect(b.length).toBe(l.plen);
        for (const r of [parsePdu(b, 0, opts), parsePdu(b)]) {
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value).toEqual(p);
          expect(r.length).toBe(b.length);
          expect(r.digestsOk).toBe(true);
          expect(r.headerDigest !== undefined).toBe(l.hdgst);
          expect(r.dataDigest !== undefined).toBe(l.ddgst);
          expect(r.dataOffset).toBe(l.dataOffset);
          expect(r.ch.pdo).toBe(l.pdo);
          expect(r.psh.length).toBe(l.hlen - 8);
          if (l.pdo !== 0) expect(l.pdo % ((opts.cpda! + 1) * 4)).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('data is a view into the input, not a copy', () => {
    const b = emitPdu(write4k(1), { hdgst: true, ddgst: true });
    const r = parsePdu(b);
    expect(r.ok && r.data.buffer === b.buffer && r.data.byteOffset === 76).toBe(true);
  });

  it('reports digest mismatches without failing the parse', () => {
    const b = emitPdu(write4k(1), { hdgst: true, ddgst: true });
    b[100]! ^= 1;
    let r = parsePdu(b);
    expect(r.ok && !r.digestsOk && r.dataDigest?.ok === false && r.headerDigest?.ok === true).toBe(true);
    b[100]! ^= 1;
    b[12]! ^= 1; // nsid
    r = parsePdu(b);
    expect(r.ok && !r.digestsOk && r.headerDigest?.ok === false && r.dataDigest?.ok === true).toBe(true);
    if (r.ok) expect(r.headerDigest!.computed).toBe(refCrc32c(b.subarray(0, 72)));
  });

  const err = (b: Uint8Array, opts = {}) => {
    const r = parsePdu(b, 0, opts);
    return r.ok ? 'ok' : `${r.error} @${r.offset}`;
  };
  const edit = (p: Pdu, opts: PduEmitOptions, f: (b: Uint8Array, dv: DataView) => void) => {
    const b = emitPdu(p, opts);
    f(b, new DataView(b.buffer));
    return b;
  };
  const none = { hdgst: false, ddgst: false };
  const both = { hdgst: true, ddgst: true };
  const h2c: Pdu = {
    type: PDU_H2C_DATA,
    flags: 0,
    cccid: 1,
    ttag: 1,
    datao: 0,
    datal: 64,
    data: new Uint8Array(64),
  };

  it('names the bad common-header field and its offset', () => {
    expect(err(new Uint8Array(7))).toMatch(/truncated common header/);
    expect(err(edit(write4k(1), none, (b) => (b[0] = 0x08)))).toMatch(/^pdu_type: 0x08 .* @0$/);
    expect(err(edit(write4k(1), none, (b) => (b[0] = 0xff)))).toMatch(/^pdu_type: 0xff/);
    expect(err(edit(write4k(1), none, (b) => (b[2] = 71)))).toMatch(
      /^hlen: 71, expected 72 for CapsuleCmd @2$/,
    );
    expect(err(edit(h2c, none, (_b, dv) => dv.setUint32(4, 20, true)))).toMatch(
      /^plen: 20 is less than hlen 24 @4$/,
    );
    expect(err(edit(h2c, none, (_b, dv) => dv.setUint32(4, 200, true)))).toMatch(
      /^plen: 200, but only 88 bytes .*truncated.* @4$/,
    );
  });

  it('rejects digest flags where they cannot be, or disagree with the negotiation', () => {
    const ic: Pdu = { type: PDU_IC_RESP, flags: 0, pfv: 0, cpda: 0, dgst: 0, maxh2cdata: 131072 };
    expect(err(edit(ic, none, (b) => (b[1] = 1)))).toMatch(/^flags: HDGSTF set on ICResp.* @1$/);
    const r2t: Pdu = { type: PDU_R2T, flags: 0, cccid: 1, ttag: 1, r2to: 0, r2tl: 1 };
    expect(err(edit(r2t, none, (b) => (b[1] = 2)))).toMatch(/^flags: DDGSTF set on R2T/);
    expect(err(emitPdu(h2c, none), { hdgst: true })).toMatch(
      /^flags: HDGSTF is 0 but header digests are on @1$/,
    );
    expect(err(emitPdu(h2c, both), { ddgst: false })).toMatch(
      /^flags: DDGSTF is 1 but data digests are off @1$/,
    );
    // With the flag set but the PDU too short to hold the digest
    expect(err(edit(r2t, none, (b) => (b[1] = 1)))).toMatch(/^plen: 24 leaves no room for the header digest/);
  });

  it('checks plen per type', () => {
    const ic: Pdu = { type: PDU_IC_REQ, flags: 0, pfv: 0, hpda: 0, dgst: 0, maxr2t: 0 };
    const longer = new Uint8Array(200);
    longer.set(emitPdu(ic, none));
    new DataView(longer.buffer).setUint32(4, 129, true);
    expect(err(longer)).toMatch(/^plen: 129, expected 128 for ICReq @4$/);
    const term = new Uint8Array(200);
    term.set(emitPdu({ type: PDU_H2C_TERM_REQ, flags: 0, fes: 1, fei: 0, data: new Uint8Array(10) }, none));
    new DataView(term.buffer).setUint32(4, 153, true);
    expect(err(term)).toMatch(/^plen: 153 exceeds the 152-byte TermReq limit @4$/);
    const resp = new Uint8Array(40);
    resp.set(
      emitPdu(
        { type: PDU_CAPSULE_RESP, flags: 0, cqe: { cdw0: 0, cdw1: 0, sqhd: 0, sqid: 0, cid: 0, status: 0 } },
        none,
      ),
    );
    new DataView(resp.buffer).setUint32(4, 30, true);
    expect(err(resp)).toMatch(/^plen: 30, expected 24 for CapsuleResp \(no data\) @4$/);
  });

  it('checks PDO and data length of data-carrying PDUs', () => {
    expect(err(edit(write4k(1), both, (b) => (b[3] = 0)))).toMatch(
      /^pdo: 0 is inside the header \(data can start at 76/,
    );
    expect(err(edit(write4k(1), both, (b) => (b[3] = 72)))).toMatch(/^pdo: 72 is inside the header .* @3$/);
    expect(
      err(
        edit(h2c, none, (_b, dv) => dv.setUint32(4, 28, true)),
        {},
      ),
    ).toMatch(/^datal: 64, but the H2CData carries 4/);
    expect(err(edit(h2c, none, (b) => (b[3] = 100)))).toMatch(/^plen: 88 leaves no data after pdo 100 @4$/);
    expect(err(edit(h2c, none, (b) => (b[16] = 65)))).toMatch(
      /^datal: 65, but the H2CData carries 64 data bytes @16$/,
    );
    expect(
      err(
        edit(h2c, { ...none, cpda: 0 }, () => {}),
        { cpda: 3 },
      ),
    ).toMatch(/^pdo: 24 is not a multiple of 16 \(cpda 3\) @3$/);
    // DDGSTF on a capsule without data
    const bare: Pdu = { type: PDU_CAPSULE_CMD, flags: 0, sqe: (write4k(1) as { sqe: NvmeSqe }).sqe };
    expect(err(edit(bare, none, (b) => (b[1] = 2)))).toMatch(
      /^flags: DDGSTF set on a CapsuleCmd without data @1$/,
    );
    expect(err(edit(bare, none, (b) => (b[3] = 100)))).toMatch(/^pdo: 100 points past the end/);
    // data digest flag set but only the digest after PDO
    const dd = edit(h2c, both, (_b, dv) => dv.setUint32(4, 32, true));
    expect(err(dd.subarray(0, 32))).toMatch(/^plen: 32 leaves no data after pdo 28 and the data digest @4$/);
  });

  it('fuzz: random bytes and mutated PDUs never throw; errors are non-empty; field maps tile', () => {
    const samples = fc
      .sample(fc.tuple(arbPdu, arbOpts), { numRuns: 60, seed: 42 })
      .map(([p, o]) => emitPdu(p, o));
    const check = (b: Uint8Array) => {
      for (const opts of [{}, { hdgst: true, ddgst: true, cpda: 3 }, { hdgst: false, ddgst: false }]) {
        const r = parsePdu(b, 0, opts);
        if (r.ok) {
          expect(r.length).toBeLessThanOrEqual(b.length);
          expect(r.dataOffset + r.data.length).toBeLessThanOrEqual(r.length);
        } else {
          expect(r.error.length).toBeGreaterThan(0);
          if (r.offset !== undefined) expect(r.offset).toBeLessThan(24);
        }
      }
      const m = pduFieldMap(b);
      const plen = b.length >= 8 ? le32(b, 4) : 0;
      expectTiling(m, 0, Math.min(b.length, Math.max(plen, 8)));
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200, size: 'max' }), check), { numRuns: 1000 });
    // Random bytes behind a plausible common header reach the deeper checks.
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 9),
        fc.nat({ max: 255 }),
        fc.nat({ max: 255 }),
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        (t, fl, pdo, rest) => {
          const b = new Uint8Array(8 + rest.length);
          b.set(rest, 8);
          b[0] = t;
          b[1] = fl & 0x0f;
          b[2] = [128, 128, 24, 24, 72, 24, 24, 24, 0, 24][t]!;
          b[3] = pdo;
          new DataView(b.buffer).setUint32(4, b.length, true);
          check(b);
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat(), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (i, ops) => {
          let b = samples[i]!.slice();
          for (const [kind, at, v] of ops) {
            if (b.length === 0) break;
            if (kind === 0) b[at % b.length]! ^= 1 << (v & 7);
            else if (kind === 1)
              b[at % Math.min(b.length, 24)] = v; // aim at the header fields
            else if (kind === 2) b = b.slice(0, at % b.length);
            else b = Uint8Array.from([...b, ...new Uint8Array((v % 16) + 1).fill(v)]);
          }
          check(b);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never throws on bad offsets', () => {
    const b = emitPdu(write4k(1), none);
    for (const o of [-1, 1.5, Number.NaN, b.length + 1]) {
      expect(parsePdu(b, o).ok).toBe(false);
      expect(() => pduFieldMap(b, o)).not.toThrow();
    }
    expect(parsePdu(b, b.length).ok).toBe(false);
  });
});

describe('pduFieldMap', () => {
  it('labels a Write capsule with digests: CH, SQE fields, SGL subfields, HDGST, data, DDGST', () => {
    const b = emitPdu(write4k(1), { hdgst: true, ddgst: true, cpda: 1 });
    const m = pduFieldMap(b);
    expectTiling(m, 0, b.length);
    expect(m.slice(0, 5).map((l) => l.name)).toEqual([
      'ch.pdu_type',
      'ch.flags',
      'ch.hlen',
      'ch.pdo',
      'ch.plen',
    ]);
    expect(label(m, 'sqe.opcode')).toEqual([{ name: 'sqe.opcode', offset: 8, length: 1 }]);
    expect(label(m, 'sqe.sgl1.address')).toEqual([{ name: 'sqe.sgl1.address', offset: 32, length: 8 }]);
    expect(label(m, 'sqe.sgl1.type_subtype')).toEqual([
      { name: 'sqe.sgl1.type_subtype', offset: 47, length: 1 },
    ]);
    expect(label(m, 'sqe.slba')).toEqual([{ name: 'sqe.slba', offset: 48, length: 8 }]);
    expect(label(m, 'sqe.nlb')).toEqual([{ name: 'sqe.nlb', offset: 56, length: 2 }]);
    expect(label(m, 'hdgst')).toEqual([{ name: 'hdgst', offset: 72, length: 4 }]);
    expect(label(m, 'pad')).toEqual([{ name: 'pad', offset: 76, length: 4 }]);
    expect(label(m, 'data')).toEqual([{ name: 'data', offset: 80, length: 4096 }]);
    expect(label(m, 'ddgst')).toEqual([{ name: 'ddgst', offset: 4176, length: 4 }]);
  });

  it('breaks down an in-capsule Fabrics Connect and its 1024-byte data', () => {
    const d = emitConnectData({
      hostid: new Uint8Array(16),
      cntlid: 0xffff,
      subnqn: 'nqn.s',
      hostnqn: 'nqn.h',
    });
    const p: Pdu = {
      type: PDU_CAPSULE_CMD,
      flags: 0,
      sqe: sqeFromConnect(connectCommand({ cid: 0, qid: 0, sqsize: 31 })),
      data: d,
    };
    const b = emitPdu(p, { hdgst: false, ddgst: false });
    const m = pduFieldMap(b);
    expectTiling(m, 0, b.length);
    expect(label(m, 'sqe.fctype')).toEqual([{ name: 'sqe.fctype', offset: 12, length: 1 }]);
    expect(label(m, 'sqe.qid')).toEqual([{ name: 'sqe.qid', offset: 50, length: 2 }]);
    expect(label(m, 'sqe.kato')).toEqual([{ name: 'sqe.kato', offset: 56, length: 4 }]);
    expect(label(m, 'connect_data.hostnqn')).toEqual([
      { name: 'connect_data.hostnqn', offset: 72 + 512, length: 256 },
    ]);
  });

  it('labels every PDU type, matching the emitted layout', () => {
    fc.assert(
      fc.property(arbPdu, arbOpts, (p, opts) => {
        const b = emitPdu(p, opts);
        const l = pduLayout(p, opts);
        const m = pduFieldMap(b);
        expectTiling(m, 0, b.length);
        expect(label(m, 'hdgst').length).toBe(l.hdgst ? 1 : 0);
        expect(label(m, 'ddgst').length).toBe(l.ddgst ? 1 : 0);
        expect(m.some((x) => x.name === 'unparsed')).toBe(false);
        const payload = m.filter(
          (x) => x.name === 'data' || x.name.startsWith('data ') || x.name.startsWith('connect_data.'),
        );
        expect(payload.reduce((n, x) => n + x.length, 0)).toBe(l.dataLength);
      }),
      { numRuns: 300 },
    );
  });

  it('describes PDUs briefly', () => {
    expect(
      describePdu({
        type: PDU_C2H_DATA,
        flags: CH_FLAG_LAST_PDU | CH_FLAG_SUCCESS,
        cccid: 1,
        datao: 0,
        datal: 4,
        data: new Uint8Array(4),
      }),
    ).toBe('C2HData cccid=1 datao=0 datal=4 LAST SUCCESS');
  });
});
