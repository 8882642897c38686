import { describe, expect, it } from 'vitest';
import { posixSockGroupImplPoll } from '../sock/group';
import { C_ACCEL_DONE, C_ACCEL_SUBMIT, C_DDGST_OK, C_INTEGRITY_BAD } from './codes';
import { FES_DATA_TRANSFER_OUT_OF_RANGE, TS_TRANSFERRING_H2C } from './constants';
import { nvmfProcessPending } from './process';
import { nvmfSummary } from './summary';
import {
  connected,
  drive,
  h2cData,
  harness,
  r2ts,
  responses,
  rows,
  sockCallback,
  termReqs,
  writeCmd,
  writeInCapsule,
} from './testkit';

const DD = { hdgst: false, ddgst: true };

describe('data digest', () => {
  it('Connect (queue id 0 until it runs) is checked in line; I/O data through the accel framework, answered at the next poll', () => {
    const h = harness();
    connected(h, DD);
    expect(rows(h, C_DDGST_OK)).toHaveLength(1);
    expect(rows(h, C_ACCEL_SUBMIT)).toEqual([]);
    h.sock.push(writeInCapsule(DD, 1, 4096));
    posixSockGroupImplPoll(h.sim);
    sockCallback(h);
    const req = h.sim.w.nvmf.reqs[1]!;
    expect(rows(h, C_ACCEL_SUBMIT)).toHaveLength(1);
    // The receive side already waits for the next PDU; the request waits for the digest.
    expect(req.state).toBe(TS_TRANSFERRING_H2C);
    expect(h.sim.w.nvmf.pduWorkingCount).toBe(2);
    nvmfProcessPending(h.sim);
    expect(rows(h, C_ACCEL_DONE).map((r) => r.a)).toEqual([1]);
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0 });
  });

  it('two H2CData for one R2T: the second header is checked before the accel callback counts the first (FES 0x04)', () => {
    const h = harness();
    connected(h, DD);
    h.sock.push(writeCmd(DD, 1, 8192));
    drive(h);
    const [r] = r2ts(h);
    h.sock.push(h2cData(DD, 1, r!.ttag, 0, 4096, false));
    h.sock.push(h2cData(DD, 1, r!.ttag, 4096, 4096, true));
    drive(h);
    const [t] = termReqs(h);
    expect(t?.fes).toBe(FES_DATA_TRANSFER_OUT_OF_RANGE);
    // FEI is not written for FES 0x04: the ICResp's bytes (cpda 0, dgst 2) are still there.
    expect(t?.fei).toBe(0x200);
  });

  it('the same PDUs one poll apart are fine', () => {
    const h = harness();
    connected(h, DD);
    h.sock.push(writeCmd(DD, 1, 8192));
    drive(h);
    const [r] = r2ts(h);
    h.sock.push(h2cData(DD, 1, r!.ttag, 0, 4096, false));
    drive(h);
    h.sock.push(h2cData(DD, 1, r!.ttag, 4096, 4096, true));
    drive(h);
    expect(responses(h).at(-1)).toMatchObject({ cid: 1, status: 0 });
  });
});

describe('integrity', () => {
  it('without digests a corrupted payload byte completes the write with wrong data: counted', () => {
    const d = { hdgst: false, ddgst: false };
    const h = harness();
    connected(h, d);
    const p = writeInCapsule(d, 9, 1024);
    p[72 + 100]! ^= 0xff;
    h.sock.push(p);
    h.sock.push(writeInCapsule(d, 10, 1024));
    drive(h);
    expect(rows(h, C_INTEGRITY_BAD)).toEqual([{ obj: 1, a: 100, b: 9 }]);
    const s = nvmfSummary(h.sim.w);
    expect(s.integrity).toEqual({ ok: false, payloadBytes: 1024, errors: 1, badCids: [9] });
    expect(h.sim.w.ledger.c['nvmf.integrity_errors']).toBe(1);
    expect(h.sim.w.ledger.c['nvmf.integrity_bytes_ok']).toBe(1024);
  });

  it('the summary counts PDUs by type, completions apart from Connect, TermReqs', () => {
    const d = { hdgst: false, ddgst: false };
    const h = harness();
    connected(h, d);
    h.sock.push(writeInCapsule(d, 1, 512));
    h.sock.push(writeCmd(d, 2, 8192));
    drive(h);
    h.sock.push(h2cData(d, 2, r2ts(h)[0]!.ttag, 0, 8192, true));
    drive(h);
    const s = nvmfSummary(h.sim.w);
    expect(s.pdus).toEqual({ ICReq: 1, CapsuleCmd: 3, H2CData: 1 });
    expect([s.completed, s.writesCompleted, s.fabricsCompleted, s.failed, s.termReqs]).toEqual([
      2,
      2,
      1,
      [],
      [],
    ]);
    expect(s.integrity).toMatchObject({ ok: true, payloadBytes: 512 + 8192, errors: 0 });
  });
});
