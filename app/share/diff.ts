/**
 * The knobs a scenario changes from its preset, as a nested partial: only leaves that differ, and
 * arrays (faults) whole, the way sim-core's deepMerge reads a partial. A link carries this and not
 * the full scenario, so a link stays short and names only knobs that existed when it was made:
 * when the schema gains a knob later, an old link simply leaves it at the preset's value.
 */
import type { Scenario } from '../../sim-core/page';

/** Top-level fields a link never carries as knobs: identity comes from the preset, the seed has its own field. */
export const NOT_KNOBS: readonly string[] = ['version', 'id', 'title', 'description', 'seed'];

/** The knob sections a link's diff may name (the scenario's other top-level fields). */
export type KnobDiff = Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function diffObject(base: Record<string, unknown>, next: Record<string, unknown>): KnobDiff {
  const out: KnobDiff = {};
  for (const key of Object.keys(next)) {
    const a = base[key];
    const b = next[key];
    if (isRecord(a) && isRecord(b)) {
      const inner = diffObject(a, b);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else if (!sameValue(a, b)) {
      out[key] = b;
    }
  }
  return out;
}

/** What `scenario` changes from `base` (its preset's scenario), identity and seed left out. */
export function knobDiff(base: Scenario, scenario: Scenario): KnobDiff {
  const b = base as unknown as Record<string, unknown>;
  const s = scenario as unknown as Record<string, unknown>;
  const out = diffObject(
    Object.fromEntries(
      Object.keys(b)
        .filter((k) => !NOT_KNOBS.includes(k))
        .map((k) => [k, b[k]]),
    ),
    Object.fromEntries(
      Object.keys(s)
        .filter((k) => !NOT_KNOBS.includes(k))
        .map((k) => [k, s[k]]),
    ),
  );
  return out;
}
