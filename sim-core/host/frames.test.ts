import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../wire/checksum';
import { TCP_ACK, TCP_PSH } from '../wire/tcp';
import { HOST_IP, NVME_TCP_PORT, TARGET_IP } from './addresses';
import { serializationNs } from './link';
import { connectionInfo } from './summary';
import { hostSendAck, hostTargetSend } from './target-tx';
import { captureAll, fakeTarget, hostScenario, hostSim, runSim } from './testkit';

describe('frames on the wire', () => {
  it('host and target frames carry valid IPv4 and TCP checksums, sequence and ack numbers', () => {
    const s = hostScenario({ workload: { writes: 2, ioSizeBytes: 16384, queueDepth: 2 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    const cap = captureAll(sim);
    runSim(sim);
    expect(tgt.errors).toEqual([]);
    const info = connectionInfo(sim.w);
    expect(cap.tapped.length).toBeGreaterThan(10);
    expect(cap.fromTarget.length).toBeGreaterThan(10);
    for (const c of [...cap.tapped, ...cap.fromTarget]) {
      expect(c.ipOk).toBe(true);
      expect(c.tcpOk).toBe(true);
      expect(internetChecksum(c.bytes, 14, 34)).toBe(0);
      expect(c.f.tcp.flags & TCP_ACK).toBe(TCP_ACK);
      expect(c.f.tcp.options.timestamps).toBeDefined();
      expect(c.f.ip.flags).toBe(0b010);
      expect(c.f.ip.ttl).toBe(64);
    }
    for (const c of cap.tapped) {
      expect([c.f.ip.src, c.f.ip.dst, c.f.tcp.srcPort, c.f.tcp.dstPort]).toEqual([
        HOST_IP,
        TARGET_IP,
        info.hostPort,
        NVME_TCP_PORT,
      ]);
    }
    // The host's ack field follows the target's stream; IP ids count up by one per frame.
    const acked = cap.tapped.map((c) => (c.f.tcp.ack - info.targetIss - 1) >>> 0);
    for (let i = 1; i < acked.length; i++) expect(acked[i]).toBeGreaterThanOrEqual(acked[i - 1]!);
    expect(acked[0]).toBe(0);
    // After the ICResp (128 bytes) and the Connect's CapsuleResp (24), in the write commands' segments.
    expect(acked).toContain(128);
    expect(acked).toContain(152);
    expect(acked[acked.length - 1]).toBeLessThanOrEqual(sim.w.host.rx.nxt);
    const ids = cap.tapped.map((c) => c.f.ip.identification);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe((ids[i - 1]! + 1) & 0xffff);
    // Host timestamps echo the target's, and the reverse.
    const tsTarget = new Set(cap.fromTarget.map((c) => c.f.tcp.options.timestamps!.tsval));
    expect(cap.tapped.slice(1).every((c) => tsTarget.has(c.f.tcp.options.timestamps!.tsecr))).toBe(true);
  });

  it('keeps frames at most MTU + 14 bytes and times them at the link rate plus the delay', () => {
    const s = hostScenario({ workload: { writes: 1, ioSizeBytes: 65536 } });
    const tgt = fakeTarget();
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    runSim(sim);
    const full = tgt.frames.filter((f) => f.f.payload.length === 1448);
    expect(full.length).toBeGreaterThan(10);
    for (const f of full) expect(f.bytes.length).toBe(1514);
    // Back-to-back full frames arrive one serialization time apart: (1514 + 24) * 8 ns at 1 Gb/s.
    expect(serializationNs(1514, 1e9)).toBe(12304);
    const gaps = full.slice(1).map((f, i) => f.t - full[i]!.t);
    expect(gaps).toContain(12304);
    expect(Math.min(...gaps)).toBe(12304);
  });

  it('a pure ACK from the target carries the scaled window and SACK blocks', () => {
    const s = hostScenario();
    const sim = hostSim(s, { frameToTarget: () => {} });
    const cap = captureAll(sim);
    const base = (sim.w.host.tcp.iss + 1) >>> 0;
    hostSendAck(sim, {
      ack: base,
      window: 100_000,
      sack: [[(base + 3000) >>> 0, (base + 4448) >>> 0]],
      reason: 'ofo',
    });
    expect(cap.fromTarget.length).toBe(1);
    const a = cap.fromTarget[0]!;
    expect(a.tcpOk).toBe(true);
    expect(a.f.payload.length).toBe(0);
    // Scaled by the target's own shift (its SYN-ACK), not the host's.
    expect(a.f.tcp.window).toBe(Math.floor(100_000 / 2 ** sim.w.host.tgt.wscale));
    expect(a.f.tcp.ack).toBe(base);
    expect(a.f.tcp.options.sack).toEqual([{ left: (base + 3000) >>> 0, right: (base + 4448) >>> 0 }]);
    expect(a.f.tcp.flags).toBe(TCP_ACK);
  });

  it('targetSend cuts a PDU into MSS segments with PSH on the last', () => {
    const s = hostScenario();
    const sim = hostSim(s, { frameToTarget: () => {} });
    const cap = captureAll(sim);
    const pdu = new Uint8Array(3000).map((_, i) => i & 0xff);
    hostTargetSend(sim, pdu);
    expect(cap.fromTarget.map((c) => c.f.payload.length)).toEqual([1448, 1448, 104]);
    expect(cap.fromTarget.map((c) => (c.f.tcp.flags & TCP_PSH) !== 0)).toEqual([false, false, true]);
    const info = connectionInfo(sim.w);
    expect(cap.fromTarget.map((c) => (c.f.tcp.seq - info.targetIss - 1) >>> 0)).toEqual([0, 1448, 2896]);
    expect(sim.w.host.tgt.nxt).toBe(3000);
  });
});
