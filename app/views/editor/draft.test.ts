import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetScenario } from '../../../sim-core';
import { checkDraft, type Draft, draftOf, newFault, numberOf } from './draft';

const base = presetScenario('write-4k-incapsule');
const edit = (d: Draft, path: string, v: string | boolean): Draft => ({
  ...d,
  fields: { ...d.fields, [path]: v },
});

describe('the editor draft', () => {
  it('round-trips every preset unchanged', () => {
    for (const id of PRESET_IDS) {
      const s = presetScenario(id);
      const c = checkDraft(draftOf(s), s);
      expect(c.count, id).toBe(0);
      expect(c.scenario).toEqual(s);
    }
  });
  it('reads numbers, keeps wrong text for the schema to name', () => {
    expect(numberOf(' 1_500 ')).toBe(1500);
    expect(numberOf('2e3')).toBe(2000);
    expect(numberOf('abc')).toBe('abc');
    expect(numberOf('')).toBe('');
  });
  it('puts a range error next to its field, with the schema named error', () => {
    const c = checkDraft(edit(draftOf(base), 'nic.rxRingSize', '100'), base);
    expect(c.scenario).toBeNull();
    expect(c.byPath.get('nic.rxRingSize')).toEqual([
      'nic.rxRingSize = 100: must be a multiple of 8 between 80 and 4096',
    ]);
    const t = checkDraft(edit(draftOf(base), 'wire.mtu', 'big'), base);
    expect(t.byPath.get('wire.mtu')?.[0]).toMatch(
      /^wire\.mtu = "big": must be an integer between 576 and 9216/,
    );
  });
  it('puts a cross-field error on the field the schema names', () => {
    expect(checkDraft(edit(draftOf(base), 'workload.queueDepth', '64'), base).count).toBe(0);
    const d = edit(edit(draftOf(base), 'workload.queueDepth', '64'), 'spdk.maxQueueDepth', '32');
    expect(checkDraft(d, base).byPath.get('workload.queueDepth')?.[0]).toMatch(
      /at most spdk\.maxQueueDepth \(32\)/,
    );
  });
  it('edits faults: kinds keep only their keys; errors name faults[i].key', () => {
    const d: Draft = {
      ...draftOf(base),
      faults: [newFault('drop-segment'), { ...newFault('corrupt-field'), pdu: '99' }],
    };
    const c = checkDraft(d, base);
    expect(c.byPath.get('faults[1].pdu')?.[0]).toMatch(/^faults\[1\]\.pdu = 99: must be between 1 and 3/);
    const ok = checkDraft(
      { ...d, faults: [newFault('drop-segment'), { ...newFault('corrupt-field'), value: '7' }] },
      base,
    );
    expect(ok.scenario?.faults).toEqual([
      { kind: 'drop-segment', segment: 1 },
      { kind: 'corrupt-field', pdu: 3, field: 'plen', value: 7 },
    ]);
  });
  it('booleans, choices and the raw stream become their types', () => {
    let d = edit(draftOf(base), 'softirq.gro', false);
    d = edit(d, 'nic.rxBufferSize', '3072');
    d = edit(d, 'workload.rawStreamHex', '');
    const c = checkDraft(d, base);
    expect(c.scenario?.softirq.gro).toBe(false);
    expect(c.scenario?.nic.rxBufferSize).toBe(3072);
    expect(c.scenario?.workload.rawStreamHex).toBeNull();
    const bad = checkDraft(edit(draftOf(base), 'workload.rawStreamHex', 'xyz'), base);
    expect(bad.byPath.get('workload.rawStreamHex')?.[0]).toMatch(/hex digits/);
  });
});
