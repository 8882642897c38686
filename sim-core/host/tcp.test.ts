import { describe, expect, it } from 'vitest';
import { defineHandler, schedule } from '../engine/sim';
import { parsePdu } from '../wire/nvme-tcp/index';
import { TCP_PSH } from '../wire/tcp';
import { C_TCP_PROBE, C_TCP_RETRANSMIT, C_TCP_SENDMSG, C_TCP_XMIT, C_TCP_ZERO_WINDOW } from './codes';
import { hostSendAck } from './target-tx';
import { hostSummary } from './summary';
import { type Captured, captureAll, fakeTarget, hostScenario, hostSim, runSim } from './testkit';

const MSS = 1448;

function offsetOf(sim: ReturnType<typeof hostSim>, c: Captured): number {
  return (c.f.tcp.seq - ((sim.w.host.tcp.iss + 1) >>> 0)) | 0;
}

/** Fail the test if a new segment ever goes beyond snd_una + window. */
function watchWindow(sim: ReturnType<typeof hostSim>): { violations: number } {
  const v = { violations: 0 };
  const push = sim.rec.push.bind(sim.rec);
  sim.rec.push = (t, code, obj, a, b) => {
    const tcp = sim.w.host.tcp;
    if (code === C_TCP_XMIT && tcp.nxt - tcp.una > tcp.wnd) v.violations++;
    push(t, code, obj, a, b);
  };
  return v;
}

