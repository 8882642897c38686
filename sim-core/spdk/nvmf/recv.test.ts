/**
 * The PDU receive machine, state by state (nvme_tcp_pdu_recv_state), with the header errors
 * of each state and the FES/FEI v24.09 sends for them.
 */
import { describe, expect, it } from 'vitest';
import { posixSockGroupImplPoll } from '../sock/group';
import { C_READ_DATA, C_READV_DATA, C_SEND_TERM_REQ, C_SET_DATA_BUF } from './codes';
import {
  FES_DATA_TRANSFER_OUT_OF_RANGE,
  FES_HDGST_ERROR,
  FES_INVALID_HEADER_FIELD,
  FES_PDU_SEQUENCE_ERROR,
  OFF_CH_VALID_BYTES,
  OFF_PSH_VALID_BYTES,
  QS_EXITED,
  QS_INVALID,
  QS_RUNNING,
  RS_AWAIT_PDU_BUF,
  RS_AWAIT_PDU_CH,
  RS_AWAIT_PDU_PAYLOAD,
  RS_AWAIT_PDU_PSH,
  RS_AWAIT_PDU_READY,
  RS_AWAIT_REQ,
  RS_ERROR,
  RS_QUIESCING,
} from './constants';
import { ctrlMsgPut } from './iobuf';
import { nvmfProcessPending } from './process';
import {
  changes,
  connected,
  connectPdu,
  drive,
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
} from './testkit';

const NO_DG = { hdgst: false, ddgst: false };

function poll(h: ReturnType<typeof harness>): void {
  posixSockGroupImplPoll(h.sim);
  sockCallback(h);
}

describe('AWAIT_PDU_READY', () => {
  it('takes the PDU set aside at init, zeroes it and gives it a fresh id', () => {
    const h = harness();
    const n = h.sim.w.nvmf;
    expect(n.pduWorkingCount).toBe(1);
    n.pdu!.img[40] = 0xee;
    h.sock.push(icReq().subarray(0, 3));
    poll(h);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_CH);
    expect(n.pdu!.img[40]).toBe(0);
    expect(n.pdu!.id).toBeGreaterThan(0);
    expect(n.pduWorkingCount).toBe(1);
  });

  it('waits when no receive PDU is free', () => {
    const h = harness();
    const n = h.sim.w.nvmf;
    n.pdu = null;
    n.pdusFree = 0;
    h.sock.push(icReq());
    poll(h);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_READY);
    expect(h.sock.pos).toBe(0);
  });
});

