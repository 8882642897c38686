/**
 * Random valid scenarios over a sensible subset of knobs (fast-check, fixed seed):
 * (a) integrity: every completed write has its bytes, and with no PDU fault every write completes;
 * (b) byte conservation at every queue, between events during the run and at its end;
 * (c) determinism: a second, independent run gives the same trace hash.
 * A failure prints the shrunk scenario as JSON (the partial that resolveScenario completes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../scenario';
import type { Fault, Scenario } from '../scenario/types';
import { simulate } from '../simulate';
import { checkedRun } from './support';

const KiB = 1024;
/** Keep each case small: at most this much payload per scenario. */
const MAX_PAYLOAD = 2 * 1024 * KiB;

interface Knobs {
  seed: number;
  gbps: number;
  mtu: number;
  ringSize: number;
  itr: number;
  gro: boolean;
  reactorCore: 0 | 1;
  rmemMax: number;
  queueDepth: number;
  ioBlocks: number;
  writes: number;
  inCapsule: number;
  unitPick: number;
  headerDigest: boolean;
  dataDigest: boolean;
  segmentFaults: {
    kind: 'drop-segment' | 'duplicate-segment' | 'reorder-segment';
    segment: number;
    by: number;
  }[];
  pduFault: { kind: 'corrupt-hdgst' | 'corrupt-ddgst'; pick: number } | null;
}

const knobsArb: fc.Arbitrary<Knobs> = fc.record({
  seed: fc.integer({ min: 0, max: 0xffff_ffff }),
  gbps: fc.integer({ min: 1, max: 10 }),
  mtu: fc.oneof(fc.constant(1500), fc.constant(9000), fc.integer({ min: 1000, max: 9000 })),
  ringSize: fc.integer({ min: 10, max: 128 }).map((x) => x * 8),
  itr: fc.oneof(fc.constant(0), fc.constant(6000), fc.integer({ min: 123, max: 50_000 })),
  gro: fc.boolean(),
  reactorCore: fc.constantFrom<0 | 1>(0, 1),
  rmemMax: fc.oneof(fc.constant(212_992), fc.integer({ min: 16 * KiB, max: 8 * 1024 * KiB })),
  queueDepth: fc.integer({ min: 1, max: 32 }),
  // io size: 512 B .. 256 KiB in 512-byte blocks, small sizes more often.
  ioBlocks: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 512 })),
  writes: fc.integer({ min: 1, max: 40 }),
  inCapsule: fc.oneof(
    fc.constant(4096),
    fc.constant(0),
    fc.integer({ min: 0, max: 512 }).map((x) => x * 16),
  ),
  unitPick: fc.nat(),
  headerDigest: fc.boolean(),
  dataDigest: fc.boolean(),
  segmentFaults: fc.array(
    fc.record({
      kind: fc.constantFrom<Knobs['segmentFaults'][number]['kind']>(
        'drop-segment',
        'duplicate-segment',
        'reorder-segment',
      ),
      segment: fc.integer({ min: 1, max: 80 }),
      by: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 3 },
  ),
  pduFault: fc.option(
    fc.record({
      kind: fc.constantFrom<'corrupt-hdgst' | 'corrupt-ddgst'>('corrupt-hdgst', 'corrupt-ddgst'),
      pick: fc.nat(),
    }),
    { freq: 6 },
  ),
});

/** The partial scenario for a set of knobs (what a failure prints); resolveScenario may still refuse it. */
function partialOf(k: Knobs): Record<string, unknown> {
  const ioSize = k.ioBlocks * 512;
  const writes = Math.max(1, Math.min(k.writes, Math.floor(MAX_PAYLOAD / ioSize)));
  // max_io_size: a power of two >= 8 KiB that holds the write; io_unit_size: a multiple of 512 with
  // at most 16 units per max-size I/O and at most the iobuf large buffer (135168).
  let maxIo = 8192;
  while (maxIo < ioSize) maxIo *= 2;
  const lo = Math.ceil(maxIo / 16 / 512);
  const hi = Math.floor(Math.min(maxIo, 135_168) / 512);
  const ioUnitSize = (lo + (k.unitPick % (hi - lo + 1))) * 512;
  const inCapsule = Math.min(k.inCapsule, maxIo);
  const faults: Fault[] = [];
  const used = new Set<number>();
  for (const f of k.segmentFaults) {
    if (used.has(f.segment)) continue;
    used.add(f.segment);
    faults.push(
      f.kind === 'reorder-segment'
        ? { kind: f.kind, segment: f.segment, by: f.by }
        : { kind: f.kind, segment: f.segment },
    );
  }
  if (k.pduFault !== null) {
    // PDUs the host sends: ICReq, Connect, then 1 or 2 per write; digests never on the ICReq.
    const perWrite = ioSize <= inCapsule ? 1 : 2;
    const pdus = 2 + writes * perWrite;
    faults.push({ kind: k.pduFault.kind, pdu: 2 + (k.pduFault.pick % (pdus - 1)) });
  }
  return {
    seed: k.seed,
    wire: { linkRateBps: k.gbps * 1_000_000_000, mtu: k.mtu },
    nic: { rxRingSize: k.ringSize, itrIntsPerSec: k.itr },
    softirq: { gro: k.gro },
    cpu: { reactorCore: k.reactorCore },
    tcp: { rmemMax: k.rmemMax },
    workload: { writes, ioSizeBytes: ioSize, queueDepth: k.queueDepth },
    spdk: {
      maxIoSize: maxIo,
      ioUnitSize,
      inCapsuleDataSize: inCapsule,
      // A PDU digest fault needs its digest on.
      headerDigest: k.headerDigest || k.pduFault?.kind === 'corrupt-hdgst',
      dataDigest: k.dataDigest || k.pduFault?.kind === 'corrupt-ddgst',
    },
    faults,
    // Correctness, not speed: a slow but valid run (RTO backoff after ring overruns, say) may take
    // many simulated seconds with few events; an event storm still stops at 2 M rows.
    limits: { maxSimTimeNs: 60_000_000_000, maxEvents: 2_000_000 },
  };
}

