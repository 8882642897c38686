import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { presetScenario } from './presets/index';
import { base, type Doc, errorAt, errorsOf, setPath } from './testkit';
import type { Scenario } from './types';
import { formatErrors, type ParseResult, parseScenario, resolveScenario } from './validate';

describe('never throws', () => {
  it('on odd JavaScript values', () => {
    const cyclic: Doc = base();
    (cyclic.nic as Doc).self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const getter = base();
    Object.defineProperty(getter, 'nic', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const revoked = Proxy.revocable({}, {});
    const emptyNullProto = Object.create(null) as object;
    revoked.revoke();
    const odd: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      Number.NaN,
      cyclic,
      deep,
      { nic: deep },
      new Array(1_000_000).fill(0),
      getter,
      revoked.proxy,
      new Date(0),
      new Map(),
      emptyNullProto,
      setPath(base(), 'seed', 10n),
    ];
    for (const v of odd) {
      const errors = errorsOf(parseScenario(v));
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
      // as a partial, undefined and an empty null-prototype object mean "the defaults"
      const resolved = resolveScenario(v);
      if (v === undefined || v === emptyNullProto) {
        expect(resolved.ok).toBe(true);
      } else {
        expect(errorsOf(resolved).every((e) => e.message.length > 0)).toBe(true);
      }
    }
    expect(errorsOf(parseScenario(cyclic))[0]!.message).toContain('cycle');
    expect(errorsOf(parseScenario(getter))[0]!.message).toContain('boom');
  });

  it('caps the number of errors', () => {
    const doc = base();
    doc.faults = Array.from({ length: 64 }, () => ({ kind: 'nope' }));
    const errors = errorsOf(parseScenario(doc));
    expect(errors.length).toBe(50);
    expect(errors.at(-1)!.message).toMatch(/^scenario: \d+ more errors not listed$/);
  });
});

describe('resolveScenario', () => {
  const ok = (r: ParseResult): Scenario => {
    if (!r.ok) throw new Error(formatErrors(r.errors));
    return r.scenario;
  };

  it('gives the defaults for an empty or missing partial', () => {
    expect(ok(resolveScenario())).toEqual(DEFAULT_SCENARIO);
    expect(ok(resolveScenario({}))).toEqual(DEFAULT_SCENARIO);
  });

  it('deep-merges objects and skips undefined', () => {
    const s = ok(
      resolveScenario({ nic: { rxRingSize: 512, itrIntsPerSec: undefined }, cpu: { costs: { pollNs: 7 } } }),
    );
    expect(s.nic).toEqual({ ...DEFAULT_SCENARIO.nic, rxRingSize: 512 });
    expect(s.cpu.costs).toEqual({ ...DEFAULT_SCENARIO.cpu.costs, pollNs: 7 });
    expect(s.cpu.reactorCore).toBe(DEFAULT_SCENARIO.cpu.reactorCore);
  });

  it('merges over a preset given in the partial or as an option', () => {
    const fromKey = ok(resolveScenario({ preset: 'ring-overrun', nic: { rxRingSize: 96 } }));
    const fromOption = ok(resolveScenario({ nic: { rxRingSize: 96 } }, { preset: 'ring-overrun' }));
    expect(fromKey).toEqual(fromOption);
    expect(fromKey.id).toBe('ring-overrun');
    expect(fromKey.nic).toEqual({ ...presetScenario('ring-overrun').nic, rxRingSize: 96 });
    expect(fromKey.workload).toEqual(presetScenario('ring-overrun').workload);
    expect(ok(resolveScenario({ preset: 'gro-off', id: 'custom' })).id).toBe('custom');
  });

  it('replaces arrays instead of merging them', () => {
    expect(ok(resolveScenario({ preset: 'out-of-order', faults: [] })).faults).toEqual([]);
    const s = ok(
      resolveScenario({ preset: 'out-of-order', faults: [{ kind: 'duplicate-segment', segment: 7 }] }),
    );
    expect(s.faults).toEqual([{ kind: 'duplicate-segment', segment: 7 }]);
  });

  it('names bad preset ids', () => {
    expect(errorAt(resolveScenario({ preset: 'nope' }), 'preset').message).toMatch(
      /^preset = "nope": unknown preset; must be one of write-4k-incapsule, /,
    );
    expect(errorAt(resolveScenario({ preset: 3 }), 'preset').message).toContain('must be a preset id');
    expect(errorAt(resolveScenario({ preset: 'gro-on' }, { preset: 'gro-off' }), 'preset').message).toContain(
      'must agree with the preset option ("gro-off")',
    );
    expect(errorAt(resolveScenario({}, { preset: 'x' }), 'preset').message).toContain('unknown preset');
  });

  it('validates the merged result, with paths of the partial', () => {
    const e = errorAt(resolveScenario({ nic: { rxRingSize: 81 }, bogus: 1 }), 'nic.rxRingSize');
    expect(e.message).toBe('nic.rxRingSize = 81: must be a multiple of 8 between 80 and 4096');
    expect(errorAt(resolveScenario({ bogus: 1 }), 'bogus').message).toContain('unknown field');
    expect(errorAt(resolveScenario({ nic: 5 }), 'nic').message).toBe(
      'nic = 5: must be an object (the igb NIC)',
    );
  });

  it('never mutates or aliases its input', () => {
    const faults = [{ kind: 'drop-segment' as const, segment: 9 }];
    const partial = { nic: { rxRingSize: 128 }, faults };
    const before = JSON.stringify(partial);
    const s = ok(resolveScenario(partial));
    expect(JSON.stringify(partial)).toBe(before);
    expect(s.faults).not.toBe(faults);
    s.faults.push({ kind: 'drop-segment', segment: 10 });
    s.nic.rxRingSize = 80;
    expect(JSON.stringify(partial)).toBe(before);
    expect(DEFAULT_SCENARIO.nic.rxRingSize).toBe(256);
  });
});
