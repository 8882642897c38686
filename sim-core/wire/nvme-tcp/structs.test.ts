import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeNvmeStatus,
  emitCqe,
  NVME_SC_SUCCESS,
  NVME_SC_TRANSIENT_TRANSPORT_ERROR,
  NVME_SCT_COMMAND_SPECIFIC,
  type NvmeCqe,
  nvmeStatus,
  nvmeStatusIsSuccess,
  NVMF_SC_CONNECT_INVALID_PARAMETERS,
  parseCqe,
} from './cqe';
import {
  type ConnectCommand,
  type ConnectData,
  connectCommand,
  connectFromSqe,
  emitConnectCommand,
  emitConnectData,
  NVMF_CNTLID_DYNAMIC,
  parseConnectCommand,
  parseConnectData,
  sqeFromConnect,
} from './fabrics-connect';
import { emitCommonHeader, parseCommonHeader } from './common-header';
import { emitSglInto, parseSgl, type SglDescriptor, sglInCapsule, sglTransport } from './sgl';
import { emitSqe, NVME_OPC_WRITE, type NvmeSqe, parseSqe, sqeBlocks, sqeFromRw, sqeSlba } from './sqe';

const u8 = fc.nat({ max: 0xff });
const u16 = fc.nat({ max: 0xffff });
const u32 = fc.nat({ max: 0xffffffff });
const arbSgl: fc.Arbitrary<SglDescriptor> = fc.record({
  address: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  length: u32,
  reserved: fc.nat({ max: 0xffffff }),
  type: fc.nat({ max: 15 }),
  subtype: fc.nat({ max: 15 }),
});
const arbSqe: fc.Arbitrary<NvmeSqe> = fc.record({
  opcode: u8,
  flags: u8,
  cid: u16,
  nsid: u32,
  cdw2: u32,
  cdw3: u32,
  mptr: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  sgl1: arbSgl,
  cdw10: u32,
  cdw11: u32,
  cdw12: u32,
  cdw13: u32,
  cdw14: u32,
  cdw15: u32,
});
const arbCqe: fc.Arbitrary<NvmeCqe> = fc.record({
  cdw0: u32,
  cdw1: u32,
  sqhd: u16,
  sqid: u16,
  cid: u16,
  status: u16,
});

describe('SGL descriptor', () => {
  it('in-capsule is identifier 0x01, transport data block is 0x5A, at byte 15', () => {
    const b = new Uint8Array(16);
    emitSglInto(b, 0, sglInCapsule(4096));
    expect(Array.from(b)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x10, 0, 0, 0, 0, 0, 0x01]);
    emitSglInto(b, 0, sglTransport(131072));
    expect(b[15]).toBe(0x5a);
    expect(Array.from(b.subarray(8, 12))).toEqual([0, 0, 2, 0]);
  });

  it('round-trips every byte', () => {
    fc.assert(
      fc.property(arbSgl, (s) => {
        const b = new Uint8Array(16);
        emitSglInto(b, 0, s);
        const r = parseSgl(b);
        expect(r.ok && r.value).toEqual(s);
      }),
    );
  });
});

describe('SQE', () => {
  it('places fields at their NVMe offsets (little-endian)', () => {
    const sqe = sqeFromRw({
      opcode: NVME_OPC_WRITE,
      cid: 0x1234,
      nsid: 1,
      slba: 0x1_0000_0002n,
      blocks: 8,
      sgl1: sglInCapsule(4096),
    });
    const b = emitSqe(sqe);
    expect(b.length).toBe(64);
    expect(b[0]).toBe(0x01);
    expect(b[1]).toBe(0x40); // PSDT = SGL
    expect([b[2], b[3]]).toEqual([0x34, 0x12]);
    expect(Array.from(b.subarray(4, 8))).toEqual([1, 0, 0, 0]);
    expect(b[39]).toBe(0x01); // SGL1 identifier at SQE byte 39 (PDU byte 47)
    expect(Array.from(b.subarray(40, 52))).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0]); // SLBA, NLB 0's based
    expect(sqeSlba(sqe)).toBe(0x1_0000_0002n);
    expect(sqeBlocks(sqe)).toBe(8);
    expect(() =>
      sqeFromRw({ opcode: NVME_OPC_WRITE, cid: 0, nsid: 1, slba: 0n, blocks: 0, sgl1: sglInCapsule(0) }),
    ).toThrow(RangeError);
  });

  it('round-trips every field', () => {
    fc.assert(
      fc.property(arbSqe, (s) => {
        const r = parseSqe(emitSqe(s));
        expect(r.ok && r.value).toEqual(s);
      }),
    );
  });

  it('reports truncation', () => {
    const r = parseSqe(new Uint8Array(63));
    expect(!r.ok && r.error).toMatch(/sqe: truncated/);
  });
});

describe('CQE and status', () => {
  it('composes status fields: SC in bits 1-8, SCT in 9-11, DNR in 15', () => {
    expect(nvmeStatus({ sc: NVME_SC_SUCCESS })).toBe(0);
    expect(nvmeStatus({ sc: NVME_SC_TRANSIENT_TRANSPORT_ERROR })).toBe(0x44);
    expect(
      nvmeStatus({ sc: NVMF_SC_CONNECT_INVALID_PARAMETERS, sct: NVME_SCT_COMMAND_SPECIFIC, dnr: true }),
    ).toBe(0x8000 | 0x200 | (0x82 << 1));
    expect(decodeNvmeStatus(0x8000 | 0x200 | (0x82 << 1) | 1)).toEqual({
      phase: true,
      sc: 0x82,
      sct: 1,
      crd: 0,
      more: false,
      dnr: true,
    });
    expect(nvmeStatusIsSuccess(1)).toBe(true); // phase bit alone
    expect(nvmeStatusIsSuccess(0x44)).toBe(false);
  });

  it('status compose/decode are inverse', () => {
    fc.assert(
      fc.property(u16, (st) => {
        expect(nvmeStatus(decodeNvmeStatus(st))).toBe(st);
      }),
    );
  });

  it('CQE fields sit at their offsets and round-trip', () => {
    const b = emitCqe({ cdw0: 1, cdw1: 0, sqhd: 0x0203, sqid: 4, cid: 0xbeef, status: 0x44 });
    expect(Array.from(b)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 3, 2, 4, 0, 0xef, 0xbe, 0x44, 0]);
    fc.assert(
      fc.property(arbCqe, (c) => {
        const r = parseCqe(emitCqe(c));
        expect(r.ok && r.value).toEqual(c);
      }),
    );
  });
});