/** Whole-run facts of a scenario that ran to its end (besides the conservation checks). */
function endProblems(scenario: Scenario): string[] {
  const out: string[] = [];
  const { summary: s, world: w } = simulate(scenario);
  const pduFault = scenario.faults.some((f) => 'pdu' in f);
  if (s.stopReason !== 'idle') out.push(`stopReason ${s.stopReason}`);
  if (!s.integrity.ok) out.push(`integrity ${JSON.stringify(s.integrity)}`);
  if (s.integrity.payloadBytes !== s.nvmf.completed * scenario.workload.ioSizeBytes) {
    out.push(`payload bytes checked ${s.integrity.payloadBytes} != ${s.nvmf.completed} completed writes`);
  }
  if (!pduFault) {
    if (s.nvmf.completed !== scenario.workload.writes) {
      out.push(`completed ${s.nvmf.completed} of ${scenario.workload.writes} writes`);
    }
    if (s.nvmf.failed.length > 0) out.push(`failed ${JSON.stringify(s.nvmf.failed)}`);
    if (s.nvmf.termReqs.length > 0) out.push(`termReqs ${JSON.stringify(s.nvmf.termReqs)}`);
    if (s.copies.kernelCopyBytes !== s.host.bytesSent) {
      out.push(`kernel copied ${s.copies.kernelCopyBytes} of ${s.host.bytesSent} bytes sent`);
    }
  }
  const again = checkedRun(scenario, 25, s.events);
  out.push(...again.problems);
  if (again.traceHash !== s.traceHash) out.push(`trace hash ${s.traceHash} then ${again.traceHash}`);
  if (again.world.step !== w.step) out.push(`rows ${w.step} then ${again.world.step}`);
  return out;
}

/**
 * Counterexamples the property found while this file was written, kept as fixed cases. Each once
 * ended 'idle' with bytes still unread in the kernel (the reactor stopped polling after a read served
 * from the recv pipe came back short) or crawled past the time limit (an offered window smaller than
 * the MSS, one probe per 200 ms).
 */
const REGRESSIONS: Record<string, Record<string, unknown>> = {
  'in_capsule_data_size 0: the Connect data outgrows the recv pipe': { spdk: { inCapsuleDataSize: 0 } },
  'a 16 KiB H2CData through a small recv pipe': {
    workload: { ioSizeBytes: 16_384 },
    spdk: { inCapsuleDataSize: 1664 },
  },
  'digests on, 100 KiB writes at QD 4': {
    seed: 655_708_459,
    wire: { linkRateBps: 9_000_000_000 },
    nic: { rxRingSize: 320 },
    cpu: { reactorCore: 1 },
    workload: { writes: 20, ioSizeBytes: 103_424, queueDepth: 4 },
    spdk: { maxIoSize: 131_072, ioUnitSize: 113_664, headerDigest: true, dataDigest: true },
  },
  'rmem_max 16 KiB with jumbo frames: window below the MSS': {
    wire: { mtu: 9000 },
    tcp: { rmemMax: 16_397 },
    workload: { writes: 36, ioSizeBytes: 8192, queueDepth: 15 },
  },
};

describe('scenarios that once failed', () => {
  it.each(Object.entries(REGRESSIONS))('%s', (_name, partial) => {
    const r = resolveScenario(partial);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(endProblems(r.scenario)).toEqual([]);
  });
});

describe('random valid scenarios', () => {
  it('keep integrity, conserve bytes at every queue, and replay to the same trace hash', () => {
    let ran = 0;
    fc.assert(
      fc.property(knobsArb, (k) => {
        const partial = partialOf(k);
        const r = resolveScenario(partial);
        // Only valid combinations (the schema's cross-field rules decide).
        fc.pre(r.ok);
        if (!r.ok) return;
        ran++;
        const problems = endProblems(r.scenario);
        if (problems.length > 0) {
          throw new Error(`${problems.join('\n')}\nscenario: ${JSON.stringify(partial)}`);
        }
      }),
      { seed: 20_240_917, numRuns: 60 },
    );
    expect(ran).toBeGreaterThan(45);
  });
});
