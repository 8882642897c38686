import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import '../engine/cpu';
import { run } from '../engine/run';
import type { World } from '../engine/world';
import { counter } from '../ledger/ledger';
import { DESC_ARMED, DESC_DONE, IRQ_ENABLED } from '../nic/codes';
import { armedCount, doneCount, igbDescUnused } from '../nic/state';
import { codeInfo } from '../trace/codes';
import { machineInfo, STATE_CODE_BASE } from '../trace/machines';
import { TCP_ACK, TCP_PSH } from '../wire/tcp';
import { nicSoftirqBalance } from './balance';
import { NAPI_IDLE } from './codes';
import { CTX_NONE, PH_IDLE } from './state';
import { arrive, rig, seg } from './testkit';

interface Case {
  ring: number;
  itr: number;
  gro: boolean;
  batch: number;
  weight: number;
  budget: number;
  jumbo: 0 | 2048 | 3072 | -1;
  descNs: number;
  frames: { gap: number; len: number; psh: boolean; fault: number; skip: boolean }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  ring: fc.constantFrom(80, 128, 256),
  itr: fc.constantFrom(0, 6000, 50_000),
  gro: fc.boolean(),
  batch: fc.integer({ min: 1, max: 8 }),
  weight: fc.constantFrom(4, 16, 64),
  budget: fc.constantFrom(8, 64, 300),
  jumbo: fc.constantFrom(-1 as const, 0 as const, 2048 as const, 3072 as const),
  descNs: fc.constantFrom(100, 5000),
  frames: fc.array(
    fc.record({
      // Mostly bursts (frames landing together overrun small rings and keep NAPI busy), some spread out.
      gap: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 30_000 }), weight: 1 },
      ),
      len: fc.integer({ min: 0, max: 8948 }),
      psh: fc.boolean(),
      fault: fc.integer({ min: 0, max: 15 }),
      skip: fc.boolean(),
    }),
    { minLength: 1, maxLength: 150, size: 'max' },
  ),
});

function setupCase(c: Case) {
  const r = rig((s) => {
    s.nic.rxRingSize = c.ring;
    s.nic.itrIntsPerSec = c.itr;
    s.softirq.gro = c.gro;
    s.softirq.groNormalBatch = c.batch;
    s.softirq.napiWeight = c.weight;
    s.softirq.netdevBudget = c.budget;
    s.cpu.costs.perDescriptorNs = c.descNs;
    if (c.jumbo >= 0) {
      s.wire.mtu = 9000;
      s.nic.rxBufferSize = c.jumbo as 0 | 2048 | 3072;
    }
  });
  const mss = c.jumbo >= 0 ? 8948 : 1448;
  let t = 0;
  let seq = 0;
  let id = 0;
  for (const f of c.frames) {
    t += f.gap;
    const len = Math.min(f.len, mss);
    if (f.skip) seq += 100;
    const frame = seg({ seq, len, ipId: id++, flags: f.psh ? TCP_ACK | TCP_PSH : TCP_ACK });
    if (f.fault === 1) frame[24]! ^= 0x40; // bad IP header checksum
    if (f.fault === 2 && len > 0) frame[frame.length - 1]! ^= 0x01; // bad TCP checksum
    arrive(r.sim, t, frame);
    seq += len;
  }
  return r;
}

function runCase(c: Case) {
  const r = setupCase(c);
  const w = r.sim.w;
  const errors: string[] = [];
  run(r.sim, {
    between: () => {
      const b = nicSoftirqBalance(w);
      if (!b.framesOk || !b.descOk || !b.payloadOk) errors.push(JSON.stringify(b));
      const n = w.nic;
      const armed = n.desc.filter((d) => d.state === DESC_ARMED).length;
      const done = n.desc.filter((d) => d.state === DESC_DONE).length;
      if (armed !== armedCount(n) || done !== doneCount(n)) errors.push(`ring states ${armed}/${done}`);
      if (armed + done + igbDescUnused(n.ntc, n.ntu, n.count) + 1 !== n.count) errors.push('ring slots');
    },
  });
  return { r, errors };
}

describe('conservation from the wire to tcp_v4_rcv', () => {
  it('holds after every event and everything drains at the end', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { r, errors } = runCase(c);
        expect(errors).toEqual([]);
        const w = r.sim.w;
        expect(w.stopReason).toBe('idle');
        const b = nicSoftirqBalance(w);
        expect(b.framesArrived).toBe(c.frames.length);
        expect(b.framesMissed).toBe(counter(r.sim, 'nic.rx_missed_errors'));
        expect(b.payloadHeld).toBe(0);
        expect(b.descDoneInRing).toBe(0);
        expect(b.payloadToTcp).toBe(r.delivered.reduce((a, s) => a + s.len, 0));
        expect(b.payloadCleaned).toBe(b.payloadToTcp + b.payloadDropped);
        expect(igbDescUnused(w.nic.ntc, w.nic.ntu, w.nic.count)).toBe(0);
        expect(w.nic.partial).toBeNull();
        expect(w.nic.irq.state).toBe(IRQ_ENABLED);
        expect(w.softirq.napi.state).toBe(NAPI_IDLE);
        expect([w.softirq.ctx, w.softirq.phase, w.softirq.inNetRxAction]).toEqual([CTX_NONE, PH_IDLE, false]);
        expect(w.cpu.cores[0]!.softirqPending).toBe(false);
        // Delivered skbs never overlap and keep stream order within what GRO merged.
        for (const s of r.delivered) expect(s.frags.reduce((a, f) => a + f.len, 0)).toBe(s.len);
      }),
      { numRuns: 60 },
    );
  });

  it('the generated cases reach overruns, squeezes, ksoftirqd, merges and drops', () => {
    const seen: Record<string, number> = {};
    for (const c of fc.sample(caseArb, { numRuns: 60, seed: 7 })) {
      const { r } = runCase(c);
      for (const [k, v] of Object.entries(r.sim.w.ledger.c)) if (v > 0) seen[k] = (seen[k] ?? 0) + 1;
    }
    for (const k of [
      'nic.rx_missed_errors',
      'nic.multi_desc_frames',
      'softirq.time_squeeze',
      'softirq.ksoftirqd_wakeups',
      'gro.merged',
      'ip.InCsumErrors',
      'tcp.InCsumErrors',
    ]) {
      expect(seen[k] ?? 0, k).toBeGreaterThan(0);
    }
  });

  it('resumes exactly from a structured clone of the world (a keyframe)', () => {
    const c = fc.sample(caseArb, { numRuns: 1, seed: 3 })[0]!;
    const full = runCase(c).r.sim.rec.rows;
    const r = setupCase(c);
    let key: World | null = null;
    run(r.sim, {
      between: (w) => {
        if (key === null && w.step >= full.length / 2) key = structuredClone(w);
      },
    });
    expect(r.sim.rec.rows).toEqual(full);
    const resumed = rig();
    resumed.sim.w = key!;
    const from = key!.step;
    run(resumed.sim);
    expect(resumed.sim.rec.rows).toEqual(full.slice(from));
  });

  it('is deterministic and writes only registered codes', () => {
    const c = fc.sample(caseArb, { numRuns: 1, seed: 42 })[0]!;
    const a = runCase(c).r.sim.rec.rows;
    const b = runCase(c).r.sim.rec.rows;
    expect(b).toEqual(a);
    for (const row of a) {
      if (row.code >= STATE_CODE_BASE) expect(machineInfo(row.code - STATE_CODE_BASE)).toBeDefined();
      else expect(codeInfo(row.code), `code ${row.code}`).toBeDefined();
    }
  });
});