describe('Fabrics Connect', () => {
  const arbConnect: fc.Arbitrary<ConnectCommand> = fc.record({
    flags: u8,
    cid: u16,
    sgl1: arbSgl,
    recfmt: u16,
    qid: u16,
    sqsize: u16,
    cattr: u8,
    kato: u32,
  });

  it('lays out opcode 0x7f, fctype @4, qid @42, sqsize @44, kato @48', () => {
    const c = connectCommand({ cid: 7, qid: 3, sqsize: 127, kato: 0 });
    const b = emitConnectCommand(c);
    expect(b[0]).toBe(0x7f);
    expect(b[4]).toBe(0x01);
    expect(b[39]).toBe(0x01);
    expect(Array.from(b.subarray(32, 36))).toEqual([0, 4, 0, 0]); // SGL length 1024
    expect([b[42], b[43], b[44], b[45]]).toEqual([3, 0, 127, 0]);
    const admin = emitConnectCommand(connectCommand({ cid: 0, qid: 0, sqsize: 31, kato: 120000 }));
    expect(Array.from(admin.subarray(48, 52))).toEqual([0xc0, 0xd4, 0x01, 0x00]);
  });

  it('round-trips, and agrees byte for byte with the generic SQE view', () => {
    fc.assert(
      fc.property(arbConnect, (c) => {
        const b = emitConnectCommand(c);
        const r = parseConnectCommand(b);
        expect(r.ok && r.value).toEqual(c);
        expect(emitSqe(sqeFromConnect(c))).toEqual(b);
        const g = parseSqe(b);
        expect(g.ok).toBe(true);
        if (!g.ok) return;
        const back = connectFromSqe(g.value);
        expect(back.ok && back.value).toEqual(c);
      }),
    );
  });

  it('rejects non-Connect SQEs by field', () => {
    const b = emitConnectCommand(connectCommand({ cid: 1, qid: 1, sqsize: 1 }));
    b[4] = 0x04;
    const r = parseConnectCommand(b);
    expect(!r.ok && r.error).toMatch(/fctype.*0x04/);
    expect(!r.ok && r.offset).toBe(4);
    b[0] = 0x01;
    const r2 = parseConnectCommand(b);
    expect(!r2.ok && r2.error).toMatch(/opcode.*0x01/);
  });

  const arbNqn = fc.string({ minLength: 1, maxLength: 100, size: 'max' }).filter((s) => !s.includes('\0'));
  const arbData: fc.Arbitrary<ConnectData> = fc.record({
    hostid: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    cntlid: u16,
    subnqn: arbNqn,
    hostnqn: arbNqn,
  });

  it('connect data: hostid @0, cntlid @16, subnqn @256, hostnqn @512, 1024 bytes', () => {
    const d: ConnectData = {
      hostid: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
      cntlid: NVMF_CNTLID_DYNAMIC,
      subnqn: 'nqn.2016-06.io.spdk:cnode1',
      hostnqn: 'nqn.2014-08.org.nvmexpress:uuid:00000000-0000-0000-0000-000000000001',
    };
    const b = emitConnectData(d);
    expect(b.length).toBe(1024);
    expect(b[0]).toBe(1);
    expect([b[16], b[17]]).toEqual([0xff, 0xff]);
    expect(String.fromCharCode(...b.subarray(256, 256 + 3))).toBe('nqn');
    expect(b[256 + d.subnqn.length]).toBe(0);
    expect(String.fromCharCode(...b.subarray(512, 512 + 4))).toBe('nqn.');
    const r = parseConnectData(b);
    expect(r.ok && r.value).toEqual(d);
  });

  it('connect data round-trips and rejects what would not read back', () => {
    fc.assert(
      fc.property(arbData, (d) => {
        const r = parseConnectData(emitConnectData(d));
        expect(r.ok && r.value).toEqual(d);
      }),
    );
    const d = { hostid: new Uint8Array(16), cntlid: 0, subnqn: 'x'.repeat(256), hostnqn: 'h' };
    expect(() => emitConnectData(d)).toThrow(/subnqn/);
    expect(() => emitConnectData({ ...d, subnqn: 's', hostid: new Uint8Array(8) })).toThrow(/hostid/);
    expect(parseConnectData(new Uint8Array(1023)).ok).toBe(false);
  });
});

describe('common header', () => {
  it('is type, flags, hlen, pdo, then plen little-endian', () => {
    const ch = { type: 0x07, flags: 0x0c, hlen: 24, pdo: 28, plen: 0x01020304 };
    const b = emitCommonHeader(ch);
    expect(Array.from(b)).toEqual([7, 0x0c, 24, 28, 4, 3, 2, 1]);
    const r = parseCommonHeader(b);
    expect(r.ok && r.value).toEqual(ch);
    const short = parseCommonHeader(b.subarray(0, 7));
    expect(!short.ok && short.error).toMatch(/truncated/);
  });
});
