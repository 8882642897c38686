import { describe, expect, it } from 'vitest';
import { checkPattern } from '../ledger/pattern';
import {
  CH_FLAG_LAST_PDU,
  emitPdu,
  NVME_OPC_WRITE,
  PDU_CAPSULE_CMD,
  PDU_H2C_DATA,
  parsePdu,
  SGL_ID_IN_CAPSULE,
  SGL_ID_TRANSPORT,
  sglId,
  sqeBlocks,
} from '../wire/nvme-tcp/index';
import { buildH2CData, buildWriteCmd, type BuiltPdu, pduParts } from './pdu-build';
import { applyPduFault, fieldLocation } from './pdu-faults';
import { partBytes } from './send-queue';

function bytesOf(p: BuiltPdu): Uint8Array {
  const parts = pduParts(p).map(partBytes);
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

const dg = { hdgst: true, ddgst: true, cpda: 0 };

describe('PDU building', () => {
  it('an in-capsule write: SGL Data Block / Offset, address 0, data after the header digest', () => {
    const p = buildWriteCmd(dg, 5, 4096, 16, true);
    const b = bytesOf(p);
    expect(b.length).toBe(p.plen);
    expect(p.plen).toBe(72 + 4 + 4096 + 4);
    const r = parsePdu(b, 0, { hdgst: true, ddgst: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.digestsOk).toBe(true);
    expect(r.ch.pdo).toBe(76);
    if (r.value.type !== PDU_CAPSULE_CMD) throw new Error('type');
    const sqe = r.value.sqe;
    expect([sqe.opcode, sqe.cid, sqe.nsid, sqeBlocks(sqe), sqe.cdw10]).toEqual([NVME_OPC_WRITE, 5, 1, 8, 16]);
    expect(sglId(sqe.sgl1)).toBe(SGL_ID_IN_CAPSULE);
    expect(sqe.sgl1.address).toBe(0n);
    expect(sqe.sgl1.length).toBe(4096);
    expect(checkPattern(r.data, 0, 5, 0, 4096)).toBe(-1);
  });

  it('a write behind an R2T: Transport Data Block SGL, no data, and the data aligned to CPDA in H2CData', () => {
    const n = { hdgst: false, ddgst: false, cpda: 7 };
    const c = buildWriteCmd(n, 9, 65536, 0, false);
    expect(c.plen).toBe(72);
    const rc = parsePdu(bytesOf(c));
    if (!rc.ok || rc.value.type !== PDU_CAPSULE_CMD) throw new Error('parse');
    expect(sglId(rc.value.sqe.sgl1)).toBe(SGL_ID_TRANSPORT);
    const h = buildH2CData(n, 9, 3, 8192, 4096, 65536, false);
    const rh = parsePdu(bytesOf(h), 0, { cpda: 7 });
    if (!rh.ok || rh.value.type !== PDU_H2C_DATA) throw new Error('parse');
    expect(rh.ch.pdo).toBe(32);
    expect(rh.ch.flags & CH_FLAG_LAST_PDU).toBe(0);
    expect([rh.value.cccid, rh.value.ttag, rh.value.datao, rh.value.datal]).toEqual([9, 3, 8192, 4096]);
    expect(checkPattern(rh.data, 0, 9, 8192, 4096)).toBe(-1);
  });

  it('the parts of a PDU are exactly what wire/ emits for it', () => {
    const h = buildH2CData(dg, 2, 1, 0, 1000, 1000, true);
    const ref = emitPdu(
      {
        type: PDU_H2C_DATA,
        flags: CH_FLAG_LAST_PDU,
        cccid: 2,
        ttag: 1,
        datao: 0,
        datal: 1000,
        data: bytesOf(h).subarray(28, 1028),
      },
      dg,
    );
    expect([...bytesOf(h)]).toEqual([...ref]);
    expect(h.data !== null && 'cid' in h.data).toBe(true);
  });
});

describe('PDU faults on built PDUs', () => {
  it('knows where each field is, and which PDUs lack it', () => {
    expect(fieldLocation(PDU_H2C_DATA, 'datal')).toEqual({ off: 16, width: 4 });
    expect(fieldLocation(PDU_CAPSULE_CMD, 'cccid')).toEqual({ off: 10, width: 2 });
    expect(fieldLocation(PDU_CAPSULE_CMD, 'ttag')).toBeNull();
    expect(fieldLocation(0, 'plen')).toEqual({ off: 4, width: 4 });
  });

  it('corrupting the data digest leaves the header and data intact', () => {
    const p = buildWriteCmd(dg, 1, 512, 0, true);
    const before = bytesOf(p);
    expect(applyPduFault(p, { kind: 'corrupt-ddgst', pdu: 3 })).toEqual({ a: 3, b: PDU_CAPSULE_CMD });
    const after = bytesOf(p);
    expect([...after.subarray(0, after.length - 4)]).toEqual([...before.subarray(0, before.length - 4)]);
    const r = parsePdu(after, 0, { hdgst: true, ddgst: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.headerDigest?.ok).toBe(true);
    expect(r.dataDigest?.ok).toBe(false);
  });

  it('corrupting a field of a PDU without header digest changes only that field', () => {
    const n = { hdgst: false, ddgst: false, cpda: 0 };
    const p = buildH2CData(n, 4, 2, 0, 512, 512, true);
    const before = bytesOf(p);
    expect(applyPduFault(p, { kind: 'corrupt-field', pdu: 1, field: 'datao', value: 0x01020304 })).toEqual({
      a: 12,
      b: 0x01020304,
    });
    const after = bytesOf(p);
    const diff = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(diff).toEqual([12, 13, 14, 15]);
    expect(applyPduFault(p, { kind: 'corrupt-hdgst', pdu: 1 })).toBeNull();
  });
});
