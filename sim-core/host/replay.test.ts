import { describe, expect, it } from 'vitest';
import { run } from '../engine/run';
import { testSim } from '../engine/testing';
import type { World } from '../engine/world';
import { hostSendAck, hostTargetSend } from './target-tx';
import { fakeTarget, hostScenario, hostSim } from './testkit';

describe('host state is all in the world', () => {
  it('a run resumed from a structured clone of the world writes the same rows', () => {
    const s = hostScenario({
      workload: { writes: 4, ioSizeBytes: 12288, queueDepth: 3, thinkTimeNs: 20_000 },
      spdk: { headerDigest: true, dataDigest: true },
      faults: [
        { kind: 'drop-segment', segment: 6 },
        { kind: 'duplicate-segment', segment: 9 },
        { kind: 'reorder-segment', segment: 12, by: 2 },
      ],
    });
    const tgt = fakeTarget({ window: 20000 });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    const keyframes: World[] = [];
    let events = 0;
    run(sim, {
      between: (w) => {
        if (++events % 15 === 0) keyframes.push(structuredClone(w));
      },
    });
    const rows = sim.rec.rows;
    expect(tgt.errors).toEqual([]);
    expect(sim.w.host.nvme.completed).toBe(4);
    expect(keyframes.length).toBeGreaterThan(3);
    for (const k of keyframes) {
      const from = k.step;
      const again = testSim(k, {
        frameToTarget: tgt.frameToTarget,
        sendAck: hostSendAck,
        targetSend: hostTargetSend,
      });
      run(again);
      expect(again.rec.rows).toEqual(rows.slice(from));
      expect(again.w.host).toEqual(sim.w.host);
    }
  });
});
