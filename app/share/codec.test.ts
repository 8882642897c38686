import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetScenario, RULES } from '../../sim-core';
import { SELECTION_KINDS, type Selection, TABS } from '../store/store';
import { toBase64url } from './base64url';
import { browserBudgetProblem } from './budget';
import { DEFLATE_OPTIONS, decodeLink, encodeLink, type LinkState, MAX_LINK_CHARS } from './codec';
import { MAX_STEP } from './envelope-v1';
import { everyKnobChanged, rng, scenarioOf } from './testkit';

const state = (presetId: string, partial: object = {}, rest: Partial<LinkState> = {}): LinkState => ({
  presetId,
  scenario: scenarioOf(presetId, partial),
  step: 0,
  selection: null,
  tab: 'inspector',
  ...rest,
});

function decoded(link: string): LinkState {
  const r = decodeLink(link);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.state;
}

/** A realistic edit: a dozen knobs across sections and a few faults (valid for every preset). */
const REALISTIC = {
  seed: 4_000_000_001,
  wire: { oneWayDelayNs: 25_000, mtu: 9000 },
  nic: { rxRingSize: 1024, itrIntsPerSec: 20_000 },
  softirq: { netdevBudget: 600, napiWeight: 32, hz: 1000 },
  tcp: { rmemMax: 8 * 1024 * 1024, delayedAckNs: 4_000_000 },
  cpu: { costs: { copyPsPerByte: 250, perSkbNs: 450 } },
  spdk: { backendLatencyNs: 80_000, pollIntervalNs: 3_000 },
  workload: { queueDepth: 16, thinkTimeNs: 5_000 },
  faults: [
    { kind: 'drop-segment', segment: 1234 },
    { kind: 'reorder-segment', segment: 2345, by: 3 },
    { kind: 'duplicate-segment', segment: 3456 },
  ],
};

describe('round trip', () => {
  const steps = [0, 1, 17, 4_321, 1_000_000, MAX_STEP];
  const selections: (Selection | null)[] = [null, ...SELECTION_KINDS.map((kind) => ({ kind, id: 0 }))];

  it('every preset, at several steps, with every selection kind and tab', () => {
    let n = 0;
    for (const id of PRESET_IDS) {
      const base = presetScenario(id);
      for (const [i, step] of steps.entries()) {
        if (step > base.limits.maxEvents) continue;
        const s: LinkState = {
          presetId: id,
          scenario: base,
          step,
          selection: selections[(i + n) % selections.length]!,
          tab: TABS[(i + n) % TABS.length]!,
        };
        expect(decoded(encodeLink(s))).toEqual(s);
        n += 1;
      }
    }
    expect(n).toBeGreaterThan(PRESET_IDS.length * 4);
  });

  it('every preset with a realistic knob diff and another seed', () => {
    for (const id of PRESET_IDS) {
      const s = state(id, REALISTIC, { step: 999, selection: { kind: 'req', id: 3 }, tab: 'editor' });
      const back = decoded(encodeLink(s));
      expect(back).toEqual(s);
      expect(back.scenario.seed).toBe(4_000_000_001);
      expect(back.scenario.nic.rxRingSize).toBe(1024);
      expect(back.scenario.faults).toHaveLength(3);
    }
  });

  it('carries knobs removed by the user too (a preset fault deleted, a preset knob set back to the default)', () => {
    const s = state('out-of-order', { faults: [], nic: { rxRingSize: 256 } });
    expect(presetScenario('out-of-order').faults.length).toBeGreaterThan(0);
    expect(decoded(encodeLink(s))).toEqual(s);
  });

  it('gives the decoded scenario its preset identity (id, title, description are not carried)', () => {
    const s = state('gro-off', { nic: { rxRingSize: 512 } });
    const custom = { ...s, scenario: { ...s.scenario, id: 'custom', title: 'Mine <b>', description: 'x' } };
    const back = decoded(encodeLink(custom));
    expect(back.scenario.id).toBe('gro-off');
    expect(back.scenario.title).toBe(presetScenario('gro-off').title);
    expect(back.scenario.nic.rxRingSize).toBe(512);
  });

  it('links the first step when the page shows none yet (store step -1)', () => {
    expect(decoded(encodeLink(state('gro-on', {}, { step: -1 }))).step).toBe(0);
  });

  it('carries only the knobs that differ from the preset', () => {
    const link = encodeLink(state('gro-off', { nic: { rxRingSize: 512 } }, { step: 5 }));
    expect(envelopeOf(link)).toEqual({ p: 'gro-off', s: 1, k: { nic: { rxRingSize: 512 } }, n: 5 });
  });
});

