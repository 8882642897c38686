/**
 * The tcp_req machine, state by state (spdk_nvmf_tcp_req_state), the SGL checks of
 * nvmf_tcp_req_parse_sgl and the H2CData header checks, each with v24.09's FES and FEI.
 */
import { describe, expect, it } from 'vitest';
import { emitPdu, PDU_CAPSULE_CMD } from '../../wire/nvme-tcp/index';
import { posixSockGroupImplPoll } from '../sock/group';
import { C_SEND_R2T } from './codes';
import {
  FES_DATA_TRANSFER_LIMIT_EXCEEDED,
  FES_INVALID_DATA_UNSUPPORTED_PARAMETER,
  FES_INVALID_HEADER_FIELD,
  FES_PDU_SEQUENCE_ERROR,
  TS_AWAITING_R2T_ACK,
  TS_COMPLETED,
  TS_EXECUTED,
  TS_EXECUTING,
  TS_FREE,
  TS_HAVE_BUFFER,
  TS_NEED_BUFFER,
  TS_NEW,
  TS_READY_TO_COMPLETE,
  TS_READY_TO_EXECUTE,
  TS_TRANSFERRING_C2H,
  TS_TRANSFERRING_H2C,
} from './constants';
import { nvmfBackendDone, nvmfProcessPending } from './process';
import {
  changes,
  connected,
  drive,
  h2cAll,
  h2cData,
  harness,
  icReq,
  nvmfScenario,
  put32,
  r2ts,
  responses,
  rows,
  sockCallback,
  termReqs,
  writeCmd,
  writeInCapsule,
  writeSqe,
} from './testkit';

const NO_DG = { hdgst: false, ddgst: false };

function poll(h: ReturnType<typeof harness>): void {
  posixSockGroupImplPoll(h.sim);
  sockCallback(h);
}

/** A CapsuleCmd with a hand-made SQE and optional in-capsule data. */
function capsule(sqe: ReturnType<typeof writeSqe>, data?: Uint8Array): Uint8Array {
  return emitPdu(
    data ? { type: PDU_CAPSULE_CMD, flags: 0, sqe, data } : { type: PDU_CAPSULE_CMD, flags: 0, sqe },
    NO_DG,
  );
}