describe('AWAIT_PDU_CH', () => {
  it('keeps ch_valid_bytes across a short read: the CH arrives in two reads', () => {
    const h = harness();
    const n = h.sim.w.nvmf;
    const ic = icReq();
    h.sock.push(ic.subarray(0, 5));
    poll(h);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_CH);
    expect(n.pdu!.img[OFF_CH_VALID_BYTES]).toBe(5);
    h.sock.push(ic.subarray(5));
    poll(h);
    const reads = rows(h, C_READ_DATA);
    expect(reads.slice(0, 3).map((r) => [r.a, r.b])).toEqual([
      [8, 5],
      [3, 3],
      [120, 120],
    ]);
    expect(n.stats.chSplit).toBe(1);
    expect(h.sim.w.ledger.c['nvmf.ch_split_pdus']).toBe(1);
    expect(n.qpair.state).toBe(QS_RUNNING);
  });

  it('stays put on EAGAIN, and quiesces when the peer closed (read returns 0)', () => {
    let eof = false;
    const h = harness(nvmfScenario(), {
      hooks: { sockReadv: () => (eof ? 0 : -11), tcpReadable: () => true },
    });
    const n = h.sim.w.nvmf;
    poll(h);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_CH);
    eof = true;
    poll(h);
    // CH quiescing returns the PDU, so ERROR follows; no TermReq, so the qpair is dropped.
    expect(changes(h, 1, 0).map((c) => c[1])).toEqual([RS_AWAIT_PDU_CH, RS_QUIESCING, RS_ERROR]);
    expect(h.sent).toEqual([]);
    expect(n.qpair.state).toBe(QS_EXITED);
  });

  it('refuses anything but ICReq first: FES 0x02, then QUIESCING and ERROR, waiting for the host', () => {
    const h = harness();
    h.sock.push(connectPdu(NO_DG));
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(FES_PDU_SEQUENCE_ERROR);
    expect(t?.fei).toBe(0);
    expect(t?.plen).toBe(24 + 72);
    expect(h.sim.w.nvmf.recv.state).toBe(RS_ERROR);
    expect(h.sim.w.nvmf.qpair.state).toBe(QS_INVALID);
    expect(h.sock.pos).toBe(8);
  });

  it('refuses a second ICReq with FES 0x02; the FEI is what the ICResp left in those bytes', () => {
    const h = harness();
    h.sock.push(icReq({ hpda: 3, hdgst: true }));
    drive(h);
    h.sock.push(icReq());
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(FES_PDU_SEQUENCE_ERROR);
    // ICResp cpda (3) and dgst (1) sat at bytes 10-11, maxh2cdata 131072 low half at 12-13.
    expect(t?.fei).toBe(0x0103);
    expect(h.sim.w.nvmf.stats.termReqs[0]?.fei).toBe(0x0103);
  });

  it.each([
    ['unknown type', (p: Uint8Array) => (p[0] = 0x0a), 0],
    ['hlen', (p: Uint8Array) => (p[2] = 71), 2],
    ['plen below hlen', (p: Uint8Array) => put32(p, 4, 70), 4],
  ])('CapsuleCmd with a bad %s: FES 0x01 and the field offset as FEI', (_n, mutate, fei) => {
    const h = harness();
    connected(h);
    const p = writeInCapsule(NO_DG, 1, 512);
    mutate(p);
    h.sock.push(p);
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(FES_INVALID_HEADER_FIELD);
    expect(t?.fei).toBe(fei);
    expect(t?.data.subarray(0, 8)).toEqual(p.subarray(0, 8));
    expect(h.sim.w.nvmf.recv.state).toBe(RS_ERROR);
  });

  it('checks PDO alignment against CPDA (= the host HPDA): FEI 3', () => {
    const h = harness();
    const d = { hdgst: false, ddgst: false, cpda: 1 };
    h.sock.push(icReq({ hpda: 1 }));
    h.sock.push(connectPdu(d));
    drive(h);
    const p = writeInCapsule(d, 1, 512);
    expect(p[3]).toBe(72);
    p[3] = 76;
    h.sock.push(p);
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 3]]);
  });

  it('limits H2CTermReq to 152 bytes (FEI 4)', () => {
    const h = harness();
    connected(h);
    const p = new Uint8Array(200);
    p[0] = 0x02;
    p[2] = 24;
    put32(p, 4, 200);
    h.sock.push(p);
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 4]]);
  });
});

describe('AWAIT_PDU_PSH', () => {
  it('keeps psh_valid_bytes across short reads', () => {
    const h = harness();
    connected(h);
    const p = writeInCapsule(NO_DG, 1, 512);
    h.sock.push(p.subarray(0, 30));
    poll(h);
    const n = h.sim.w.nvmf;
    expect(n.recv.state).toBe(RS_AWAIT_PDU_PSH);
    expect(n.pdu!.img[OFF_PSH_VALID_BYTES]).toBe(22);
    h.sock.push(p.subarray(30));
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0 });
  });

  it('handles ICReq: digests, CPDA, recv pipe size, ICResp, RUNNING', () => {
    const h = harness();
    h.sock.push(icReq({ hdgst: true, ddgst: false, hpda: 2 }));
    drive(h);
    const n = h.sim.w.nvmf;
    expect([n.hostHdgst, n.hostDdgst, n.cpda]).toEqual([true, false, 2]);
    // (4096 + 72 + 8) * 8, less 32 for the data digest not used.
    expect(h.sim.w.sock.recvBufSz).toBe(33_376);
    const r = h.sent[0]!;
    expect([r[0], r[2], r[10], r[11]]).toEqual([0x01, 128, 2, 1]);
    expect(r.length).toBe(128);
    expect(r[12]! | (r[13]! << 8) | (r[14]! << 16)).toBe(131_072);
    expect(changes(h, 3, 0)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_CH);
  });

  it('without digests the pipe is 33,344 bytes', () => {
    const h = harness();
    h.sock.push(icReq());
    drive(h);
    expect(h.sim.w.sock.recvBufSz).toBe(33_344);
  });

  it.each([
    ['PFV', { pfv: 1 }, 8],
    ['HPDA', { hpda: 32 }, 10],
  ])(
    'refuses an ICReq with a bad %s (FES 0x01), and stays QUIESCING: the PDU is still counted',
    (_n, o, fei) => {
      const h = harness();
      h.sock.push(icReq(o));
      drive(h);
      const [t] = termReqs(h);
      expect([t?.fes, t?.fei, t?.plen]).toEqual([FES_INVALID_HEADER_FIELD, fei, 152]);
      expect(h.sim.w.nvmf.recv.state).toBe(RS_QUIESCING);
      expect(h.sim.w.nvmf.pduWorkingCount).toBe(1);
    },
  );

  it('header digest error: FES 0x03, QUIESCING, and nothing more is read', () => {
    const h = harness();
    const d = { hdgst: true, ddgst: false };
    connected(h, d);
    const p = writeInCapsule(d, 1, 512);
    p[72]! ^= 0x55;
    h.sock.push(p);
    const next = writeInCapsule(d, 2, 512);
    h.sock.push(next);
    drive(h);
    const [t] = termReqs(h);
    expect([t?.fes, t?.plen]).toEqual([FES_HDGST_ERROR, 24 + 72]);
    expect(t?.data).toEqual(p.subarray(0, 72));
    // From the PSH state the PDU in progress is not given back: v24.09 stays QUIESCING.
    expect(h.sim.w.nvmf.recv.state).toBe(RS_QUIESCING);
    expect(h.sim.w.nvmf.stats.hdgstErrors).toBe(1);
    // The sock layer may have pulled more into its pipe, but the target read nothing after the TermReq.
    const all = h.sim.rec.rows;
    const term = all.findIndex((r) => r.code === C_SEND_TERM_REQ);
    expect(all.slice(term).filter((r) => r.code === C_READ_DATA || r.code === C_READV_DATA)).toEqual([]);
    expect(responses(h).filter((r) => r.cid === 2)).toEqual([]);
  });
});

