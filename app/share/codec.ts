/**
 * Share links: the page's state in the URL fragment, so a link opens the same scenario at the same
 * step with the same object selected and the same tab shown.
 *
 * Format: `v<version>.<mode><payload>`, e.g. `v1.jeyJwIjoi...` or `v1.z...`.
 *   - version: which envelope and decoder (a table below; v1 today). Old versions keep decoding.
 *   - mode `j`: payload is base64url (no padding) of the UTF-8 JSON envelope;
 *     mode `z`: base64url of the envelope deflated raw (RFC 1951, fflate). The encoder picks
 *     whichever is shorter (`j` on a tie), so short links stay readable-ish and long ones shrink.
 *   - the envelope (envelope-v1.ts) holds the preset id, the seed, only the knobs that differ
 *     from the preset (diff.ts), the step, the selection and the tab. The preset's id, title and
 *     description are not carried: a decoded scenario always has its preset's identity.
 *
 * Decoding never throws and never runs anything from the link: each stage checks and stops with
 * a plain sentence naming what was wrong, cheapest first: the length, the version, the mode,
 * base64url, inflation (bounded: a zip bomb stops at MAX_JSON_BYTES), UTF-8, JSON, sim-core's
 * structural guard (forbidden keys such as __proto__, depth, size), the envelope's strict schema,
 * the scenario (sim-core's resolveScenario over the preset: its messages, as the CLI prints them),
 * the browser budget (budget.ts), then the step and the selection against that scenario.
 * Nothing from a link is ever evaluated; the only strings it can put in a state are preset ids,
 * tabs, selection kinds and enum knobs (all checked against fixed lists) and hex in rawStreamHex.
 *
 * Sizes: an unedited preset's link is 80 to 115 characters; with a dozen knobs and 3 faults
 * changed, about 530; with every knob changed and the 64 faults allowed, at the largest step,
 * about 1,650 (tests: every preset fits MAX_LINK_CHARS).
 * Only a long workload.rawStreamHex can make a link longer; the caller checks the length.
 *
 * Versioning: links name knobs, never positions, and only the knobs that differ, so a knob added
 * to the schema later just takes its preset's value in an old link. A change of meaning (a knob
 * renamed or removed, a preset renamed) needs a new version: its own decoder in DECODERS, and the
 * old one kept (migrating, e.g., a renamed knob), with frozen-v1.test.ts proving old links open.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { z } from 'zod';
import {
  type DeepPartial,
  DEFAULT_SCENARIO,
  getPreset,
  presetScenario,
  resolveScenario,
  type Scenario,
} from '../../sim-core/page';
import { FORBIDDEN_KEYS, getAt, guardInput } from '../../sim-core/scenario/guard';
import type { Selection, SelectionKind, Tab } from '../store/store';
import { fromBase64url, toBase64url } from './base64url';
import { browserBudgetProblem } from './budget';
import { knobDiff, NOT_KNOBS } from './diff';
import { type EnvelopeV1, envelopeV1, FIELD_NAMES } from './envelope-v1';
import { excerpt, message } from './text';

/** Everything a link carries. `scenario` is the full resolved scenario (preset + knobs). */
export interface LinkState {
  presetId: string; // a PRESET_IDS member
  scenario: Scenario; // full, valid scenario (scenario.seed is the seed)
  step: number; // store.step (0-based internal step; the page shows step+1)
  selection: Selection | null;
  tab: Tab;
}

export type DecodeResult = { ok: true; state: LinkState } | { ok: false; error: string };

/** Every preset at any step, with a realistic knob diff, fits in this many characters (tested). */
export const MAX_LINK_CHARS = 2000;
/** A fragment longer than this is refused before any other work (links we make are under MAX_LINK_CHARS). */
export const MAX_FRAGMENT_CHARS = 8000;
/** Inflated JSON larger than this is refused (a zip bomb stops here). */
export const MAX_JSON_BYTES = 64 * 1024;
/** The version links are made in. */
export const LINK_VERSION = 1;

const VERSION_RE = /^v(\d{1,6})(?:\.|$)/;

function stripHash(fragment: string): string {
  return fragment.startsWith('#') ? fragment.slice(1) : fragment;
}

/**
 * True when the fragment looks like an rxpath link (`v<digits>` then '.' or the end), so the page
 * should decode it and show any error. False for an empty fragment or any other fragment (an
 * in-page anchor, say): the page then loads the default preset without a message.
 */
export function isLinkFragment(fragment: string): boolean {
  return typeof fragment === 'string' && VERSION_RE.test(stripHash(fragment));
}

// ---------------------------------------------------------------- encoding

/** Options of the deflate step. A small hash table (mem 1) gives the same output for inputs this small, and is much faster. */
export const DEFLATE_OPTIONS = { level: 9, mem: 1 } as const;

/** Preset scenarios, read only (the diff's base); validated once each. */
const presetCache = new Map<string, Scenario>();
function presetBase(id: string): Scenario {
  let s = presetCache.get(id);
  if (s === undefined) {
    s = presetScenario(id);
    presetCache.set(id, s);
  }
  return s;
}

