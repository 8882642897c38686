import { describe, expect, it } from 'vitest';
import { buildPayloadIovs, liveIovs, noteOverrun, setDataBuf } from './buffers';
import { OFF_DATA_DIGEST } from './constants';
import { harness } from './testkit';
import { type BufRef, newPdu, SPACE_OVERRUN, SPACE_POOL } from './state';

const four: BufRef[] = [0, 1, 2, 3].map((i) => ({ space: SPACE_POOL, idx: i, off: 0, len: 4096 }));

describe('nvme_tcp_pdu_set_data_buf', () => {
  it('maps a range across io_unit_size buffers', () => {
    const pdu = newPdu(1);
    setDataBuf(pdu, four, 1000, 10_000, null);
    expect(pdu.dataIov).toEqual([
      { space: 0, idx: 0, off: 1000, len: 3096 },
      { space: 0, idx: 1, off: 0, len: 4096 },
      { space: 0, idx: 2, off: 0, len: 2808 },
    ]);
    expect(pdu.dataLen).toBe(10_000);
  });

  it('starts at a buffer boundary when the offset is one', () => {
    const pdu = newPdu(1);
    setDataBuf(pdu, four, 8192, 4096, null);
    expect(pdu.dataIov).toEqual([{ space: 0, idx: 2, off: 0, len: 4096 }]);
  });

  it('keeps at most 16 pieces', () => {
    const many: BufRef[] = Array.from({ length: 20 }, (_, i) => ({
      space: SPACE_POOL,
      idx: i,
      off: 0,
      len: 512,
    }));
    const pdu = newPdu(1);
    setDataBuf(pdu, many, 0, 20 * 512, null);
    expect(pdu.dataIov).toHaveLength(16);
  });

  it('maps past the last buffer onto what follows (v24.09 does not check)', () => {
    const pdu = newPdu(1);
    setDataBuf(pdu, four.slice(0, 2), 4096, 8192, null);
    expect(pdu.dataIov).toEqual([
      { space: 0, idx: 1, off: 0, len: 4096 },
      { space: SPACE_OVERRUN, idx: 0, off: 0, len: 4096 },
    ]);
  });
});

describe('nvme_tcp_build_payload_iovs', () => {
  it('skips rw_offset and appends the 4-byte data digest', () => {
    const pdu = newPdu(1);
    setDataBuf(pdu, four, 0, 16_384, null);
    pdu.rwOffset = 5000;
    const r = buildPayloadIovs(pdu, true, null);
    expect(r.refs.map((x) => [x.idx, x.off, x.len])).toEqual([
      [1, 904, 3192],
      [2, 0, 4096],
      [3, 0, 4096],
      [0, OFF_DATA_DIGEST, 4],
    ]);
    expect(r.mapped).toBe(16_384 - 5000 + 4);
  });

  it('only the digest is left once all data is in', () => {
    const pdu = newPdu(1);
    setDataBuf(pdu, four, 0, 8192, null);
    pdu.rwOffset = 8194;
    expect(buildPayloadIovs(pdu, true, null).refs).toEqual([
      { space: 3, idx: 0, off: OFF_DATA_DIGEST + 2, len: 2 },
    ]);
  });

  it('stops at 17 pieces, without the digest when the data fills them', () => {
    const many: BufRef[] = Array.from({ length: 16 }, (_, i) => ({
      space: SPACE_POOL,
      idx: i,
      off: 0,
      len: 512,
    }));
    const pdu = newPdu(1);
    setDataBuf(pdu, many, 0, 16 * 512, null);
    expect(buildPayloadIovs(pdu, true, null).refs).toHaveLength(17);
    pdu.dataIov = [...pdu.dataIov, { space: SPACE_POOL, idx: 16, off: 0, len: 512 }];
    const r = buildPayloadIovs(pdu, true, null).refs;
    expect(r).toHaveLength(17);
    expect(r.at(-1)?.space).toBe(SPACE_POOL);
  });
});

describe('live iovecs', () => {
  it('labels data, header and digest pieces, and sends bytes past a buffer to a sink, counted once read', () => {
    const h = harness();
    const pdu = newPdu(7);
    pdu.reqIdx = 3;
    const refs: BufRef[] = [
      { space: SPACE_POOL, idx: 0, off: 131_000, len: 100 },
      { space: 3, idx: 0, off: OFF_DATA_DIGEST, len: 4 },
    ];
    const live = liveIovs(h.sim, refs, pdu);
    expect(live.map((v) => [v.len, v.kind])).toEqual([
      [72, 'data'],
      [28, 'padding'],
      [4, 'digest'],
    ]);
    expect(h.sim.w.nvmf.stats.overrunBytes).toBe(0);
    noteOverrun(h.sim, live, 90, pdu);
    expect(h.sim.w.nvmf.stats.overrunBytes).toBe(18);
  });
});