describe('FREE -> NEW -> ... -> FREE', () => {
  it('in-capsule write: NEW, NEED_BUFFER, HAVE_BUFFER, TRANSFERRING_HOST_TO_CONTROLLER, READY_TO_EXECUTE, EXECUTING ...', () => {
    const h = harness(nvmfScenario(), { immediateBackend: false });
    connected(h);
    h.sock.push(writeInCapsule(NO_DG, 5, 4096));
    poll(h);
    const req = h.sim.w.nvmf.reqs[1]!;
    expect(req.state).toBe(TS_EXECUTING);
    nvmfBackendDone(h.sim, 1);
    expect(req.state).toBe(TS_TRANSFERRING_C2H);
    nvmfProcessPending(h.sim);
    expect(req.state).toBe(TS_FREE);
    expect(changes(h, 2, 1).map((c) => c[1])).toEqual([
      TS_NEW,
      TS_NEED_BUFFER,
      TS_HAVE_BUFFER,
      TS_TRANSFERRING_H2C,
      TS_READY_TO_EXECUTE,
      TS_EXECUTING,
      TS_EXECUTED,
      TS_READY_TO_COMPLETE,
      TS_TRANSFERRING_C2H,
      TS_COMPLETED,
      TS_FREE,
    ]);
    expect(responses(h).at(-1)).toMatchObject({ cid: 5, status: 0 });
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(4096);
  });

  it('R2T write: one R2T (ttag = index + 1, r2to 0, r2tl = length), AWAITING_R2T_ACK until it is flushed', () => {
    const h = harness(nvmfScenario({ ioUnitSize: 8192 }));
    connected(h);
    h.sock.push(writeCmd(NO_DG, 9, 32_768));
    poll(h);
    const req = h.sim.w.nvmf.reqs[1]!;
    expect(req.state).toBe(TS_AWAITING_R2T_ACK);
    expect(r2ts(h)).toEqual([]);
    nvmfProcessPending(h.sim);
    expect(req.state).toBe(TS_TRANSFERRING_H2C);
    expect(r2ts(h)).toEqual([{ cccid: 9, ttag: 2, r2to: 0, r2tl: 32_768 }]);
    expect(rows(h, C_SEND_R2T)).toHaveLength(1);
    // Several H2CData PDUs, the last flagged LAST_PDU.
    for (const p of h2cAll(NO_DG, 9, 2, 32_768, 8192)) h.sock.push(p);
    drive(h);
    expect(r2ts(h)).toHaveLength(1);
    expect(responses(h).at(-1)).toMatchObject({ cid: 9, status: 0 });
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(32_768);
    expect(h.sim.w.nvmf.iobuf.owner.every((o) => o === -1)).toBe(true);
  });

  it('data that arrives while the R2T is still queued is taken (AWAITING_R2T_ACK), and the R2T write finishes it', () => {
    const h = harness();
    connected(h);
    h.sock.push(writeCmd(NO_DG, 3, 4096));
    h.sock.push(h2cData(NO_DG, 3, 2, 0, 4096, true));
    poll(h);
    const req = h.sim.w.nvmf.reqs[1]!;
    expect(req.state).toBe(TS_AWAITING_R2T_ACK);
    expect(req.h2cOffset).toBe(4096);
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 3, status: 0 });
  });

  it('NEW with no data (zero-length SGL) goes straight to READY_TO_EXECUTE', () => {
    const h = harness();
    connected(h);
    h.sock.push(
      capsule({ ...writeSqe(4, 512, false), sgl1: { ...writeSqe(4, 512, false).sgl1, length: 0 } }),
    );
    drive(h);
    expect(
      changes(h, 2, 1)
        .slice(0, 3)
        .map((c) => c[1]),
    ).toEqual([TS_NEW, TS_READY_TO_EXECUTE, TS_EXECUTING]);
    expect(responses(h).at(-1)).toMatchObject({ cid: 4, status: 0 });
  });

  it('a bidirectional opcode completes with Invalid Opcode without running', () => {
    const h = harness(nvmfScenario(), { immediateBackend: false });
    connected(h);
    h.sock.push(capsule({ ...writeSqe(6, 512, false), opcode: 0x03 }));
    drive(h);
    expect(h.backlog).toEqual([]);
    expect(responses(h).at(-1)).toMatchObject({ cid: 6, status: 0x01 });
  });

  it('before Connect, an I/O command completes with Command Sequence Error', () => {
    const h = harness();
    h.sock.push(icReq());
    h.sock.push(writeInCapsule(NO_DG, 1, 512));
    drive(h);
    expect(responses(h)).toMatchObject([{ cid: 1, status: 0x0c }]);
    expect(h.sim.w.nvmf.stats.failed).toEqual([{ cid: 1, status: 0x0c }]);
  });

  it('Connect: success, controller id 1, SQ head wraps at the SQ size', () => {
    const h = harness();
    connected(h);
    expect(responses(h)).toEqual([{ cid: 0, status: 0, sqhd: 1, cdw0: 1 }]);
    expect(h.sim.w.nvmf.qid).toBe(1);
    expect(h.sim.w.nvmf.sqHeadMax).toBe(127);
    expect(h.sim.w.nvmf.stats.fabricsCompleted).toBe(1);
  });
});