function envelopeOf(state: LinkState): EnvelopeV1 {
  const env: EnvelopeV1 = { p: state.presetId, s: state.scenario.seed };
  const k = knobDiff(presetBase(state.presetId), state.scenario);
  if (Object.keys(k).length > 0) env.k = k;
  // The store's step is -1 before anything is shown: such a page links to the first step.
  if (state.step > 0) env.n = state.step;
  if (state.selection !== null) env.o = [state.selection.kind, state.selection.id];
  if (state.tab !== 'inspector') env.t = state.tab;
  return env;
}

/**
 * The fragment (without '#') for `state`. Throws only for a state no page can be in (an unknown
 * preset id). The caller compares the length with MAX_LINK_CHARS: a scenario with a long raw
 * stream can exceed it, and such a link should not be offered.
 */
export function encodeLink(state: LinkState): string {
  const json = new TextEncoder().encode(JSON.stringify(envelopeOf(state)));
  const plain = `v${LINK_VERSION}.j${toBase64url(json)}`;
  const packed = `v${LINK_VERSION}.z${toBase64url(deflateSync(json, DEFLATE_OPTIONS))}`;
  return packed.length < plain.length ? packed : plain;
}

// ---------------------------------------------------------------- decoding

type Step<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error: message(error) });

/** The bytes of a v1 payload: the mode letter, base64url, bounded inflation. `offset` positions messages. */
function payloadBytes(body: string, offset: number): Step<Uint8Array> {
  const mode = body.charAt(0);
  if (mode === '') return fail('The link ends after its version: the data is missing.');
  if (mode !== 'j' && mode !== 'z') {
    return fail(
      `The link's encoding ${excerpt(mode)} is unknown: after the version comes j (plain) or z (compressed).`,
    );
  }
  const b64 = fromBase64url(body.slice(1));
  if (!b64.ok) {
    const at = offset + 1 + b64.at + 1;
    if (b64.reason === 'length') {
      return fail(
        `The link is cut short: its base64url data has an impossible length (${body.length - 1} characters).`,
      );
    }
    if (b64.reason === 'trailing-bits') {
      return fail(
        `The link is not valid base64url at character ${at}: the last character has bits set that encode nothing.`,
      );
    }
    return fail(
      `The link is not valid base64url at character ${at} (only A-Z, a-z, 0-9, - and _ may appear).`,
    );
  }
  if (mode === 'j') {
    if (b64.bytes.length > MAX_JSON_BYTES)
      return fail(`The link's data is larger than ${MAX_JSON_BYTES / 1024} KiB.`);
    return { ok: true, value: b64.bytes };
  }
  let out: Uint8Array;
  try {
    // A fixed buffer one byte over the limit: fflate stops filling it there, so a bomb costs little.
    out = inflateSync(b64.bytes, { out: new Uint8Array(MAX_JSON_BYTES + 1) });
  } catch {
    return fail(
      "The link's compressed data is broken (not valid deflate data; perhaps the link was cut short).",
    );
  }
  if (out.length > MAX_JSON_BYTES) {
    return fail(
      `The link's compressed data expands to more than ${MAX_JSON_BYTES / 1024} KiB, which no rxpath link needs.`,
    );
  }
  return { ok: true, value: out };
}

function parseJson(bytes: Uint8Array): Step<unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail("The link's data is not valid UTF-8 text.");
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail("The link's data is not valid JSON.");
  }
}

function pathName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  const name =
    typeof head === 'string' && Object.hasOwn(FIELD_NAMES, head) ? FIELD_NAMES[head]! : excerpt(String(head));
  return rest.length === 0 ? name : `${name}[${rest.map(String).join('][')}]`;
}

function envelopeProblem(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.slice(0, 3).map(excerpt).join(', ');
    const at = issue.path.length === 0 ? 'The link has' : `The link's ${pathName(issue.path)} has`;
    return `${at} unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; a v1 link has only p (preset), s (seed), k (knobs), n (step), o (selection), t (view).`;
  }
  if (issue.path.length === 0) return "The link's data is not an rxpath link: it must be a JSON object.";
  const missing = !getAt(input, issue.path).present;
  return missing
    ? `The link has no ${pathName(issue.path)}.`
    : `The link's ${pathName(issue.path)} is not valid: it ${issue.message}.`;
}

/** Top-level sections a link's knobs may name: every scenario field but identity and seed. */
const KNOB_SECTIONS = Object.keys(DEFAULT_SCENARIO).filter((k) => !NOT_KNOBS.includes(k));

