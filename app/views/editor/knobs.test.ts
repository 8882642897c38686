import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, RULES } from '../../../sim-core';
import { ALL_KNOBS, rangeText } from './knobs';

/** Dotted paths of the scenario's leaves, identity and faults left out (faults have their own editor). */
function leaves(v: unknown, path = ''): string[] {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    return Object.entries(v).flatMap(([k, x]) => leaves(x, path === '' ? k : `${path}.${k}`));
  }
  return [path];
}

describe('the editor catalogue', () => {
  it('names every knob of the scenario exactly once', () => {
    const want = leaves(DEFAULT_SCENARIO)
      .filter((p) => !['version', 'id', 'title', 'description', 'faults'].includes(p))
      .sort();
    const have = ALL_KNOBS.map((k) => k.path).sort();
    expect(have).toEqual(want);
    expect(new Set(have).size).toBe(have.length);
  });
  it('every integer knob reads its range from sim-core RULES', () => {
    for (const k of ALL_KNOBS) {
      if (k.kind.type !== 'int') continue;
      expect(k.kind.rule).toBe(k.path);
      expect(RULES[k.kind.rule]).toBeDefined();
    }
    expect(rangeText('nic.rxRingSize')).toBe('80 – 4,096, multiple of 8');
    expect(rangeText('spdk.maxIoSize')).toMatch(/power of two/);
  });
});
