import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneData } from './merge';
import { PRESETS, presetScenario } from './presets/index';
import { HZ_VALUES, RULES } from './rules';
import { type ParseResult, parseScenario, resolveScenario } from './validate';

type Path = (string | number)[];

/** Every ok result is a fixed point; every failure has messages that start with the field they name. */
function checkResult(r: ParseResult): void {
  if (r.ok) {
    const again = parseScenario(r.scenario);
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.scenario).toEqual(r.scenario);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(e.path.length);
    expect(e.message.startsWith(e.path === '' ? 'scenario' : e.path)).toBe(true);
  }
}

/** All paths to values inside a JSON-like tree (the root included). */
function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) pathsOf(v[i], [...at, i], out);
  } else if (typeof v === 'object' && v !== null)
    for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'number'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind'),
    ),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({
    op: fc.constant('number' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.integer({ min: -10, max: 70_000 }),
      fc.double(),
      fc.constantFrom(0, -0, 2 ** 32, 2 ** 53, 1e21, 131_072, 4096, 1448),
    ),
  }),
);

function apply(doc: unknown, m: Mutation): unknown {
  const paths = pathsOf(doc);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.op === 'delete' ? undefined : m.op === 'add' ? doc : m.value;
  let parent = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const target = parent[last];
  switch (m.op) {
    case 'set':
    case 'number':
      parent[last] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'add':
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else if (Array.isArray(target)) target.push(m.value);
      else parent[last] = m.value;
      break;
  }
  return doc;
}

const presetDoc = fc
  .constantFrom(...PRESETS.map((p) => p.id))
  .map((id) => cloneData(presetScenario(id)) as unknown);

describe('fuzz: parseScenario never throws', () => {
  it('on 10,000 random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        checkResult(parseScenario(v));
        checkResult(resolveScenario(v));
      }),
      { numRuns: 10_000 },
    );
  });

  it('on 10,000 mutated presets', () => {
    fc.assert(
      fc.property(presetDoc, fc.array(mutation, { minLength: 1, maxLength: 4 }), (doc, ms) => {
        let d = doc;
        for (const m of ms) d = apply(d, m);
        checkResult(parseScenario(d));
      }),
      { numRuns: 10_000 },
    );
  });

  it('on mutated presets as JSON text (so __proto__ keys are own keys)', () => {
    fc.assert(
      fc.property(presetDoc, mutation, (doc, m) => {
        const text = JSON.stringify(apply(doc, m) ?? null);
        checkResult(parseScenario(JSON.parse(text)));
      }),
      { numRuns: 2_000 },
    );
  });
});

/** A valid value for each numeric rule (range, step and extra condition honoured). */
function validInt(path: keyof typeof RULES): fc.Arbitrary<number> {
  if (path === 'softirq.hz') return fc.constantFrom(...HZ_VALUES);
  if (path === 'spdk.maxIoSize') return fc.integer({ min: 13, max: 20 }).map((e) => 2 ** e);
  if (path === 'nic.itrIntsPerSec') return fc.oneof(fc.constant(0), fc.integer({ min: 123, max: 100_000 }));
  const rule = RULES[path];
  const step = 'step' in rule ? rule.step : 1;
  return fc
    .integer({ min: Math.ceil(rule.min / step), max: Math.floor(rule.max / step) })
    .map((k) => k * step);
}

const section = <K extends string>(prefix: string, keys: readonly K[]) =>
  fc.record(
    Object.fromEntries(keys.map((k) => [k, validInt(`${prefix}.${k}` as keyof typeof RULES)])) as Record<
      K,
      fc.Arbitrary<number>
    >,
    { requiredKeys: [] },
  );

const validPartial = fc.record(
  {
    preset: fc.constantFrom(...PRESETS.map((p) => p.id)),
    seed: validInt('seed'),
    wire: fc.record(
      { mtu: validInt('wire.mtu'), tcpTimestamps: fc.boolean(), linkRateBps: validInt('wire.linkRateBps') },
      { requiredKeys: [] },
    ),
    nic: fc.record(
      {
        rxRingSize: validInt('nic.rxRingSize'),
        rxBufferSize: fc.constantFrom(0 as const, 2048 as const, 3072 as const),
        itrIntsPerSec: validInt('nic.itrIntsPerSec'),
      },
      { requiredKeys: [] },
    ),
    softirq: section('softirq', ['netdevBudget', 'napiWeight', 'hz', 'groNormalBatch'] as const),
    tcp: section('tcp', ['rmemMax', 'delayedAckNs', 'rtoNs'] as const),
    cpu: fc.record(
      {
        reactorCore: fc.constantFrom(0 as const, 1 as const),
        costs: section('cpu.costs', ['hardIrqNs', 'copyPsPerByte', 'pollNs'] as const),
      },
      { requiredKeys: [] },
    ),
    spdk: fc.record({ headerDigest: fc.boolean(), dataDigest: fc.boolean() }, { requiredKeys: [] }),
    workload: section('workload', ['writes', 'queueDepth', 'hpda'] as const),
    faults: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('drop-segment' as const), segment: validInt('fault.segment') }),
        fc.record({
          kind: fc.constant('reorder-segment' as const),
          segment: validInt('fault.segment'),
          by: validInt('fault.by'),
        }),
      ),
      { maxLength: 3 },
    ),
    limits: section('limits', ['maxEvents'] as const),
  },
  { requiredKeys: [] },
);

describe('property: resolveScenario', () => {
  it('never mutates its input and shares nothing with it', () => {
    fc.assert(
      fc.property(validPartial, (partial) => {
        const before = structuredClone(partial);
        const r = resolveScenario(partial);
        expect(partial).toEqual(before);
        checkResult(r);
        if (r.ok) {
          r.scenario.faults.push({ kind: 'drop-segment', segment: 1 });
          r.scenario.nic.rxRingSize = -1;
          expect(partial).toEqual(before);
        }
        // a deep-frozen input gives the same answer (any write attempt would have thrown)
        const frozen = structuredClone(before);
        const freeze = (v: unknown): void => {
          if (typeof v === 'object' && v !== null) {
            Object.freeze(v);
            Object.values(v).forEach(freeze);
          }
        };
        freeze(frozen);
        expect(resolveScenario(frozen)).toEqual(resolveScenario(structuredClone(before)));
      }),
      { numRuns: 1_000 },
    );
  });
});
