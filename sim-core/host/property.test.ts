import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../scenario/types';
import { parsePdu } from '../wire/nvme-tcp/index';
import { C_TCP_SENDMSG } from './codes';
import { hostDone, hostSummary } from './summary';
import { fakeTarget, hostScenario, hostSim, runSim } from './testkit';

const segmentFault = fc.oneof(
  fc.record({ kind: fc.constant('drop-segment' as const), segment: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-segment' as const), segment: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('reorder-segment' as const),
    segment: fc.integer({ min: 1, max: 40 }),
    by: fc.integer({ min: 1, max: 5 }),
  }),
);

const workload = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  writes: fc.integer({ min: 1, max: 5 }),
  blocks: fc.integer({ min: 1, max: 96 }),
  qd: fc.integer({ min: 1, max: 4 }),
  inCapsule: fc.constantFrom(512, 4096, 8192),
  maxh2cdata: fc.constantFrom(4096, 8192, 131072),
  hdgst: fc.boolean(),
  ddgst: fc.boolean(),
  think: fc.constantFrom(0, 0, 50_000),
  window: fc.integer({ min: 2000, max: 300_000 }),
  timestamps: fc.boolean(),
  mtu: fc.constantFrom(1500, 1500, 9000),
  faults: fc.uniqueArray(segmentFault, { maxLength: 3, selector: (f) => f.segment }),
});

describe('host against an ideal receiver (property)', () => {
  it('completes every write, and the byte stream is exactly the PDUs end to end', () => {
    fc.assert(
      fc.property(workload, (p) => {
        const s = hostScenario({
          seed: p.seed,
          wire: { tcpTimestamps: p.timestamps, mtu: p.mtu },
          workload: { writes: p.writes, ioSizeBytes: p.blocks * 512, queueDepth: p.qd, thinkTimeNs: p.think },
          spdk: { inCapsuleDataSize: p.inCapsule, headerDigest: p.hdgst, dataDigest: p.ddgst },
          faults: p.faults as Fault[],
        });
        const tgt = fakeTarget({ window: p.window, maxh2cdata: p.maxh2cdata });
        const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
        runSim(sim);
        expect(tgt.errors).toEqual([]);
        const sum = hostSummary(sim.w);
        expect(sum.writesCompleted).toBe(p.writes);
        expect(sum.writesFailed).toEqual([]);
        expect(hostDone(sim.w)).toBe(true);
        expect(sim.w.stopReason).toBe('idle');
        const stream = tgt.stream();
        expect(stream.length).toBe(sum.bytesSent);
        expect(sum.bytesAcked).toBe(sum.bytesSent);
        let off = 0;
        for (const r of sim.rec.rows) {
          if (r.code !== C_TCP_SENDMSG) continue;
          expect(r.a).toBe(off);
          const pdu = parsePdu(stream.subarray(r.a, r.a + r.b), 0, {});
          if (!pdu.ok) throw new Error(pdu.error);
          expect(pdu.length).toBe(r.b);
          expect(pdu.digestsOk).toBe(true);
          off += r.b;
        }
        expect(off).toBe(stream.length);
        expect(sim.w.host.link.held).toEqual([]);
      }),
      { numRuns: Number(process.env.HOST_PROP_RUNS ?? 60) },
    );
  });

  it('recovers from any pattern of lost frames at the receiver (retransmissions lost too)', () => {
    fc.assert(
      fc.property(
        workload,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 80 }),
        (p, pattern, lossFrom) => {
          const s = hostScenario({
            seed: p.seed,
            wire: { tcpTimestamps: p.timestamps },
            workload: { writes: p.writes, ioSizeBytes: p.blocks * 512, queueDepth: p.qd },
            spdk: { inCapsuleDataSize: p.inCapsule, headerDigest: p.hdgst, dataDigest: p.ddgst },
            // Timeouts double up to 120 s while frames keep getting lost: give it simulated hours.
            limits: { maxSimTimeNs: 3_600_000_000_000 },
          });
          // Lose frames by a repeating pattern over a stretch of the run, at most 6 in a row, so the
          // timeouts (doubling each time) stay within the simulated time limit.
          let inRow = 0;
          const tgt = fakeTarget({
            window: p.window,
            maxh2cdata: p.maxh2cdata,
            lose: (n) => {
              const lost = n >= lossFrom && n < lossFrom + 120 && pattern[n % pattern.length]! && inRow < 6;
              inRow = lost ? inRow + 1 : 0;
              return lost;
            },
          });
          const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
          runSim(sim);
          expect(tgt.errors).toEqual([]);
          expect(hostSummary(sim.w).writesCompleted).toBe(p.writes);
          expect(sim.w.stopReason).toBe('idle');
          expect(tgt.stream().length).toBe(sim.w.host.tcp.end);
        },
      ),
      { numRuns: Number(process.env.HOST_PROP_RUNS ?? 60) },
    );
  });
});
