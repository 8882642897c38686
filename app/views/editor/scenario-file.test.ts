import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../../sim-core';
import { asLoad } from '../scenario/identity';
import { readScenarioFile, scenarioFileName, scenarioFileText } from './scenario-file';

describe('scenario files', () => {
  it('an exported preset imports as that preset, unedited', () => {
    const s = presetScenario('gro-off');
    const r = readScenarioFile(scenarioFileText(s));
    expect(r).toEqual({ ok: true, load: { scenario: s, presetId: 'gro-off', edited: false } });
  });
  it('an exported edited scenario imports edited, over the preset its title names', () => {
    const p = presetScenario('zero-window');
    const edited = asLoad({ ...p, nic: { ...p.nic, rxRingSize: 512 } }, 'zero-window');
    expect(edited.scenario.id).toBe('custom');
    expect(scenarioFileName('zero-window', true)).toBe('zero-window-edited.json');
    const r = readScenarioFile(scenarioFileText(edited.scenario));
    expect(r.ok && r.load).toEqual(edited);
  });
  it('names every invalid field by its path', () => {
    const s = presetScenario('write-4k-incapsule');
    const bad = { ...s, wire: { ...s.wire, mtu: 100_000 }, nic: { ...s.nic, rxRingSize: 81 } };
    const r = readScenarioFile(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith('wire.mtu = 100000: must be'))).toBe(true);
    expect(r.errors.some((e) => e.startsWith('nic.rxRingSize = 81: must be'))).toBe(true);
  });
  it('refuses what is not JSON, forbidden keys and workloads too large for a tab', () => {
    expect(readScenarioFile('{"wire": ').ok).toBe(false);
    const proto = readScenarioFile('{"__proto__": {"x": 1}}');
    expect(proto.ok).toBe(false);
    const huge = readScenarioFile(
      JSON.stringify({
        workload: { writes: 1_000_000, ioSizeBytes: 4096 },
        limits: { maxEvents: 50_000_000 },
      }),
    );
    expect(huge.ok === false && huge.errors[0]).toMatch(/too large for a browser tab/);
  });
  it('reads a partial file as the CLI does', () => {
    const r = readScenarioFile(JSON.stringify({ preset: 'out-of-order', seed: 7 }));
    expect(r.ok && r.load.presetId).toBe('out-of-order');
    expect(r.ok && r.load.edited).toBe(true);
    expect(r.ok && r.load.scenario.seed).toBe(7);
  });
});
