import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { formatValue } from './errors';
import { describeRule } from './fields';
import { RULES } from './rules';
import { base, type Doc, errorAt, errorsOf, setPath } from './testkit';
import {
  assertScenario,
  formatErrors,
  parseScenario,
  resolveScenario,
  ScenarioValidationError,
} from './validate';

const FIELD_RULES = Object.entries(RULES).filter(([path]) => !path.startsWith('fault.'));

describe('field rules', () => {
  it.each(FIELD_RULES)('%s: out-of-range values name the field, the value and the range', (path, rule) => {
    const bad = [rule.max + 1, rule.min + 0.5, '1', null, Number.NaN, Number.POSITIVE_INFINITY];
    if (rule.min > 0) bad.push(rule.min - 1);
    if ('step' in rule && rule.step) bad.push(rule.min + rule.step / 2);
    for (const value of bad) {
      const e = errorAt(parseScenario(setPath(base(), path, value)), path);
      expect(e.value).toBe(value);
      expect(e.message).toBe(`${path} = ${formatValue(value)}: ${describeRule(rule)}`);
    }
    // and the bounds themselves are accepted (when the other fields allow them)
    const atMin = parseScenario(setPath(base(), path, rule.min));
    if (!atMin.ok)
      expect(atMin.errors.some((x) => x.path === path && x.message.includes('between'))).toBe(false);
  });

  it('names the ranges in plain words', () => {
    expect(errorAt(parseScenario(setPath(base(), 'nic.rxRingSize', 100)), 'nic.rxRingSize').message).toBe(
      'nic.rxRingSize = 100: must be a multiple of 8 between 80 and 4096',
    );
    expect(
      errorAt(parseScenario(setPath(base(), 'spdk.maxIoSize', 100_000)), 'spdk.maxIoSize').message,
    ).toContain('must be a power of two between 8192 and 1048576 bytes');
    expect(errorAt(parseScenario(setPath(base(), 'softirq.hz', 200)), 'softirq.hz').message).toBe(
      'softirq.hz = 200: must be one of 100, 250, 300, 1000 (the CONFIG_HZ choices)',
    );
    expect(
      errorAt(parseScenario(setPath(base(), 'nic.itrIntsPerSec', 100)), 'nic.itrIntsPerSec').message,
    ).toContain('must be 0 (no moderation) or an integer between 123 and 100000');
    expect(
      errorAt(parseScenario(setPath(base(), 'limits.maxSimTimeNs', 61e9)), 'limits.maxSimTimeNs').message,
    ).toContain('(1 ns to 60 s)');
  });

  it('accepts the edges of restricted fields', () => {
    for (const [path, value] of [
      ['nic.rxRingSize', 80],
      ['nic.rxRingSize', 4096],
      ['nic.itrIntsPerSec', 0],
      ['nic.itrIntsPerSec', 123],
      ['wire.mtu', 9216],
      ['softirq.hz', 1000],
      ['seed', 0xffff_ffff],
      ['limits.maxEvents', 50_000_000],
      ['limits.maxSimTimeNs', 60_000_000_000],
    ] as const) {
      const r = parseScenario(setPath(base(), path, value));
      expect(r.ok ? [] : r.errors).toEqual([]);
    }
  });

  it('checks enums, literals, booleans and strings', () => {
    const cases: [string, unknown, string][] = [
      ['nic.rxBufferSize', 4096, 'must be one of 0 (chosen by the driver), 2048 or 3072'],
      ['cpu.reactorCore', 2, 'must be 0 (shares the IRQ core) or 1 (its own core)'],
      ['softirq.gro', 'yes', 'must be true or false'],
      ['spdk.dataDigest', 1, 'must be true or false'],
      ['wire.tcpTimestamps', null, 'must be true or false'],
      ['version', 2, 'must be 1 (the only scenario version)'],
      ['id', '', 'must be 1 to 64 characters'],
      ['id', 'a b', 'must be 1 to 64 characters'],
      ['title', 'x'.repeat(201), 'at most 200 characters'],
      ['description', 5, 'must be a string'],
      ['workload.rawStreamHex', 'abc', 'even number of hex digits'],
      ['workload.rawStreamHex', 'zz', 'even number of hex digits'],
      ['workload.rawStreamHex', '', 'even number of hex digits'],
      ['workload.rawStreamHex', 'ab'.repeat(1024 * 1024 + 1), 'encoding 1 to 1048576 bytes'],
      ['workload.rawStreamHex', 7, 'must be null or a string of hex digits'],
      ['faults', {}, 'must be an array of at most 64 faults'],
      ['nic', 5, 'must be an object (the igb NIC)'],
    ];
    for (const [path, value, text] of cases) {
      const e = errorAt(parseScenario(setPath(base(), path, value)), path);
      expect(e.message.startsWith(`${path} = ${formatValue(value)}: `)).toBe(true);
      expect(e.message).toContain(text);
    }
    expect(parseScenario(setPath(base(), 'workload.rawStreamHex', '00FFab')).ok).toBe(true);
  });

  it('reports missing fields', () => {
    const doc = base();
    delete (doc.nic as Doc).rxRingSize;
    delete doc.limits;
    const r = parseScenario(doc);
    expect(errorAt(r, 'nic.rxRingSize').message).toBe(
      'nic.rxRingSize is missing: must be a multiple of 8 between 80 and 4096',
    );
    expect(errorAt(r, 'limits').message).toBe('limits is missing: must be an object (the run limits)');
  });

  it('rejects non-objects at the top', () => {
    for (const v of [5, 'x', null, [], true]) {
      const errors = errorsOf(parseScenario(v));
      expect(errors[0]!.path).toBe('');
      expect(errors[0]!.message).toBe(`scenario = ${formatValue(v)}: must be an object (a scenario)`);
    }
  });
});