describe('size', () => {
  it(`every preset at the largest step, with a realistic diff, fits ${MAX_LINK_CHARS} characters`, () => {
    for (const id of PRESET_IDS) {
      const s = state(id, REALISTIC, {
        step: MAX_STEP,
        selection: { kind: 'pdu', id: 0xffff_ffff },
        tab: 'breakpoints',
      });
      s.scenario = scenarioOf(id, { ...REALISTIC, limits: { maxEvents: MAX_STEP } });
      const link = encodeLink(s);
      expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
      expect(decoded(link)).toEqual(s);
    }
  });

  it('even with every knob changed and the most faults allowed (64), every preset fits', () => {
    const r = rng(2024);
    const lengths: number[] = [];
    for (const id of PRESET_IDS) {
      const doc = everyKnobChanged(id, RULES, r, 64, (s) => browserBudgetProblem(s) === null);
      const scenario = scenarioOf(id, doc);
      const base = presetScenario(id);
      // Most knobs really changed (a few cannot move alone because of cross-field rules or the budget).
      const { version, id: _, title, description, seed, ...knobs } = base;
      expect(leaves(doc)).toBeGreaterThan(0.8 * leaves(knobs));
      expect(scenario).not.toEqual(base);
      const s: LinkState = {
        presetId: id,
        scenario,
        step: scenario.limits.maxEvents,
        selection: { kind: 'skb', id: 0xffff_ffff },
        tab: 'numbers',
      };
      const link = encodeLink(s);
      lengths.push(link.length);
      expect(decoded(link)).toEqual(s);
    }
    expect(Math.max(...lengths)).toBeLessThanOrEqual(MAX_LINK_CHARS);
  });

  it('compresses only when that makes the link shorter', () => {
    const cases = [
      state('gro-on'),
      state('gro-off', { nic: { rxRingSize: 512 } }),
      state('gro-on', REALISTIC),
    ];
    const modes = cases.map((s) => {
      const link = encodeLink(s);
      const json = new TextEncoder().encode(JSON.stringify(envelopeOf(link)));
      const plain = `v1.j${toBase64url(json)}`;
      const packed = `v1.z${toBase64url(deflateSync(json, DEFLATE_OPTIONS))}`;
      expect(link.length).toBe(Math.min(plain.length, packed.length));
      expect(link[3]).toBe(packed.length < plain.length ? 'z' : 'j');
      if (link[3] === 'j') expect(link).toBe(plain);
      return link[3];
    });
    // Small links stay plain, large ones are compressed: both modes occur.
    expect(modes[0]).toBe('j');
    expect(modes[2]).toBe('z');
  });
});

/** Values in a nested object (an array counts as one). */
function leaves(o: object): number {
  return Object.values(o).reduce<number>(
    (n, v) => n + (typeof v === 'object' && v !== null && !Array.isArray(v) ? leaves(v) : 1),
    0,
  );
}

/** The JSON envelope inside a link. */
function envelopeOf(link: string): unknown {
  const bytes = new Uint8Array(Buffer.from(link.slice(4), 'base64url'));
  return JSON.parse(new TextDecoder().decode(link[3] === 'z' ? inflateSync(bytes) : bytes));
}