describe('host TCP segmentation', () => {
  it('cuts the PDU stream at MSS regardless of PDU boundaries; the payloads in order are the PDUs', () => {
    const s = hostScenario({
      workload: { writes: 3, ioSizeBytes: 8192, queueDepth: 3 },
      spdk: { inCapsuleDataSize: 8192 },
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const data = tgt.frames.filter((f) => f.f.payload.length > 0);
    for (const f of data) expect(f.f.payload.length).toBeLessThanOrEqual(MSS);
    // No faults: segments arrive in order, back to back.
    let expectOff = 0;
    for (const f of data) {
      expect(offsetOf(sim, f)).toBe(expectOff);
      expectOff += f.f.payload.length;
    }
    const stream = tgt.stream();
    expect(stream.length).toBe(sim.w.host.tcp.end);
    // Every socket write (one PDU) sits at its offset, back to back, and parses as one PDU of that length.
    const writes = sim.rec.rows.filter((r) => r.code === C_TCP_SENDMSG);
    expect(writes.length).toBe(5);
    let off = 0;
    for (const r of writes) {
      expect(r.a).toBe(off);
      const p = parsePdu(stream.subarray(r.a, r.a + r.b));
      if (!p.ok) throw new Error(p.error);
      expect(p.length).toBe(r.b);
      off += r.b;
    }
    expect(off).toBe(stream.length);
    // Some PDU starts inside a segment and ends in a later one.
    const segEnds = new Set(data.map((f) => offsetOf(sim, f) + f.f.payload.length));
    const crossing = writes.filter((r) => {
      const first = data.find((f) => offsetOf(sim, f) <= r.a && r.a < offsetOf(sim, f) + f.f.payload.length)!;
      return offsetOf(sim, first) + first.f.payload.length < r.a + r.b && offsetOf(sim, first) < r.a;
    });
    expect(crossing.length).toBeGreaterThan(0);
    // PSH exactly on segments that end what was queued at that moment: the ends of PDU batches.
    for (const f of data) {
      const end = offsetOf(sim, f) + f.f.payload.length;
      if ((f.f.tcp.flags & TCP_PSH) !== 0) expect(writes.some((r) => r.a + r.b === end)).toBe(true);
    }
    expect(segEnds.has(stream.length)).toBe(true);
  });
});

describe('host TCP window', () => {
  it('never has more than the advertised window in flight', () => {
    const s = hostScenario({ workload: { writes: 2, ioSizeBytes: 65536, queueDepth: 2 } });
    const tgt = fakeTarget({ window: 5000 });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    const v = watchWindow(sim);
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    expect(v.violations).toBe(0);
    const sum = hostSummary(sim.w);
    expect(sum.writesCompleted).toBe(2);
    expect(sum.windowStalls).toBeGreaterThan(0);
  });

  it('stalls on a zero window and resumes on a window update', () => {
    const s = hostScenario({ workload: { writes: 1, ioSizeBytes: 32768 }, tcp: { rtoNs: 200_000_000 } });
    let open = false;
    const tgt = fakeTarget({ window: () => (open ? 65536 : tgt.stream().length < 4000 ? 16384 : 0) });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    defineHandler(189, 'test: window update', (sm) => {
      open = true;
      const base = (sm.w.host.tcp.iss + 1) >>> 0;
      hostSendAck(sm, {
        ack: (base + tgt.stream().length) >>> 0,
        window: 65536,
        sack: [],
        reason: 'window-update',
      });
    });
    schedule(sim, 50_000_000, 189);
    const cap = captureAll(sim);
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const zero = sim.rec.rows.find((r) => r.code === C_TCP_ZERO_WINDOW);
    expect(zero).toBeDefined();
    // Nothing new is sent between the stall and the update 50 ms later (the first probe is due at 200 ms).
    const during = cap.tapped.filter((f) => f.t > zero!.t + 1_000_000 && f.t < 50_000_000);
    expect(during).toEqual([]);
    const after = cap.tapped.filter((f) => f.t > 50_000_000 && f.f.payload.length > 0);
    expect(after.length).toBeGreaterThan(0);
    expect(hostSummary(sim.w)).toMatchObject({
      writesCompleted: 1,
      zeroWindowStalls: 1,
      zeroWindowProbes: 0,
    });
  });

  it('probes a zero window with the persist timer when no window update comes', () => {
    const s = hostScenario({ workload: { writes: 1, ioSizeBytes: 32768 }, tcp: { rtoNs: 200_000_000 } });
    const tgt = fakeTarget({
      window: (sm) => (sm.w.now > 300_000_000 ? 65536 : tgt.stream().length < 4000 ? 16384 : 0),
    });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const probes = sim.rec.rows.filter((r) => r.code === C_TCP_PROBE);
    // First probe after 200 ms (answered with window 0), the second 400 ms later gets the open window.
    expect(probes.length).toBe(2);
    expect(probes[0]!.b).toBe(0);
    expect(probes[1]!.t - probes[0]!.t).toBe(400_000_000);
    expect(hostSummary(sim.w).writesCompleted).toBe(1);
  });
});

describe('host TCP retransmission', () => {
  it('retransmits on RTO with the same bytes, doubling the timeout', () => {
    const s = hostScenario({ limits: { maxSimTimeNs: 1_000_000_000 } });
    const tgt = fakeTarget({ ack: false, respond: false });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const f = tgt.frames;
    expect(f.length).toBe(3); // 0, +200 ms, +600 ms (then +1400 ms is past the limit)
    for (const c of f.slice(1)) {
      expect(c.f.tcp.seq).toBe(f[0]!.f.tcp.seq);
      expect([...c.f.payload]).toEqual([...f[0]!.f.payload]);
      expect(c.f.ip.identification).not.toBe(f[0]!.f.ip.identification);
    }
    expect(f[1]!.t - f[0]!.t).toBe(200_000_000);
    expect(f[2]!.t - f[1]!.t).toBe(400_000_000);
    expect(hostSummary(sim.w)).toMatchObject({ timeouts: 2, retransmissions: 2 });
  });

  it('fast-retransmits a lost segment after three duplicate ACKs, long before the RTO', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 65536 },
      faults: [{ kind: 'drop-segment', segment: 5 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    const cap = captureAll(sim);
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const sum = hostSummary(sim.w);
    expect(sum).toMatchObject({ writesCompleted: 1, fastRetransmits: 1, timeouts: 0, retransmissions: 1 });
    expect(sum.dupAcks).toBeGreaterThanOrEqual(3);
    const rexmit = sim.rec.rows.find((r) => r.code === C_TCP_RETRANSMIT)!;
    expect(rexmit.t).toBeLessThan(5_000_000);
    // The retransmission carries the stream bytes the dropped segment had.
    const sent = cap.tapped.find((c) => offsetOf(sim, c) === rexmit.a && c.f.payload.length > 0)!;
    const stream = tgt.stream();
    expect([...sent.f.payload]).toEqual([...stream.subarray(rexmit.a, rexmit.a + rexmit.b)]);
  });

  it('uses SACK to resend two holes in one recovery', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 65536 },
      faults: [
        { kind: 'drop-segment', segment: 5 },
        { kind: 'drop-segment', segment: 8 },
      ],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    expect(hostSummary(sim.w)).toMatchObject({
      writesCompleted: 1,
      fastRetransmits: 1,
      timeouts: 0,
      retransmissions: 2,
    });
  });

  it('enters recovery on SACKed segments even when every ACK also moves the window', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 65536 },
      faults: [{ kind: 'drop-segment', segment: 5 }],
    });
    let n = 0;
    // A receiver whose window shrinks as out-of-order data takes memory: no ACK is a "duplicate".
    const tgt = fakeTarget({ window: () => 262144 - 128 * n++ });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    expect(hostSummary(sim.w)).toMatchObject({
      writesCompleted: 1,
      dupAcks: 0,
      fastRetransmits: 1,
      timeouts: 0,
    });
  });

  it('recovers from a lost last segment by the RTO alone', () => {
    const s = hostScenario({
      workload: { writes: 1, ioSizeBytes: 4096 },
      faults: [{ kind: 'drop-segment', segment: 5 }],
    });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    expect(hostSummary(sim.w)).toMatchObject({
      writesCompleted: 1,
      fastRetransmits: 0,
      timeouts: 1,
      retransmissions: 1,
    });
  });
});
