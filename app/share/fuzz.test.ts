/**
 * Fuzz: decodeLink over 100,000 random and mutated links (seeded, so a failure replays). Every
 * result must be a valid state (a scenario that parseScenario accepts unchanged, a step, selection
 * and tab in range, and a link that encodes back to the same state) or a named error; no exception
 * may escape, and none may be swallowed by decodeLink's last-resort catch either.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, parseScenario } from '../../sim-core';
import { SELECTION_KINDS, TABS } from '../store/store';
import { toBase64url } from './base64url';
import { browserBudgetProblem } from './budget';
import { type DecodeResult, decodeLink, encodeLink, type LinkState } from './codec';
import { intBelow, pick, rng, scenarioOf } from './testkit';

const RUNS = 100_000;
const r = rng(0x5eed_0001);
const chance = (p: number) => r() < p;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ODD = [
  '=',
  '+',
  '/',
  '.',
  '#',
  '%',
  ' ',
  '\n',
  '\u0000',
  'é',
  '€',
  '😀',
  '\u202e',
  '<',
  '>',
  '"',
  '\\',
];
const SCRIPT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}',
  '{{7*7}}',
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'p',
  's',
  'k',
  'n',
  'o',
  't',
  'x',
  'toString',
  'valueOf',
  ...SCRIPT,
];
const SECTIONS = [
  'wire',
  'workload',
  'nic',
  'softirq',
  'tcp',
  'cpu',
  'spdk',
  'faults',
  'limits',
  'seed',
  'title',
  'id',
  'preset',
  'version',
];
const KNOB_KEYS: Record<string, string[]> = {
  wire: ['linkRateBps', 'oneWayDelayNs', 'mtu', 'tcpTimestamps'],
  workload: ['writes', 'ioSizeBytes', 'queueDepth', 'thinkTimeNs', 'hpda', 'rawStreamHex'],
  nic: ['rxRingSize', 'rxBufferSize', 'itrIntsPerSec'],
  softirq: ['netdevBudget', 'napiWeight', 'hz', 'gro', 'groNormalBatch', 'maxSoftirqTimeNs'],
  tcp: ['rmemMax', 'soRcvbufRequest', 'rcvlowat', 'delayedAckNs'],
  cpu: ['reactorCore', 'schedSliceNs', 'costs'],
  spdk: ['inCapsuleDataSize', 'maxIoSize', 'ioUnitSize', 'numSharedBuffers', 'headerDigest', 'maxQueueDepth'],
  limits: ['maxEvents', 'maxSimTimeNs'],
};

/** Values that are plausible, edge, huge, wrong-typed or hostile. */
function value(depth = 0): unknown {
  switch (intBelow(r, 16)) {
    case 0:
      return intBelow(r, 10);
    case 1:
      return intBelow(r, 5000) * 8;
    case 2:
      return pick(r, [
        0,
        -0,
        -1,
        1.5,
        2 ** 31,
        2 ** 32,
        2 ** 32 - 1,
        2 ** 53,
        2 ** 53 + 2,
        1e21,
        1e308,
        -1e308,
        4096,
        131_072,
        50_000_000,
      ]);
    case 3:
      return pick(r, SCRIPT);
    case 4:
      return pick(r, [true, false, null]);
    case 5:
      return pick(r, [...PRESET_IDS, ...TABS, ...SELECTION_KINDS, '', 'ab', 'zz', 'deadbeef']);
    case 6:
      return depth < 3 ? [value(depth + 1), value(depth + 1)] : [];
    case 7:
      return depth < 3 ? { [pick(r, KEYS)]: value(depth + 1) } : {};
    case 8:
      return [pick(r, SELECTION_KINDS), intBelow(r, 300)];
    case 9:
      return {
        kind: pick(r, ['drop-segment', 'reorder-segment', 'corrupt-field', 'corrupt-hdgst', 'melt']),
        segment: 1 + intBelow(r, 100),
        pdu: intBelow(r, 9),
        by: intBelow(r, 3),
        field: pick(r, ['ttag', 'plen', 'x']),
        value: intBelow(r, 70_000),
      };
    case 10:
      return 'ab'.repeat(intBelow(r, 200));
    default:
      return intBelow(r, 2 ** 20);
  }
}

// ------------------------------------------------------------- valid seeds

const valid: { state: LinkState; env: Record<string, unknown> }[] = [];
for (const id of PRESET_IDS) {
  for (const partial of [
    {},
    { seed: 99, nic: { rxRingSize: 512 } },
    { softirq: { gro: false, hz: 1000 }, faults: [{ kind: 'drop-segment', segment: 3 }] },
  ]) {
    const scenario = scenarioOf(id, partial);
    const state: LinkState = {
      presetId: id,
      scenario,
      step: intBelow(r, 100_000),
      selection: chance(0.5) ? { kind: 'pdu', id: intBelow(r, 50) } : null,
      tab: pick(r, TABS),
    };
    const { seed, ...knobs } = partial as { seed?: number };
    const env: Record<string, unknown> = { p: id, s: seed ?? scenario.seed, n: state.step, t: state.tab };
    if (Object.keys(knobs).length > 0) env.k = structuredClone(knobs);
    if (state.selection !== null) env.o = [state.selection.kind, state.selection.id];
    valid.push({ state, env });
  }
}
const validLinks = valid.map((v) => encodeLink(v.state));

