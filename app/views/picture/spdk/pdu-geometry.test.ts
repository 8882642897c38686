import { describe, expect, it } from 'vitest';
import type { PduView } from '../../../sim-types';
import { partsTotal, partWidths, pduParts, recvStateShort } from './pdu-geometry';

function pdu(over: Partial<PduView>): PduView {
  return {
    recvState: 'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH',
    type: '',
    chValid: 0,
    pshLen: 0,
    pshValid: 0,
    padding: 0,
    dataLen: 0,
    rwOffset: 0,
    hasHdgst: false,
    hasDdgst: false,
    header: [],
    cid: -1,
    id: 1,
    recvStateIndex: 1,
    hlen: 0,
    pdo: 0,
    plen: 0,
    reqIdx: -1,
    streamCid: -1,
    ...over,
  };
}

describe('pduParts', () => {
  it('before the common header is in: CH filling, and the rest unknown', () => {
    const parts = pduParts(pdu({ chValid: 5 }));
    expect(parts.map((p) => [p.name, p.filled, p.len])).toEqual([
      ['CH', 5, 8],
      ['REST', 0, 0],
    ]);
  });

  it('a CapsuleCmd with 4 KiB in-capsule data: parts in wire order that add up to plen', () => {
    const p = pdu({
      type: 'CapsuleCmd',
      chValid: 8,
      hlen: 72,
      pdo: 72,
      plen: 4168,
      pshLen: 64,
      pshValid: 64,
      dataLen: 4096,
      rwOffset: 1000,
    });
    const parts = pduParts(p);
    expect(parts.map((x) => x.name)).toEqual(['CH', 'PSH', 'DATA']);
    expect(partsTotal(parts)).toBe(p.plen);
    expect(parts.find((x) => x.name === 'DATA')!.filled).toBe(1000);
  });

  it('data length from plen before the PSH is handled; digests and padding in place', () => {
    // Header digest, PDO 96 (padding 20), data digest: plen = 72 + 4 + 20 + 8192 + 4.
    const p = pdu({
      type: 'CapsuleCmd',
      chValid: 8,
      hlen: 72,
      pdo: 96,
      plen: 8292,
      hasHdgst: true,
      hasDdgst: true,
      padding: 20,
      pshLen: 88,
      pshValid: 70,
    });
    const parts = pduParts(p);
    expect(parts.map((x) => x.name)).toEqual(['CH', 'PSH', 'HDGST', 'PAD', 'DATA', 'DDGST']);
    expect(partsTotal(parts)).toBe(8292);
    // psh_valid_bytes 70 covers PSH (64) then 4 of the digest and 2 of the padding.
    expect(parts.map((x) => x.filled)).toEqual([8, 64, 4, 2, 0, 0]);
    // rw_offset past data_len fills the data digest.
    const done = pduParts({ ...p, pshValid: 88, dataLen: 8192, rwOffset: 8194 });
    expect(done.map((x) => x.filled)).toEqual([8, 64, 4, 20, 8192, 2]);
  });

  it('an ICReq has a header only', () => {
    const parts = pduParts(
      pdu({ type: 'ICReq', chValid: 8, hlen: 128, plen: 128, pshLen: 120, pshValid: 120 }),
    );
    expect(parts.map((x) => [x.name, x.len])).toEqual([
      ['CH', 8],
      ['PSH', 120],
    ]);
  });

  it('names the receive state without its enum prefix', () => {
    expect(recvStateShort('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD')).toBe('AWAIT_PDU_PAYLOAD');
  });
});

describe('partWidths', () => {
  const parts = pduParts(
    pdu({
      type: 'H2CData',
      chValid: 8,
      hlen: 24,
      pdo: 24,
      plen: 131_096,
      pshLen: 16,
      pshValid: 16,
      dataLen: 131_072,
    }),
  );
  it('sum to the bar, keep every part readable, and give the data the rest', () => {
    const w = partWidths(parts, 600, 60);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(600);
    for (const x of w) expect(x).toBeGreaterThanOrEqual(60);
    expect(w[2]!).toBeGreaterThan(w[0]! + w[1]!);
  });
  it('shrink alike when even the minimums do not fit', () => {
    const w = partWidths(parts, 120, 60);
    expect(w).toEqual([40, 40, 40]);
  });
  it('give the unknown rest what the common header leaves', () => {
    const w = partWidths(pduParts(pdu({ chValid: 3 })), 500, 60);
    expect(w[0]).toBe(70);
    expect(w[0]! + w[1]!).toBe(500);
  });
});