describe('NEED_BUFFER', () => {
  it('waits for the pool with a tiny pool and gets the buffers handed over when they come back', () => {
    const h = harness(nvmfScenario({ ioUnitSize: 4096, numSharedBuffers: 4, bufCacheSize: 0 }));
    connected(h);
    h.sock.push(writeCmd(NO_DG, 1, 16_384));
    h.sock.push(writeCmd(NO_DG, 2, 8192));
    poll(h);
    const n = h.sim.w.nvmf;
    expect(n.reqs[2]!.state).toBe(TS_NEED_BUFFER);
    expect(n.iobuf.queue).toEqual([2]);
    expect(n.stats.needBufferWaits).toBe(1);
    expect(h.sim.w.ledger.c['nvmf.need_buffer_waits']).toBe(1);
    nvmfProcessPending(h.sim);
    const [r1] = r2ts(h);
    for (const p of h2cAll(NO_DG, 1, r1!.ttag, 16_384, 16_384)) h.sock.push(p);
    drive(h);
    // Write 1 completed and gave its four buffers back: write 2 got two of them.
    const r = r2ts(h);
    expect(r.map((x) => x.cccid)).toEqual([1, 2]);
    for (const p of h2cAll(NO_DG, 2, r[1]!.ttag, 8192, 8192)) h.sock.push(p);
    drive(h);
    expect(responses(h).map((x) => x.cid)).toEqual([0, 1, 2]);
    expect(n.stats.integrityBytesOk).toBe(16_384 + 8192);
  });
});

describe('nvmf_tcp_req_parse_sgl errors', () => {
  it("Transport Data Block over max_io_size: FES 0x05; the copied header is the request's own (empty) PDU", () => {
    const h = harness();
    connected(h);
    h.sock.push(writeCmd(NO_DG, 1, 262_144));
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(FES_DATA_TRANSFER_LIMIT_EXCEEDED);
    expect(t?.plen).toBe(24);
  });

  it('the copied header of a later use of the slot is its last response (CapsuleResp, 24 bytes)', () => {
    const h = harness(nvmfScenario({ maxQueueDepth: 2 }));
    connected(h);
    h.sock.push(writeInCapsule(NO_DG, 1, 512));
    drive(h);
    h.sock.push(writeCmd(NO_DG, 2, 262_144));
    drive(h);
    const [t] = termReqs(h);
    expect(t?.plen).toBe(48);
    expect(t?.data[0]).toBe(0x05);
  });

  it('in-capsule length not equal to the SGL length: FES 0x01 at plen (4)', () => {
    const h = harness();
    connected(h);
    h.sock.push(capsule(writeSqe(1, 1024, true), new Uint8Array(512)));
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 4]]);
  });

  it('in-capsule data at a non-zero offset: FES 0x06 at the SGL address (32)', () => {
    const h = harness();
    connected(h);
    const sqe = writeSqe(1, 512, true);
    h.sock.push(capsule({ ...sqe, sgl1: { ...sqe.sgl1, address: 8n } }, new Uint8Array(512)));
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_DATA_UNSUPPORTED_PARAMETER, 32]]);
  });

  it('any other SGL: FES 0x06 at the SGL identifier (40)', () => {
    const h = harness();
    connected(h);
    const sqe = writeSqe(1, 512, true);
    h.sock.push(capsule({ ...sqe, sgl1: { ...sqe.sgl1, type: 0x4, subtype: 0 } }));
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_DATA_UNSUPPORTED_PARAMETER, 40]]);
  });

  /** The in-capsule write of cid 1 with its data moved to `pdo`. */
  const atPdo = (pdo: number) => {
    const p = writeInCapsule(NO_DG, 1, 512);
    const bad = new Uint8Array(pdo + 512);
    bad.set(p.subarray(0, 72));
    bad.set(p.subarray(72), pdo);
    bad[3] = pdo;
    return put32(bad, 4, bad.length);
  };

  it('PDO above 128 is refused after the in-capsule data is in: FES 0x01 at pdo (3)', () => {
    const h = harness();
    connected(h);
    h.sock.push(atPdo(136));
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 3]]);
  });

  it('PDO past the 152-byte header buffer: the header read overwrites psh_len, so the length check fails first', () => {
    const h = harness();
    connected(h);
    h.sock.push(atPdo(200));
    drive(h);
    // v24.09 reads 192 header bytes into a 152-byte buffer; byte 166 (psh_len) is then 0.
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 4]]);
  });
});

