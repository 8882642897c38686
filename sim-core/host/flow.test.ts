import { describe, expect, it } from 'vitest';
import { checkPattern } from '../ledger/pattern';
import {
  CH_FLAG_LAST_PDU,
  PDU_CAPSULE_CMD,
  PDU_H2C_DATA,
  PDU_IC_REQ,
  parseConnectCommand,
  parseConnectData,
  parsePdu,
  SGL_ID_IN_CAPSULE,
  SGL_ID_TRANSPORT,
  sglId,
} from '../wire/nvme-tcp/index';
import { C_REQ_FAILED, C_TERM_REQ } from './codes';
import { allocCid } from './nvme-host';
import { hostDone, hostSummary } from './summary';
import { fakeTarget, hostScenario, hostSim, runSim } from './testkit';

describe('NVMe/TCP host over an ideal target', () => {
  it('sends ICReq first, with PFV 0, the HPDA and digest bits of the scenario and MAXR2T 0', () => {
    const s = hostScenario({ workload: { hpda: 3 }, spdk: { headerDigest: true, dataDigest: false } });
    const tgt = fakeTarget({ respond: false });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.frames.length).toBe(1);
    const payload = tgt.frames[0]!.f.payload;
    expect(payload.length).toBe(128);
    const p = parsePdu(payload);
    if (!p.ok) throw new Error(p.error);
    expect(p.value).toMatchObject({ type: PDU_IC_REQ, pfv: 0, hpda: 3, dgst: 1, maxr2t: 0 });
    expect(p.ch).toEqual({ type: 0, flags: 0, hlen: 128, pdo: 0, plen: 128 });
    expect(payload.subarray(16).every((x) => x === 0)).toBe(true);
    // Nothing answered: the host waits (and retransmits the ICReq after the RTO).
    expect(hostDone(sim.w)).toBe(false);
  });

  it('connects the I/O queue with a Fabrics Connect carrying 1024 bytes of connect data', () => {
    const s = hostScenario({ workload: { writes: 0, queueDepth: 4 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    expect(tgt.pdus.length).toBe(2);
    const c = tgt.pdus[1]!;
    expect(c.value.type).toBe(PDU_CAPSULE_CMD);
    const cmd = parseConnectCommand(c.psh);
    if (!cmd.ok) throw new Error(cmd.error);
    expect(cmd.value).toMatchObject({ qid: 1, sqsize: 3, cid: 0 });
    expect(sglId(cmd.value.sgl1)).toBe(SGL_ID_IN_CAPSULE);
    expect(cmd.value.sgl1.length).toBe(1024);
    expect(c.data.length).toBe(1024);
    const d = parseConnectData(c.data);
    if (!d.ok) throw new Error(d.error);
    expect(d.value.subnqn).toBe('nqn.2016-06.io.spdk:cnode1');
    expect(hostDone(sim.w)).toBe(true);
  });

  it('puts a write of exactly in_capsule_data_size in the capsule, and one LBA more behind an R2T', () => {
    for (const [io, inCapsule] of [
      [4096, true],
      [4608, false],
    ] as const) {
      const s = hostScenario({
        workload: { writes: 2, ioSizeBytes: io, queueDepth: 2 },
        spdk: { inCapsuleDataSize: 4096 },
      });
      const tgt = fakeTarget();
      const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
      runSim(sim);
      expect(tgt.errors).toEqual([]);
      const cmds = tgt.pdus.slice(2).filter((p) => p.value.type === PDU_CAPSULE_CMD);
      expect(cmds.length).toBe(2);
      for (const c of cmds) {
        if (c.value.type !== PDU_CAPSULE_CMD) continue;
        expect(sglId(c.value.sqe.sgl1)).toBe(inCapsule ? SGL_ID_IN_CAPSULE : SGL_ID_TRANSPORT);
        expect(c.value.sqe.sgl1.length).toBe(io);
        expect(c.data.length).toBe(inCapsule ? io : 0);
      }
      const h2c = tgt.pdus.filter((p) => p.value.type === PDU_H2C_DATA);
      expect(h2c.length).toBe(inCapsule ? 0 : 2);
      expect(hostSummary(sim.w).writesCompleted).toBe(2);
      expect(hostDone(sim.w)).toBe(true);
    }
  });

  it('splits an R2T range into H2CData PDUs of at most MAXH2CDATA, LAST_PDU only on the last', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 20480 },
      spdk: { headerDigest: true, dataDigest: true },
    });
    const tgt = fakeTarget({ maxh2cdata: 8192 });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const h2c = tgt.pdus.filter((p) => p.value.type === PDU_H2C_DATA);
    expect(h2c.map((p) => (p.value.type === PDU_H2C_DATA ? [p.value.datao, p.value.datal] : []))).toEqual([
      [0, 8192],
      [8192, 8192],
      [16384, 4096],
    ]);
    expect(h2c.map((p) => (p.ch.flags & CH_FLAG_LAST_PDU) !== 0)).toEqual([false, false, true]);
    for (const p of h2c) {
      expect(p.digestsOk).toBe(true);
      expect(p.ch.flags & 3).toBe(3);
      if (p.value.type === PDU_H2C_DATA) {
        expect(p.value.ttag).toBe(1);
        expect(checkPattern(p.data, 0, p.value.cccid, p.value.datao, p.value.datal)).toBe(-1);
      }
    }
    expect(hostSummary(sim.w)).toMatchObject({
      writesCompleted: 1,
      pdus: { ICReq: 1, CapsuleCmd: 2, H2CData: 3 },
    });
  });

  it('keeps queueDepth commands outstanding and uses command ids 1, 2, 3 ...', () => {
    const s = hostScenario({ workload: { writes: 7, ioSizeBytes: 512, queueDepth: 3 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    let maxInflight = 0;
    const orig = tgt.frameToTarget;
    const hooked = (sm: typeof sim, f: Uint8Array, id: number) => {
      maxInflight = Math.max(maxInflight, sm.w.host.nvme.inflight.length);
      orig(sm, f, id);
    };
    sim.hooks = { ...sim.hooks, frameToTarget: hooked } as typeof sim.hooks;
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const cids = tgt.pdus
      .slice(2)
      .map((p) => (p.value.type === PDU_CAPSULE_CMD ? p.value.sqe.cid : -1))
      .filter((c) => c >= 0);
    expect(cids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(maxInflight).toBe(3);
    expect(hostSummary(sim.w).writesCompleted).toBe(7);
  });

  it('wraps command ids below 0xffff and skips ids still in flight', () => {
    const s = hostScenario({ workload: { writes: 6, ioSizeBytes: 512, queueDepth: 3 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    sim.w.host.nvme.nextCid = 0xfffd;
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const cids = tgt.pdus
      .slice(2)
      .map((p) => (p.value.type === PDU_CAPSULE_CMD ? p.value.sqe.cid : -1))
      .filter((c) => c >= 0);
    expect(cids).toEqual([0xfffd, 0xfffe, 1, 2, 3, 4]);
    // Ids still outstanding are not handed out again.
    const n = sim.w.host.nvme;
    for (const cid of [1, 2])
      n.inflight.push({ cid, len: 0, inCapsule: true, state: 1, ttag: 0, datao: 0, issuedAt: 0 });
    n.nextCid = 0xfffe;
    expect([allocCid(sim), allocCid(sim)]).toEqual([0xfffe, 3]);
  });

  it('spaces command issues by the think time', () => {
    const s = hostScenario({
      workload: { writes: 3, ioSizeBytes: 512, queueDepth: 3, thinkTimeNs: 1_000_000 },
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const submits = sim.rec.rows.filter((r) => r.code === 105).map((r) => r.t);
    expect(submits.length).toBe(3);
    expect(submits[1]! - submits[0]!).toBe(1_000_000);
    expect(submits[2]! - submits[1]!).toBe(1_000_000);
  });

  it('records a failed write with its status and does not retry it', () => {
    const s = hostScenario({ workload: { writes: 3, ioSizeBytes: 512, queueDepth: 1 } });
    const tgt = fakeTarget({ statusFor: (cid) => (cid === 2 ? 0x22 : 0) });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const sum = hostSummary(sim.w);
    expect(sum.writesCompleted).toBe(2);
    expect(sum.writesFailed).toEqual([{ cid: 2, status: 0x22 }]);
    expect(sum.writesIssued).toBe(3);
    expect(sim.rec.rows.filter((r) => r.code === C_REQ_FAILED).length).toBe(1);
    expect(hostDone(sim.w)).toBe(true);
  });

  it('stops sending new PDUs after a C2HTermReq', () => {
    const s = hostScenario({ workload: { writes: 5, ioSizeBytes: 512, queueDepth: 1 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, {
      frameToTarget: (sm, f, id) => {
        tgt.frameToTarget(sm, f, id);
        // After the first write's completion, the "target" ends the connection.
        if (tgt.pdus.length === 3 && sm.w.host.nvme.termReqs.length === 0 && sm.w.host.nvme.completed === 0) {
          const term = new Uint8Array(24);
          term[0] = 0x03;
          term[2] = 24;
          term[4] = 24;
          term[8] = 0x02;
          term[10] = 7;
          sm.hooks.targetSend(sm, term);
        }
      },
    });
    runSim(sim);
    const sum = hostSummary(sim.w);
    expect(sum.termReqs).toEqual([{ fes: 2, fei: 7 }]);
    expect(sum.ended).toBe(true);
    expect(hostDone(sim.w)).toBe(true);
    expect(sim.rec.rows.some((r) => r.code === C_TERM_REQ)).toBe(true);
    // The first write's CapsuleResp raced the TermReq: nothing after the TermReq was queued.
    const termAt = sim.rec.rows.find((r) => r.code === C_TERM_REQ)!.t;
    expect(sim.rec.rows.filter((r) => r.code === 120 && r.t > termAt)).toEqual([]);
    expect(tgt.pdus.length).toBeLessThanOrEqual(4);
  });
});
