/** Helpers for the share tests: hand-made links, scenarios from partials, a seeded random source. */
import { deflateSync } from 'fflate';
import { type Scenario, resolveScenario } from '../../sim-core/page';
import { toBase64url } from './base64url';

/** A v1 (or any version) link made from any value, as a hostile or old encoder might. */
export function rawLink(value: unknown, mode: 'j' | 'z' = 'j', version = 'v1'): string {
  return rawTextLink(JSON.stringify(value), mode, version);
}

/** A link from JSON text (so keys such as __proto__ stay literal). */
export function rawTextLink(json: string, mode: 'j' | 'z' = 'j', version = 'v1'): string {
  const bytes = new TextEncoder().encode(json);
  return `${version}.${mode}${toBase64url(mode === 'z' ? deflateSync(bytes, { mem: 1 }) : bytes)}`;
}

export function rawBytesLink(bytes: Uint8Array, mode: 'j' | 'z' = 'j'): string {
  return `v1.${mode}${toBase64url(bytes)}`;
}

/** The preset with `partial` merged in; throws when invalid (tests only pass valid partials). */
export function scenarioOf(presetId: string, partial: object = {}): Scenario {
  const r = resolveScenario(partial, { preset: presetId });
  if (!r.ok) throw new Error(`${presetId}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.scenario;
}

/** mulberry32: a small seeded generator, so a failing fuzz case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const intBelow = (r: () => number, n: number): number => Math.floor(r() * n);

type Partial = Record<string, Record<string, unknown> | unknown[]>;

function setPath(doc: Partial, path: string, value: unknown): Partial {
  const out = structuredClone(doc);
  const keys = path.split('.');
  let node = out as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return out;
}

function getPath(s: Scenario, path: string): unknown {
  let node: unknown = s;
  for (const k of path.split('.')) node = (node as Record<string, unknown>)[k];
  return node;
}

/** Numeric knob paths and a way to move each to another valid value (range, step and extra rules honoured). */
export function nudge(
  path: string,
  rule: { min: number; max: number; step?: number },
  v: number,
  r: () => number,
): number {
  if (path === 'softirq.hz')
    return pick(
      r,
      [100, 250, 300, 1000].filter((x) => x !== v),
    );
  if (path === 'spdk.maxIoSize') return v >= 1 << 20 ? v / 2 : v * 2;
  if (path === 'nic.itrIntsPerSec') return v === 0 ? 8000 + intBelow(r, 20_000) : v + 1 + intBelow(r, 999);
  const step = rule.step ?? 1;
  const span = Math.max(1, Math.min(1000, Math.floor((rule.max - rule.min) / step / 4)));
  const delta = (1 + intBelow(r, span)) * step;
  return v + delta <= rule.max ? v + delta : v - delta >= rule.min ? v - delta : v;
}

/**
 * A partial that changes as many knobs of the preset as stay valid together (greedy: each change
 * kept only when the whole scenario still resolves and `keep` accepts it), plus `faults` segment
 * faults at scattered segments: the longest diff a page could plausibly hold.
 */
export function everyKnobChanged(
  presetId: string,
  rules: Record<string, { min: number; max: number; step?: number }>,
  r: () => number,
  faults: number,
  keep: (s: Scenario) => boolean,
): Partial {
  let doc: Partial = {};
  let s = scenarioOf(presetId);
  const tryDoc = (next: Partial): boolean => {
    const res = resolveScenario(next, { preset: presetId });
    if (!res.ok || !keep(res.scenario)) return false;
    doc = next;
    s = res.scenario;
    return true;
  };
  for (const [path, rule] of Object.entries(rules)) {
    if (path === 'seed' || path.startsWith('fault.')) continue;
    const v = getPath(s, path) as number;
    tryDoc(setPath(doc, path, nudge(path, rule, v, r)));
  }
  for (const path of [
    'wire.tcpTimestamps',
    'softirq.gro',
    'spdk.headerDigest',
    'spdk.dataDigest',
    'spdk.pipeRewindOnEmpty',
  ]) {
    tryDoc(setPath(doc, path, !(getPath(s, path) as boolean)));
  }
  tryDoc(setPath(doc, 'cpu.reactorCore', s.cpu.reactorCore === 0 ? 1 : 0));
  tryDoc(setPath(doc, 'nic.rxBufferSize', s.nic.rxBufferSize === 3072 ? 2048 : 3072));
  const list: unknown[] = [];
  const used = new Set<number>();
  while (list.length < faults) {
    const segment = 1 + intBelow(r, 2_000_000);
    if (used.has(segment)) continue;
    used.add(segment);
    const kind = pick(r, ['drop-segment', 'duplicate-segment', 'reorder-segment'] as const);
    list.push(kind === 'reorder-segment' ? { kind, segment, by: 1 + intBelow(r, 999) } : { kind, segment });
  }
  if (faults > 0 && !tryDoc({ ...doc, faults: list })) throw new Error(`${presetId}: faults rejected`);
  return doc;
}