describe('AWAIT_REQ', () => {
  it('quiesces when the host sends more commands than there are requests', () => {
    const h = harness(nvmfScenario({ maxQueueDepth: 2 }), { immediateBackend: false });
    connected(h);
    for (const cid of [1, 2, 3]) h.sock.push(writeInCapsule(NO_DG, cid, 512));
    h.backlog.length = 0;
    poll(h);
    // The Connect's request went back to the tail of the free list.
    expect(h.backlog).toEqual([1, 0]);
    expect(h.sim.w.nvmf.recv.state).toBe(RS_QUIESCING);
    expect(termReqs(h)).toEqual([]);
  });

  it('waits while responses are being written, and takes the command once one is', () => {
    const h = harness(nvmfScenario({ maxQueueDepth: 2 }));
    connected(h);
    for (const cid of [1, 2, 3]) h.sock.push(writeInCapsule(NO_DG, cid, 512));
    poll(h);
    expect(h.sim.w.nvmf.recv.state).toBe(RS_AWAIT_REQ);
    expect(responses(h).map((r) => r.cid)).toEqual([0]);
    nvmfProcessPending(h.sim);
    drive(h);
    expect(responses(h).map((r) => r.cid)).toEqual([0, 1, 2, 3]);
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(3 * 512);
  });
});

describe('AWAIT_PDU_BUF', () => {
  it('waits for a control-message buffer for large fabrics in-capsule data', () => {
    const h = harness(nvmfScenario({ inCapsuleDataSize: 512 }));
    const n = h.sim.w.nvmf;
    const msgs = n.ctrlMsg!.free;
    n.ctrlMsg!.free = [];
    h.sock.push(icReq());
    h.sock.push(connectPdu(NO_DG));
    drive(h);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_BUF);
    expect(n.ctrlMsg!.waiting).toEqual([0]);
    n.ctrlMsg!.free = msgs.slice(1);
    ctrlMsgPut(h.sim, msgs[0]!, -1);
    expect(n.recv.state).toBe(RS_AWAIT_PDU_PAYLOAD);
    drive(h);
    expect(responses(h)).toMatchObject([{ cid: 0, status: 0, cdw0: 1 }]);
    // Back on the free list when the Connect is done.
    expect(n.ctrlMsg!.free).toHaveLength(32);
  });

  it('refuses in-capsule data over in_capsule_data_size for an I/O command: FES 0x05', () => {
    const h = harness(nvmfScenario({ inCapsuleDataSize: 1024 }));
    connected(h);
    h.sock.push(writeInCapsule(NO_DG, 1, 2048));
    drive(h);
    expect(termReqs(h).map((t) => t.fes)).toEqual([0x05]);
  });
});