describe('unknown and forbidden keys', () => {
  it('rejects unknown keys anywhere, naming the allowed ones', () => {
    const doc = base();
    doc.extra = 1;
    (doc.nic as Doc).foo = 'bar';
    (doc.cpu as Doc as { costs: Doc }).costs.turbo = true;
    doc.faults = [{ kind: 'drop-segment', segment: 3, by: 2 }];
    const r = parseScenario(doc);
    expect(errorAt(r, 'extra').message).toMatch(
      /^extra = 1: unknown field; the scenario allows only version, id,/,
    );
    expect(errorAt(r, 'nic.foo').message).toBe(
      'nic.foo = "bar": unknown field; nic allows only rxRingSize, rxBufferSize, itrIntsPerSec',
    );
    expect(errorAt(r, 'cpu.costs.turbo').message).toContain('cpu.costs allows only hardIrqNs,');
    expect(errorAt(r, 'faults[0].by').message).toBe(
      'faults[0].by = 2: unknown field; faults[0] allows only kind, segment',
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects %s keys at any depth, by name', (key) => {
    const json = JSON.stringify(DEFAULT_SCENARIO);
    const docs = [
      json.replace('"nic":{', `"nic":{"${key}":{"polluted":true},`),
      json.replace('{"version"', `{"${key}":1,"version"`),
      json.replace('"faults":[]', `"faults":[{"kind":"drop-segment","segment":1,"${key}":{}}]`),
    ];
    for (const text of docs) {
      const input = JSON.parse(text);
      for (const r of [parseScenario(input), resolveScenario(input)]) {
        const errors = errorsOf(r);
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.path.endsWith(key)).toBe(true);
          expect(e.message).toContain(`forbidden key "${key}"`);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('cross-field rules', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'icd over max_io_size',
      { 'spdk.inCapsuleDataSize': 16_384, 'spdk.maxIoSize': 8192 },
      'spdk.inCapsuleDataSize',
      'at most spdk.maxIoSize (8192)',
    ],
    [
      'io unit over max_io_size',
      { 'spdk.ioUnitSize': 65_536, 'spdk.maxIoSize': 32_768 },
      'spdk.ioUnitSize',
      'at most spdk.maxIoSize (32768)',
    ],
    [
      'too many io units',
      { 'spdk.ioUnitSize': 4096 },
      'spdk.ioUnitSize',
      'at least spdk.maxIoSize / 16 (8192)',
    ],
    [
      'cache over pool',
      { 'spdk.numSharedBuffers': 100 },
      'spdk.bufCacheSize',
      'at most spdk.numSharedBuffers (100)',
    ],
    [
      'queue depth over max',
      { 'workload.queueDepth': 64, 'spdk.maxQueueDepth': 32 },
      'workload.queueDepth',
      'at most spdk.maxQueueDepth (32)',
    ],
    [
      'io over max_io_size',
      { 'workload.ioSizeBytes': 262_144 },
      'workload.ioSizeBytes',
      'at most spdk.maxIoSize (131072)',
    ],
    [
      'workload too big',
      { 'workload.writes': 40_000, 'workload.ioSizeBytes': 131_072 },
      'workload.writes',
      'at most 4294967296 bytes (4 GiB) in total',
    ],
    [
      'pool too small for one write',
      {
        'workload.ioSizeBytes': 131_072,
        'spdk.ioUnitSize': 16_384,
        'spdk.numSharedBuffers': 4,
        'spdk.bufCacheSize': 0,
      },
      'spdk.numSharedBuffers',
      'must be at least 8',
    ],
    ['rcvlowat over rcvbuf', { 'tcp.rcvlowat': 500_000 }, 'tcp.rcvlowat', '= 425984'],
  ];
  it.each(cases)('%s', (_name, sets, path, text) => {
    const doc = base();
    for (const [p, v] of Object.entries(sets)) setPath(doc, p, v);
    const e = errorAt(parseScenario(doc), path);
    expect(e.message.startsWith(`${path} = ${formatValue(e.value)}: `)).toBe(true);
    expect(e.message).toContain(text);
  });

  it('checks faults against the scenario', () => {
    const withFaults = (faults: unknown[], sets: Record<string, unknown> = {}) => {
      const doc = base();
      doc.faults = faults;
      for (const [p, v] of Object.entries(sets)) setPath(doc, p, v);
      return parseScenario(doc);
    };
    expect(errorAt(withFaults([{ kind: 'corrupt-hdgst', pdu: 3 }]), 'spdk.headerDigest').message).toContain(
      'must be true for the fault faults[0]',
    );
    expect(errorAt(withFaults([{ kind: 'corrupt-ddgst', pdu: 3 }]), 'spdk.dataDigest').message).toContain(
      'true',
    );
    expect(
      errorAt(withFaults([{ kind: 'corrupt-hdgst', pdu: 1 }], { 'spdk.headerDigest': true }), 'faults[0].pdu')
        .message,
    ).toContain('PDU 1 is the ICReq');
    expect(
      errorAt(withFaults([{ kind: 'corrupt-ddgst', pdu: 4 }], { 'spdk.dataDigest': true }), 'faults[0].pdu')
        .message,
    ).toContain('must be between 1 and 3: the host sends 3 PDUs');
    expect(
      errorAt(withFaults([{ kind: 'corrupt-field', pdu: 2, field: 'hlen', value: 256 }]), 'faults[0].value')
        .message,
    ).toContain('hlen is a 8-bit field');
    expect(
      errorAt(withFaults([{ kind: 'corrupt-field', pdu: 2, field: 'ttag', value: 0 }]), 'faults[0].value')
        .message,
    ).toContain('reqs[ttag - 1]');
    expect(
      errorAt(
        withFaults([
          { kind: 'drop-segment', segment: 5 },
          { kind: 'reorder-segment', segment: 5, by: 1 },
        ]),
        'faults[1].segment',
      ).message,
    ).toContain('must differ from faults[0]');
    expect(
      errorAt(
        withFaults([
          { kind: 'corrupt-field', pdu: 2, field: 'flags', value: 1 },
          { kind: 'corrupt-field', pdu: 2, field: 'flags', value: 1 },
        ]),
        'faults[1]',
      ).message,
    ).toContain('must not repeat');
    expect(
      errorAt(
        withFaults([{ kind: 'corrupt-field', pdu: 2, field: 'flags', value: 1 }], {
          'workload.rawStreamHex': '00',
        }),
        'faults[0].pdu',
      ).message,
    ).toContain('cannot be used with workload.rawStreamHex');
    expect(withFaults([{ kind: 'drop-segment', segment: 1 }], { 'workload.rawStreamHex': '00' }).ok).toBe(
      true,
    );
    expect(
      withFaults(Array.from({ length: 65 }, (_, i) => ({ kind: 'drop-segment', segment: i + 1 }))).ok,
    ).toBe(false);
  });

  it('runs only once every field is valid (no double reports)', () => {
    const errors = errorsOf(parseScenario(setPath(base(), 'workload.queueDepth', 129)));
    expect(errors.map((e) => e.path)).toEqual(['workload.queueDepth']);
  });
});

describe('errors for the library', () => {
  it('formatErrors makes one line', () => {
    const errors = errorsOf(parseScenario({}));
    const line = formatErrors(errors);
    expect(line).not.toMatch(/\n/);
    expect(line).toContain(`(${errors.length} errors)`);
    expect(line).toContain('and 9 more');
    expect(formatErrors([])).toBe('no scenario errors');
    const single = errorsOf(parseScenario(setPath(base(), 'title', 'a\nb'.repeat(100))));
    expect(formatErrors(single)).not.toMatch(/\n/);
  });

  it('assertScenario returns the scenario or throws ScenarioValidationError', () => {
    expect(assertScenario(DEFAULT_SCENARIO)).toEqual(DEFAULT_SCENARIO);
    let thrown: unknown;
    try {
      assertScenario(setPath(base(), 'nic.rxRingSize', 1));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ScenarioValidationError);
    expect(thrown).toBeInstanceOf(Error);
    const err = thrown as ScenarioValidationError;
    expect(err.name).toBe('ScenarioValidationError');
    expect(err.errors[0]!.path).toBe('nic.rxRingSize');
    expect(err.message).toContain('nic.rxRingSize = 1: must be a multiple of 8 between 80 and 4096');
  });

  it('parse output shares no object with its input', () => {
    const doc = base();
    doc.faults = [{ kind: 'drop-segment', segment: 4 }];
    const r = parseScenario(doc);
    if (!r.ok) throw new Error('valid');
    expect(r.scenario.faults).not.toBe(doc.faults);
    expect(r.scenario.faults[0]).not.toBe((doc.faults as unknown[])[0]);
    expect(r.scenario.nic).not.toBe(doc.nic);
  });
});
