import { describe, expect, it } from 'vitest';
import { PRESET_IDS, PRESETS, presetScenario } from '../../../sim-core';
import { asLoad, basePresetOf, CUSTOM_ID, changedKnobs, sameKnobs } from './identity';

describe('what a scenario is called once it runs', () => {
  it('a preset is itself, unedited', () => {
    for (const id of PRESET_IDS) {
      const s = presetScenario(id);
      expect(asLoad(s, id)).toEqual({ scenario: s, presetId: id, edited: false });
      expect(basePresetOf(s)).toBe(id);
    }
  });
  it('a changed knob (the seed too) makes it custom, titled after its preset', () => {
    const p = presetScenario('gro-off');
    for (const s of [
      { ...p, seed: 2 },
      { ...p, nic: { ...p.nic, rxRingSize: 512 } },
      { ...p, faults: [{ kind: 'drop-segment' as const, segment: 2 }] },
    ]) {
      const r = asLoad(s, 'gro-off');
      expect(r.edited).toBe(true);
      expect(r.scenario.id).toBe(CUSTOM_ID);
      expect(r.scenario.title).toBe(`${PRESETS.find((x) => x.id === 'gro-off')!.title} (edited)`);
      expect(sameKnobs(r.scenario, s)).toBe(true);
      // A file exported from it finds its preset again by the title.
      expect(basePresetOf(r.scenario)).toBe('gro-off');
    }
  });
  it('names only identity differences as no change, and lists changed knobs by path', () => {
    const p = presetScenario('write-4k-incapsule');
    expect(sameKnobs(p, { ...p, id: 'x', title: 'y', description: 'z' })).toBe(true);
    expect(
      changedKnobs(p, {
        ...p,
        seed: 3,
        wire: { ...p.wire, mtu: 9000 },
        faults: [{ kind: 'corrupt-ddgst', pdu: 3 }],
      }),
    ).toEqual(['seed', 'wire.mtu', 'faults']);
  });
});
