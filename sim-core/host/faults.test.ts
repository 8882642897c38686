import { describe, expect, it } from 'vitest';
import { codeInfo } from '../trace/codes';
import { getU16LE, getU32LE } from '../wire/bytes';
import { crc32c } from '../wire/crc32c';
import { PDU_CAPSULE_CMD, PDU_H2C_DATA, parsePdu } from '../wire/nvme-tcp/index';
import {
  C_FAULT_DDGST,
  C_FAULT_DROP,
  C_FAULT_DUP,
  C_FAULT_FIELD,
  C_FAULT_HDGST,
  C_FAULT_HOLD,
  C_FAULT_NOT_APPLIED,
  C_TCP_RETRANSMIT,
  C_TCP_XMIT,
  C_TERM_REQ,
  C_WIRE_RELEASE,
} from './codes';
import { hostSummary } from './summary';
import { captureAll, fakeTarget, hostScenario, hostSim, runSim } from './testkit';

function seqOf(c: { f: { tcp: { seq: number } } }): number {
  return c.f.tcp.seq;
}

describe('segment faults', () => {
  it('drop: the segment never reaches the target port (nor the pcap), and TCP resends it', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 16384 },
      faults: [{ kind: 'drop-segment', segment: 4 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    const cap = captureAll(sim);
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const drop = sim.rec.rows.find((r) => r.code === C_FAULT_DROP)!;
    expect(drop.a).toBe(4);
    expect(codeInfo(C_FAULT_DROP)?.marker).toBe('error');
    // The dropped frame id was never delivered; its bytes came later in a retransmission.
    expect(tgt.frames.some((f) => f.id === drop.obj)).toBe(false);
    expect(cap.tapped.length).toBe(tgt.frames.length);
    const dataSeqs = tgt.frames.filter((f) => f.f.payload.length > 0).map(seqOf);
    const base = (sim.w.host.tcp.iss + 1) >>> 0;
    expect(dataSeqs.filter((q) => q === (base + drop.b) >>> 0).length).toBe(1);
    expect(hostSummary(sim.w)).toMatchObject({ writesCompleted: 1, retransmissions: 1, faultsApplied: 1 });
  });

  it('duplicate: the same bytes reach the target twice, back to back', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 16384 },
      faults: [{ kind: 'duplicate-segment', segment: 4 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const dup = sim.rec.rows.find((r) => r.code === C_FAULT_DUP)!;
    const i = tgt.frames.findIndex((f) => f.id === dup.obj);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(tgt.frames[i + 1]!.id).toBe(dup.b);
    expect([...tgt.frames[i + 1]!.bytes]).toEqual([...tgt.frames[i]!.bytes]);
    expect(hostSummary(sim.w).writesCompleted).toBe(1);
  });

  it('reorder: the segment arrives after the next `by` segments', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 16384 },
      faults: [{ kind: 'reorder-segment', segment: 4, by: 2 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const hold = sim.rec.rows.find((r) => r.code === C_FAULT_HOLD)!;
    expect(sim.rec.rows.some((r) => r.code === C_WIRE_RELEASE && r.obj === hold.obj)).toBe(true);
    const data = tgt.frames.filter((f) => f.f.payload.length > 0);
    const i = data.findIndex((f) => f.id === hold.obj);
    // Segments 5 and 6 overtook segment 4: the held one is the third of the three.
    expect(i).toBe(5);
    expect(seqOf(data[3]!)).toBeGreaterThan(seqOf(data[5]!));
    expect(seqOf(data[4]!)).toBeGreaterThan(seqOf(data[5]!));
    expect(hostSummary(sim.w)).toMatchObject({ writesCompleted: 1, retransmissions: 0 });
  });
});

describe('reorder when the window holds the sender back', () => {
  it('releases the held segment after `by` frame times at most, so no timeout is needed', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 16384 },
      faults: [{ kind: 'reorder-segment', segment: 4, by: 5 }],
    });
    const tgt = fakeTarget({ window: 3000 });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const hold = sim.rec.rows.find((r) => r.code === C_FAULT_HOLD)!;
    const release = sim.rec.rows.find((r) => r.code === C_WIRE_RELEASE)!;
    expect(release.obj).toBe(hold.obj);
    expect(release.t - hold.t).toBe(5 * 12304);
    expect(hostSummary(sim.w)).toMatchObject({ writesCompleted: 1, timeouts: 0 });
  });
});