describe('AWAIT_PDU_PAYLOAD', () => {
  it('advances rw_offset over short reads', () => {
    const h = harness();
    connected(h);
    const p = writeInCapsule(NO_DG, 1, 4096);
    h.sock.push(p.subarray(0, 1000));
    poll(h);
    const n = h.sim.w.nvmf;
    expect(n.recv.state).toBe(RS_AWAIT_PDU_PAYLOAD);
    expect(n.pdu!.rwOffset).toBe(1000 - 72);
    h.sock.push(p.subarray(1000));
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0 });
    expect(n.stats.integrityBytesOk).toBe(4096);
  });

  it('maps one H2CData over several io_unit_size buffers and reads them with one readv', () => {
    const h = harness(nvmfScenario({ ioUnitSize: 4096 }));
    connected(h);
    h.sock.push(writeCmd(NO_DG, 7, 16_384));
    drive(h);
    const [r] = r2ts(h);
    expect(r).toEqual({ cccid: 7, ttag: 2, r2to: 0, r2tl: 16_384 });
    h.sock.push(h2cData(NO_DG, 7, r!.ttag, 0, 6000, false));
    h.sock.push(h2cData(NO_DG, 7, r!.ttag, 6000, 10_384, true));
    drive(h);
    expect(rows(h, C_SET_DATA_BUF).map((x) => x.a)).toEqual([1, 2, 3]);
    expect(rows(h, C_READV_DATA).map((x) => x.a)).toEqual([6000, 10_384]);
    expect(responses(h).at(-1)).toMatchObject({ cid: 7, status: 0 });
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(16_384);
  });

  it('H2CData checks: datao must be where the request is, and fit its length (FES 0x04)', () => {
    for (const [datao, len] of [
      [512, 512],
      [0, 8192],
    ] as const) {
      const h = harness();
      connected(h);
      h.sock.push(writeCmd(NO_DG, 1, 4096));
      drive(h);
      h.sock.push(h2cData(NO_DG, 1, 2, datao, len, true));
      drive(h);
      expect(termReqs(h).map((t) => t.fes)).toEqual([FES_DATA_TRANSFER_OUT_OF_RANGE]);
    }
  });

  it('data digest error: status 0x22 without executing; the connection stays and the next write completes', () => {
    const h = harness(nvmfScenario(), { immediateBackend: false });
    const d = { hdgst: false, ddgst: true };
    connected(h, d);
    const bad = writeInCapsule(d, 1, 4096);
    bad[bad.length - 1]! ^= 1;
    h.sock.push(bad);
    h.sock.push(writeCmd(d, 2, 8192));
    drive(h);
    const [r] = r2ts(h);
    h.sock.push(h2cData(d, 2, r!.ttag, 0, 8192, true));
    drive(h);
    expect(responses(h).map((x) => [x.cid, x.status])).toEqual([
      [0, 0],
      [1, 0x22],
      [2, 0],
    ]);
    expect(h.sim.w.nvmf.stats.failed).toEqual([{ cid: 1, status: 0x22 }]);
    expect(h.sim.w.nvmf.stats.integrityBytesOk).toBe(8192);
    expect(h.sim.w.nvmf.recv.state).toBe(RS_AWAIT_PDU_CH);
    expect(termReqs(h)).toEqual([]);
  });
});

describe('QUIESCING and ERROR', () => {
  it('an H2CTermReq from the host ends in ERROR and the qpair is dropped', () => {
    const h = harness();
    connected(h);
    const p = new Uint8Array(32);
    p[0] = 0x02;
    p[2] = 24;
    put32(p, 4, 32);
    p[8] = 0x01;
    h.sock.push(p);
    drive(h);
    expect(
      changes(h, 1, 0)
        .slice(-4)
        .map((c) => c[1]),
    ).toEqual([RS_AWAIT_PDU_PAYLOAD, RS_AWAIT_PDU_READY, RS_QUIESCING, RS_ERROR]);
    expect(h.sim.w.nvmf.qpair.state).toBe(QS_EXITED);
  });

  it('an H2CTermReq with an unknown FES is answered with FES 0x01 at offset 8', () => {
    const h = harness();
    connected(h);
    const p = new Uint8Array(32);
    p[0] = 0x02;
    p[2] = 24;
    put32(p, 4, 32);
    p[8] = 0x07;
    h.sock.push(p);
    drive(h);
    expect(termReqs(h).map((t) => [t.fes, t.fei])).toEqual([[FES_INVALID_HEADER_FIELD, 8]]);
  });
});