function decodeEnvelopeV1(env: EnvelopeV1): DecodeResult {
  const preset = getPreset(env.p);
  if (preset === undefined) return fail(`The link's preset ${excerpt(env.p)} is unknown.`);
  const knobs = env.k ?? {};
  const bad = Object.keys(knobs).filter((k) => !KNOB_SECTIONS.includes(k));
  if (bad.length > 0) {
    return fail(
      `The link's knobs name ${bad.length > 1 ? 'unknown sections' : 'an unknown section'} ${bad.slice(0, 3).map(excerpt).join(', ')}; ` +
        `knobs may set only ${KNOB_SECTIONS.join(', ')}.`,
    );
  }
  const r = resolveScenario({ ...(knobs as DeepPartial<Scenario>), seed: env.s }, { preset: env.p });
  if (!r.ok) {
    const shown = r.errors.slice(0, 3).map((e) => e.message);
    const more = r.errors.length > 3 ? `; and ${r.errors.length - 3} more` : '';
    return fail(`The link's scenario is not valid: ${shown.join('; ')}${more}.`);
  }
  const scenario = r.scenario;
  const budget = browserBudgetProblem(scenario);
  if (budget !== null) return fail(budget);
  const step = env.n ?? 0;
  if (step > scenario.limits.maxEvents) {
    return fail(
      `The link's step ${step + 1} is past the end of its scenario, which stops after about ${scenario.limits.maxEvents} steps (limits.maxEvents).`,
    );
  }
  let selection: Selection | null = null;
  if (env.o !== undefined) {
    const [kind, id] = env.o as [SelectionKind, number];
    const problem = selectionProblem(kind, id, scenario);
    if (problem !== null) return fail(`The link's selection ${kind} ${id} is not valid: ${problem}.`);
    selection = { kind, id };
  }
  return {
    ok: true,
    state: { presetId: env.p, scenario, step, selection, tab: (env.t ?? 'inspector') as Tab },
  };
}

/** Bounds an id can be checked against without running the scenario (the rest: the inspector finds it or not). */
function selectionProblem(kind: SelectionKind, id: number, s: Scenario): string | null {
  switch (kind) {
    case 'slot':
      return id < s.nic.rxRingSize
        ? null
        : `the RX ring has ${s.nic.rxRingSize} descriptors (0 to ${s.nic.rxRingSize - 1})`;
    case 'queue':
      return id <= 2 ? null : 'queues are 0 (backlog), 1 (sk_receive_queue) and 2 (out_of_order_queue)';
    case 'cpu':
      return id <= 1 ? null : 'the model has cores 0 and 1';
    case 'pipe':
      return id === 0 ? null : 'there is one recv pipe, id 0';
    case 'req':
      return id < s.spdk.maxQueueDepth
        ? null
        : `the qpair has ${s.spdk.maxQueueDepth} tcp_req slots (0 to ${s.spdk.maxQueueDepth - 1})`;
    default:
      return null;
  }
}

function decodeV1(body: string, offset: number): DecodeResult {
  const bytes = payloadBytes(body, offset);
  if (!bytes.ok) return bytes;
  const json = parseJson(bytes.value);
  if (!json.ok) return json;
  const guarded = guardInput(json.value);
  if (guarded.length > 0) {
    const g = guarded[0]!;
    const key = FORBIDDEN_KEYS.find((k) => g.path === k || g.path.endsWith(`.${k}`));
    if (key !== undefined) {
      const at = g.path.replace(/^k\./, 'knobs.');
      return fail(`The link contains the forbidden key "${key}" (at ${at}); nothing was loaded.`);
    }
    if (/nested too deeply/.test(g.message)) return fail("The link's data is nested too deeply.");
    return fail("The link's data holds too many values.");
  }
  const env = envelopeV1.safeParse(json.value);
  if (!env.success) return fail(envelopeProblem(env.error.issues[0]!, json.value));
  return decodeEnvelopeV1(env.data);
}

/** Decoders by link version. A new version adds an entry; old entries stay so old links open. */
const DECODERS: Readonly<Record<number, (body: string, offset: number) => DecodeResult>> = {
  1: decodeV1,
};

/** Decodes a fragment (with or without '#'). Never throws; an error names what was wrong. */
export function decodeLink(fragment: string): DecodeResult {
  try {
    if (typeof fragment !== 'string') return fail('The link is not text.');
    const text = stripHash(fragment);
    if (text.length === 0) return fail('The link is empty.');
    if (text.length > MAX_FRAGMENT_CHARS) {
      return fail(
        `The link is too long: ${text.length} characters; an rxpath link has at most ${MAX_FRAGMENT_CHARS}.`,
      );
    }
    const m = VERSION_RE.exec(text);
    if (m === null) return fail('The link does not start with an rxpath version such as "v1.".');
    const version = Number(m[1]);
    const decoder = DECODERS[version];
    if (decoder === undefined) {
      return version > LINK_VERSION
        ? fail(`The link's version v${version} is newer than this rxpath understands (v${LINK_VERSION}).`)
        : fail(
            `The link's version v${version} is not one rxpath ever made (this rxpath reads v1 to v${LINK_VERSION}).`,
          );
    }
    const head = m[0].length;
    return decoder(text.slice(head), head);
  } catch (e) {
    // Not expected (the fuzz test looks for it): a bug here must still not break the page.
    return fail(`The link could not be read (${e instanceof Error ? e.name : 'unknown error'}).`);
  }
}
