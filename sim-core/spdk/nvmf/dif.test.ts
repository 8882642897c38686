import { describe, expect, it } from 'vitest';
import { posixSockGroupImplPoll } from '../sock/group';
import { C_DIF_GENERATE, C_MD_INTERLEAVE, C_SOCK_PROCESS_END } from './codes';
import { RS_QUIESCING } from './constants';
import {
  crc16T10Dif,
  type DifCtx,
  difCtxInit,
  difCtxSetDataOffset,
  difGenerateStream,
  difRangeWithMd,
  difSetMdInterleaveIovs,
  emptyDifCtx,
  toSizeWithMd,
} from './dif';
import { firstBadByte } from './integrity';
import { type BufRef, SPACE_POOL } from './state';
import {
  connected,
  drive,
  h2cData,
  harness,
  nvmfScenario,
  patternData,
  r2ts,
  responses,
  rows,
  sockCallback,
  termReqs,
  writeCmd,
  writeInCapsule,
} from './testkit';

function ctx(ref = 100): DifCtx {
  const c = emptyDifCtx();
  difCtxInit(c, ref);
  return c;
}

describe('DIF arithmetic', () => {
  it('CRC16 T10-DIF of "123456789" is 0xD0DB', () => {
    expect(crc16T10Dif(0, new TextEncoder().encode('123456789'), 0, 9)).toBe(0xd0db);
  });

  it('sizes with metadata: 512 data bytes become 520', () => {
    expect(toSizeWithMd(4096)).toBe(4160);
    expect(toSizeWithMd(1000)).toBe(520 + 488);
    expect(difRangeWithMd(1000, 2000)).toEqual({ bufOffset: 1008, bufLen: toSizeWithMd(488 + 2000) - 488 });
  });

  it("maps data around each block's metadata", () => {
    const buf: BufRef[] = [{ space: SPACE_POOL, idx: 0, off: 0, len: 2080 }];
    const r = difSetMdInterleaveIovs(17, buf, 0, 2048, ctx());
    expect(r.iovs.map((v) => [v.off, v.len])).toEqual([
      [0, 512],
      [520, 512],
      [1040, 512],
      [1560, 512],
    ]);
    expect(r.mapped).toBe(2048);
    expect(difSetMdInterleaveIovs(17, buf, 0, 4096, ctx()).rc).toBe(-34);
  });
});

describe('spdk_dif_generate_stream', () => {
  it('writes guard, app tag 0 and reference tag after each block; a block split over two calls gets the same PI', () => {
    const data = patternData(3, 0, 1024);
    const whole = new Uint8Array(1040);
    whole.set(data.subarray(0, 512), 0);
    whole.set(data.subarray(512), 520);
    const split = whole.slice();
    const c1 = ctx(7);
    const resolveW = () => whole;
    expect(difGenerateStream([{ space: 0, idx: 0, off: 0, len: 1040 }], 0, 1024, c1, resolveW)).toBe(0);
    expect(firstBadByte(whole, 3, 1024, true, 7)).toBe(-1);
    // Two PDUs: 700 bytes then 324, as two H2CData would bring them.
    const c2 = ctx(7);
    const resolveS = () => split;
    difCtxSetDataOffset(c2, 0);
    const a = difRangeWithMd(0, 700);
    expect(
      difGenerateStream([{ space: 0, idx: 0, off: a.bufOffset, len: a.bufLen }], 0, 700, c2, resolveS),
    ).toBe(0);
    difCtxSetDataOffset(c2, 700);
    const b = difRangeWithMd(700, 324);
    expect(
      difGenerateStream([{ space: 0, idx: 0, off: b.bufOffset, len: b.bufLen }], 0, 324, c2, resolveS),
    ).toBe(0);
    expect(split).toEqual(whole);
  });
});

describe('DIF insert end to end (dif_insert_or_strip)', () => {
  const NO_DG = { hdgst: false, ddgst: false };

  it('in-capsule write: read around the metadata, PI generated, data and guards check out', () => {
    const h = harness(nvmfScenario({ difInsertOrStrip: true }));
    connected(h);
    h.sock.push(writeInCapsule(NO_DG, 1, 4096, 1000n));
    drive(h);
    expect(rows(h, C_MD_INTERLEAVE).map((r) => r.a)).toEqual([8]);
    expect(rows(h, C_DIF_GENERATE).map((r) => r.b)).toEqual([0]);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0 });
    const n = h.sim.w.nvmf;
    expect(n.stats.integrityBytesOk).toBe(4096);
    const icd = n.reqs[1]!.icd!;
    expect(
      icd[520 + 516]! * 2 ** 24 + icd[520 + 517]! * 2 ** 16 + icd[520 + 518]! * 256 + icd[520 + 519]!,
    ).toBe(1001);
  });

  it('R2T write in two H2CData cut inside a block', () => {
    const h = harness(nvmfScenario({ difInsertOrStrip: true, ioUnitSize: 4096 }));
    connected(h);
    h.sock.push(writeCmd(NO_DG, 2, 8192, 64n));
    drive(h);
    const [r] = r2ts(h);
    // Buffers hold the extended length: 16 blocks of 520.
    expect(h.sim.w.nvmf.reqs[1]!.iov.reduce((s, v) => s + v.len, 0)).toBe(16 * 520);
    h.sock.push(h2cData(NO_DG, 2, r!.ttag, 0, 3000, false));
    h.sock.push(h2cData(NO_DG, 2, r!.ttag, 3000, 5192, true));
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 2, status: 0 });
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(8192);
  });

  it('with data digests v24.09 generates over the length plus the digest, which fails: QUIESCING', () => {
    const d = { hdgst: false, ddgst: true };
    const h = harness(nvmfScenario({ difInsertOrStrip: true }));
    connected(h, d);
    h.sock.push(writeInCapsule(d, 1, 4096));
    drive(h);
    expect(rows(h, C_DIF_GENERATE).map((r) => [r.a, r.b])).toEqual([[4100, -34]]);
    expect(h.sim.w.nvmf.recv.state).toBe(RS_QUIESCING);
    expect(termReqs(h)).toEqual([]);
  });

  it('a payload read capped at 17 iovecs that got all it asked for ends the call but asks to be called again', () => {
    const h = harness(nvmfScenario({ difInsertOrStrip: true }));
    connected(h);
    h.sock.push(writeCmd(NO_DG, 3, 16_384));
    drive(h);
    h.sock.push(h2cData(NO_DG, 3, r2ts(h)[0]!.ttag, 0, 16_384, true));
    posixSockGroupImplPoll(h.sim);
    const before = rows(h, C_SOCK_PROCESS_END).length;
    sockCallback(h);
    // 32 blocks, 17 per read: two calls, the first ending with "more may be waiting".
    expect(rows(h, C_MD_INTERLEAVE).map((r) => r.a)).toEqual([17, 15]);
    expect(rows(h, C_SOCK_PROCESS_END).length - before).toBe(2);
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 3, status: 0 });
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(16_384);
  });
});