// ------------------------------------------------------------- generators

function mutateText(link: string): string {
  let s = link;
  const ops = 1 + intBelow(r, 3);
  for (let i = 0; i < ops; i++) {
    const at = intBelow(r, s.length + 1);
    switch (intBelow(r, 10)) {
      case 0: // flip a character to another base64url letter
        s = s.slice(0, at) + pick(r, [...B64]) + s.slice(at + 1);
        break;
      case 1: // insert an odd character
        s = s.slice(0, at) + pick(r, ODD) + s.slice(at);
        break;
      case 2: // delete a run
        s = s.slice(0, at) + s.slice(at + 1 + intBelow(r, 4));
        break;
      case 3: // truncate
        s = s.slice(0, at);
        break;
      case 4: // swap the mode
        s = s.replace(
          /^v1\.([jz])/,
          (_, m: string) => `v1.${pick(r, m === 'j' ? ['z', 'x', ''] : ['j', 'Z', ''])}`,
        );
        break;
      case 5: // another version
        s = s.replace(/^v1/, pick(r, ['v0', 'v2', 'v99', 'v1e', 'V1', 'v01', 'v999999', 'v', '']));
        break;
      case 6: // duplicate a slice
        s = s.slice(0, at) + s.slice(at, at + 1 + intBelow(r, 40)).repeat(2) + s.slice(at);
        break;
      case 7: // padding, a hash
        s = chance(0.5) ? `${s}${'='.repeat(1 + intBelow(r, 2))}` : `#${s}`;
        break;
      case 8: // bit flip in the decoded bytes
        s = flipByte(s);
        break;
      default: // splice two links
        s = s.slice(0, at) + pick(r, validLinks).slice(at);
    }
  }
  return s;
}

function flipByte(link: string): string {
  const m = /^v1\.([jz])(.*)$/.exec(link);
  if (m === null) return link;
  const bytes = new Uint8Array(Buffer.from(m[2]!, 'base64url'));
  if (bytes.length === 0) return link;
  const i = intBelow(r, bytes.length);
  bytes[i] = bytes[i]! ^ (1 << intBelow(r, 8));
  return `v1.${m[1]}${toBase64url(bytes)}`;
}