describe('nvmf_tcp_h2c_data_hdr_handle errors', () => {
  const cases: [string, (ttag: number) => Uint8Array, number, number][] = [
    ['ttag beyond the requests', () => h2cData(NO_DG, 1, 200, 0, 512, true), FES_PDU_SEQUENCE_ERROR, 0],
    [
      'ttag of a request not waiting for data',
      () => h2cData(NO_DG, 1, 5, 0, 512, true),
      FES_INVALID_HEADER_FIELD,
      10,
    ],
    ['ttag 0', () => h2cData(NO_DG, 1, 0, 0, 512, true), FES_INVALID_HEADER_FIELD, 10],
    ['wrong cccid', (t) => h2cData(NO_DG, 77, t, 0, 512, true), FES_PDU_SEQUENCE_ERROR, 0],
  ];
  it.each(cases)('%s', (_n, make, fes, fei) => {
    const h = harness();
    connected(h);
    h.sock.push(writeCmd(NO_DG, 1, 4096));
    drive(h);
    h.sock.push(make(r2ts(h)[0]!.ttag));
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(fes);
    // FEI is only written for FES 0x01 and 0x06; otherwise it holds the ICResp's old bytes (0 here).
    expect(t?.fei).toBe(fei);
  });
});

describe('READY_TO_EXECUTE: fused commands', () => {
  const fused = (cid: number, fuse: number) => {
    const sqe = writeSqe(cid, 512, true);
    return capsule({ ...sqe, flags: (sqe.flags & ~3) | fuse }, new Uint8Array(512));
  };

  it('FIRST waits for its SECOND; both run back to back', () => {
    const h = harness(nvmfScenario(), { immediateBackend: false });
    connected(h);
    h.sock.push(fused(1, 1));
    poll(h);
    expect(h.sim.w.nvmf.reqs[1]!.state).toBe(TS_READY_TO_EXECUTE);
    h.sock.push(fused(2, 2));
    poll(h);
    expect(h.backlog).toEqual([1, 2]);
  });

  it('FIRST followed by a plain command fails with Aborted - Missing Fused (0x0a)', () => {
    const h = harness();
    connected(h);
    h.sock.push(fused(1, 1));
    h.sock.push(writeInCapsule(NO_DG, 2, 512));
    drive(h);
    expect(responses(h).map((r) => [r.cid, r.status])).toEqual([
      [0, 0],
      [1, 0x0a],
      [2, 0],
    ]);
  });

  it('SECOND without FIRST fails', () => {
    const h = harness();
    connected(h);
    h.sock.push(fused(1, 2));
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0x0a });
  });
});

describe('EXECUTED and the backend', () => {
  it('stays EXECUTING until the backend calls back', () => {
    const h = harness(nvmfScenario(), { immediateBackend: false });
    connected(h);
    h.sock.push(writeInCapsule(NO_DG, 1, 512));
    poll(h);
    expect(h.sim.w.nvmf.reqs[1]!.state).toBe(TS_EXECUTING);
    nvmfProcessPending(h.sim);
    expect(h.sim.w.nvmf.reqs[1]!.state).toBe(TS_EXECUTING);
    nvmfBackendDone(h.sim, 1);
    expect(changes(h, 2, 1).map((c) => c[1])).toContain(TS_EXECUTED);
  });

  it('refuses a completion for a request that is not executing (a bug in the caller)', () => {
    const h = harness();
    expect(() => nvmfBackendDone(h.sim, 3)).toThrow(/not executing/);
  });
});

describe('TRANSFERRING_CONTROLLER_TO_HOST (reads)', () => {
  it('a read sends its data in one C2HData with LAST_PDU and SUCCESS, and no CapsuleResp', () => {
    const h = harness();
    connected(h);
    h.sock.push(capsule({ ...writeSqe(3, 4096, false), opcode: 0x02 }));
    drive(h);
    const c2h = h.sent.filter((p) => p[0] === 0x07);
    expect(c2h).toHaveLength(1);
    expect(c2h[0]![1]).toBe(0x0c);
    expect(c2h[0]!.length).toBe(24 + 4096);
    expect(responses(h).map((r) => r.cid)).toEqual([0]);
    expect(h.sim.w.nvmf.reqs[1]!.state).toBe(TS_FREE);
    expect(h.sim.w.nvmf.stats.completed).toBe(1);
  });
});