describe('PDU faults', () => {
  const digests = { headerDigest: true, dataDigest: true, inCapsuleDataSize: 4096 };

  it('corrupt-hdgst flips the header digest of PDU K only', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 2048 },
      spdk: digests,
      faults: [{ kind: 'corrupt-hdgst', pdu: 3 }],
    });
    const tgt = fakeTarget({ respond: true });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const p = tgt.pdus[2]!;
    expect(p.value.type).toBe(PDU_CAPSULE_CMD);
    expect(p.headerDigest?.ok).toBe(false);
    expect(p.headerDigest?.received).toBe(~p.headerDigest!.computed >>> 0);
    expect(p.dataDigest?.ok).toBe(true);
    expect(tgt.pdus[1]!.digestsOk).toBe(true);
    expect(sim.rec.rows.filter((r) => r.code === C_FAULT_HDGST).map((r) => r.a)).toEqual([3]);
  });

  it('corrupt-ddgst flips the data digest of PDU K only', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 8192 },
      spdk: digests,
      faults: [{ kind: 'corrupt-ddgst', pdu: 4 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const h2c = tgt.pdus[3]!;
    expect(h2c.value.type).toBe(PDU_H2C_DATA);
    expect(h2c.headerDigest?.ok).toBe(true);
    expect(h2c.dataDigest?.ok).toBe(false);
    expect(sim.rec.rows.some((r) => r.code === C_FAULT_DDGST)).toBe(true);
  });

  it('corrupt-field overwrites the field and recomputes the header digest', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 8192 },
      spdk: digests,
      faults: [{ kind: 'corrupt-field', pdu: 4, field: 'ttag', value: 77 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual(['H2CData with unknown ttag 77']);
    const h2c = tgt.pdus[3]!;
    expect(h2c.headerDigest?.ok).toBe(true);
    const row = sim.rec.rows.find((r) => r.code === C_FAULT_FIELD)!;
    expect([row.a, row.b]).toEqual([10, 77]);
  });

  it('corrupt-field of plen leaves the real PDU length and a valid header digest', () => {
    const s = hostScenario({
      workload: { writes: 0 },
      spdk: { headerDigest: true },
      faults: [{ kind: 'corrupt-field', pdu: 2, field: 'plen', value: 9999 }],
    });
    const tgt = fakeTarget({ respond: true });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const stream = tgt.stream();
    // ICReq (128) then the Connect capsule: 72 + 4 header digest + 1024 data, plen field says 9999.
    expect(stream.length).toBe(128 + 72 + 4 + 1024);
    expect(getU32LE(stream, 128 + 4)).toBe(9999);
    expect(getU32LE(stream, 128 + 72)).toBe(crc32c(stream, 128, 128 + 72));
  });

  it('a fault naming a digest the PDU lacks is recorded as not applied', () => {
    const s = hostScenario({ workload: { writes: 0 }, faults: [{ kind: 'corrupt-hdgst', pdu: 1 }] });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(sim.rec.rows.filter((r) => r.code === C_FAULT_NOT_APPLIED).map((r) => [r.a, r.b])).toEqual([
      [1, 0],
    ]);
    expect(tgt.pdus[0]!.digestsOk).toBe(true);
    expect(getU16LE(tgt.stream(), 8)).toBe(0);
    expect(hostSummary(sim.w).faultsApplied).toBe(0);
  });
});

describe('raw stream mode', () => {
  it('sends exactly the given bytes, segmented by MSS, and nothing else', () => {
    const bytes = Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) & 0xff);
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    const s = hostScenario({ workload: { rawStreamHex: hex } });
    const tgt = fakeTarget({ respond: false });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect([...tgt.stream()]).toEqual(bytes);
    expect(tgt.frames.map((f) => f.f.payload.length)).toEqual([1448, 1448, 104]);
    expect(hostSummary(sim.w)).toMatchObject({
      mode: 'raw',
      pdus: {},
      writesIssued: 0,
      bytesSent: 3000,
      bytesAcked: 3000,
    });
  });

  it('stops at a C2HTermReq from the target', () => {
    const s = hostScenario({
      // More than the SYN-ACK's window (65535 bytes), so some bytes are still unsent at the TermReq.
      workload: { rawStreamHex: '00'.repeat(100_000) },
      faults: [{ kind: 'drop-segment', segment: 2 }],
    });
    const term = Uint8Array.from([
      0x03, 0, 24, 0, 24, 0, 0, 0, 0x01, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    let sent = false;
    const tgt = fakeTarget({ respond: false, window: 16000 });
    const sim = hostSim(s, {
      frameToTarget: (sm, f, id) => {
        tgt.frameToTarget(sm, f, id);
        if (!sent) {
          sent = true;
          sm.hooks.targetSend(sm, term);
        }
      },
    });
    runSim(sim);
    const sum = hostSummary(sim.w);
    expect(sum.termReqs).toEqual([{ fes: 1, fei: 2 }]);
    expect(sum.ended).toBe(true);
    // The lost segment 2 is never resent: the connection is over.
    expect(sum.retransmissions).toBe(0);
    // Bytes the window had not let out yet are never sent, and nothing is sent after the TermReq.
    expect(sim.w.host.tcp.end).toBeLessThan(100_000);
    const termAt = sim.rec.rows.find((r) => r.code === C_TERM_REQ)!.t;
    expect(
      sim.rec.rows.filter((r) => (r.code === C_TCP_XMIT || r.code === C_TCP_RETRANSMIT) && r.t > termAt),
    ).toEqual([]);
    expect(parsePdu(term).ok).toBe(true);
  });
});