function mutateEnvelope(env: Record<string, unknown>): Record<string, unknown> {
  const e = structuredClone(env);
  const ops = 1 + intBelow(r, 3);
  for (let i = 0; i < ops; i++) {
    switch (intBelow(r, 7)) {
      case 0: // a top-level field gets a wrong or hostile value
        e[pick(r, ['p', 's', 'n', 'o', 't', 'k'])] = value();
        break;
      case 1: // a field goes missing
        delete e[pick(r, ['p', 's', 'n', 'o', 't', 'k'])];
        break;
      case 2: // an extra field (own property even for __proto__)
        Object.defineProperty(e, pick(r, KEYS), {
          value: value(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      default: {
        // a knob: a known key in a known or unknown section, or an unknown key
        const section = pick(r, SECTIONS);
        const k = (typeof e.k === 'object' && e.k !== null && !Array.isArray(e.k) ? e.k : {}) as Record<
          string,
          unknown
        >;
        if (section === 'faults') k.faults = chance(0.5) ? [value(), value()] : [value()];
        else if (section in KNOB_KEYS) {
          const inner = (typeof k[section] === 'object' && k[section] !== null ? k[section] : {}) as Record<
            string,
            unknown
          >;
          const key = chance(0.85) ? pick(r, KNOB_KEYS[section]!) : pick(r, KEYS);
          Object.defineProperty(inner, key, {
            value: value(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
          k[section] = inner;
        } else k[section] = value();
        e.k = k;
      }
    }
  }
  return e;
}

function deep(n: number): string {
  return chance(0.5) ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
}

function encodeText(json: string, mode = pick(r, ['j', 'z'] as const)): string {
  const bytes = new TextEncoder().encode(json);
  return `v1.${mode}${toBase64url(mode === 'z' ? deflateSync(bytes, { mem: 1 }) : bytes)}`;
}

function randomString(): string {
  const n = intBelow(r, 200);
  const alphabet = pick(r, [B64, `${B64}.v`, ODD.join(''), 'v1.jz']);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, [...alphabet]);
  return chance(0.5) ? `v1.${pick(r, ['j', 'z'])}${s}` : s;
}

function randomBytes(): string {
  const bytes = new Uint8Array(intBelow(r, 120));
  for (let i = 0; i < bytes.length; i++) bytes[i] = intBelow(r, 256);
  return `v1.${pick(r, ['j', 'z'])}${toBase64url(bytes)}`;
}

/** Workloads near the browser budget (either side of it), on the largest preset. */
function largeWorkload(): string {
  const k = {
    workload: { writes: 5_000 + intBelow(r, 30_000) },
    wire: { mtu: pick(r, [576, 1500, 4000, 9000]) },
    limits: { maxEvents: pick(r, [1_000_000, 20_000_000, 50_000_000]) },
  };
  return encodeText(JSON.stringify({ p: '10g-sustained', s: 1, k, n: intBelow(r, 2_000_000) }));
}

function nextLink(): string {
  const base = pick(r, valid);
  if (chance(0.02)) return largeWorkload();
  switch (intBelow(r, 10)) {
    case 0:
    case 1:
    case 2:
      return mutateText(pick(r, validLinks));
    case 3:
    case 4:
    case 5:
      return encodeText(JSON.stringify(mutateEnvelope(base.env)));
    case 6: // keys injected in JSON text, anywhere an object starts
      return encodeText(
        JSON.stringify(base.env).replace(/\{/g, (m) =>
          chance(0.3) ? `{"${pick(r, KEYS.slice(0, 3))}":${JSON.stringify(value())},` : m,
        ),
      );
    case 7: // deep nesting in the knobs or as the whole document
      return encodeText(
        chance(0.5) ? `{"p":"gro-on","s":1,"k":${deep(1 + intBelow(r, 60))}}` : deep(1 + intBelow(r, 3000)),
      );
    case 8:
      return randomString();
    default:
      return chance(0.5) ? randomBytes() : encodeText(JSON.stringify(value()));
  }
}

// ------------------------------------------------------------- the run

/** Which stage of decoding refused a link, by its message. */
const STAGES: [string, RegExp][] = [
  ['empty', /is empty/],
  ['too long', /too long/],
  ['not a link', /does not start with/],
  ['version', /version v\d+/],
  ['mode', /encoding ".*" is unknown|ends after its version/],
  ['base64url', /base64url|cut short/],
  ['deflate', /compressed data/],
  ['UTF-8', /UTF-8/],
  ['JSON', /not valid JSON|must be a JSON object/],
  ['forbidden key', /forbidden key/],
  ['depth or size', /nested too deeply|too many values/],
  ['knob section', /knobs name/],
  ['scenario', /scenario is not valid/],
  ['budget', /browser tab/],
  ['step', /past the end/],
  ['selection', /selection [a-z]+ \d+ is not valid:/],
  // last: its words are the most common
  ['envelope', /unknown fields? |has no |is not valid: it /],
];

function check(link: string, res: DecodeResult, counts: Map<string, number>): void {
  if (!res.ok) {
    const stage =
      typeof res.error === 'string' ? STAGES.find(([, re]) => re.test(res.error))?.[0] : undefined;
    if (stage === undefined || /could not be read|[<>]/.test(res.error)) {
      throw new Error(`unnamed error ${JSON.stringify(res.error)} for ${JSON.stringify(link)}`);
    }
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
    return;
  }
  counts.set('ok', (counts.get('ok') ?? 0) + 1);
  const s = res.state;
  const again = parseScenario(s.scenario);
  const fine =
    again.ok &&
    JSON.stringify(again.scenario) === JSON.stringify(s.scenario) &&
    PRESET_IDS.includes(s.presetId) &&
    s.scenario.id === s.presetId &&
    Number.isInteger(s.step) &&
    s.step >= 0 &&
    s.step <= s.scenario.limits.maxEvents &&
    TABS.includes(s.tab) &&
    (s.selection === null ||
      (SELECTION_KINDS.includes(s.selection.kind) && Number.isInteger(s.selection.id))) &&
    browserBudgetProblem(s.scenario) === null;
  if (!fine) throw new Error(`invalid ok state for ${JSON.stringify(link)}`);
  const back = decodeLink(encodeLink(s));
  if (!back.ok || JSON.stringify(back.state) !== JSON.stringify(s))
    throw new Error(`no round trip for ${JSON.stringify(link)}`);
}

describe('fuzz: decodeLink', () => {
  it(`never throws on ${RUNS.toLocaleString('en-US')} random and mutated links; every result is valid or named`, () => {
    const counts = new Map<string, number>();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const link = nextLink();
      check(link, decodeLink(link), counts);
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const summary = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
    console.log(
      `fuzz: ${RUNS} links in ${(ms / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)\n  ${summary.join('\n  ')}`,
    );
    // The mix reaches every stage: valid links and each stage's refusal.
    expect(counts.get('ok') ?? 0).toBeGreaterThan(RUNS / 50);
    for (const [stage] of STAGES) expect(counts.get(stage) ?? 0, stage).toBeGreaterThan(0);
  }, 300_000); // ~10 s of CPU; the wall time grows when the machine is shared
});
