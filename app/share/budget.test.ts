import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetScenario } from '../../sim-core';
import { browserBudgetProblem, estimateRun, MAX_BROWSER_ROWS } from './budget';
import { scenarioOf } from './testkit';

describe('browser budget', () => {
  it('admits every preset, 10g-sustained included', () => {
    for (const id of PRESET_IDS) expect(browserBudgetProblem(presetScenario(id)), id).toBeNull();
  });

  it('estimates 10g-sustained above its measured ~11 M rows and under the limit', () => {
    const e = estimateRun(presetScenario('10g-sustained'));
    expect(e.payloadBytes).toBe(9500 * 131_072);
    expect(e.frames).toBe(9500 * Math.ceil(131_072 / 1448));
    expect(e.rows).toBeGreaterThan(11_000_000);
    expect(e.rows).toBeLessThanOrEqual(MAX_BROWSER_ROWS);
  });

  it('refuses more frames than a tab holds, naming the numbers and the way out', () => {
    const msg = browserBudgetProblem(scenarioOf('10g-sustained', { workload: { writes: 19_000 } }));
    expect(msg).toMatch(
      /19000 writes of 131072 bytes is about 1\.7 million frames and 31 million trace steps; the limit is 20 million steps/,
    );
    expect(msg).toMatch(/Lower workload\.writes or limits\.maxEvents/);
  });

  it('counts smaller frames at a smaller MTU, and stops counting at limits.maxEvents', () => {
    expect(browserBudgetProblem(scenarioOf('10g-sustained', { wire: { mtu: 576 } }))).not.toBeNull();
    const capped = scenarioOf('10g-sustained', { wire: { mtu: 576 }, limits: { maxEvents: 5_000_000 } });
    expect(estimateRun(capped).rows).toBe(5_000_000);
    expect(browserBudgetProblem(capped)).toBeNull();
  });

  it('counts a raw stream by its bytes', () => {
    const e = estimateRun(
      scenarioOf('write-4k-incapsule', { workload: { rawStreamHex: '00'.repeat(14_480) } }),
    );
    expect(e.payloadBytes).toBe(14_480);
    expect(e.frames).toBe(10);
  });
});
