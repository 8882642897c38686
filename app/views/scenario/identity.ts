/**
 * What a scenario is called once it runs. A scenario whose knobs equal its preset's is that
 * preset (its own id, title and figure); one that differs anywhere (seed included) is 'custom',
 * titled "<preset title> (edited)", so no preset's teaching figure is claimed for a run it does
 * not describe (sim-core's summary picks the figure by id; the CLI names unnamed files 'custom'
 * for the same reason). The same rule runs wherever a scenario comes from (the editor, an
 * imported file, a share link), so one scenario always looks the same everywhere.
 */
import {
  DEFAULT_PRESET_ID,
  PRESET_IDS,
  PRESETS,
  presetScenario,
  type Scenario,
} from '../../../sim-core/page';
import type { LoadRequest } from '../../runtime';

/** Fields that name a scenario rather than change what runs. */
const IDENTITY = new Set(['version', 'id', 'title', 'description']);

export const CUSTOM_ID = 'custom';

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k) =>
          Object.hasOwn(b, k) &&
          sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}

/** Every knob (seed, faults and limits included) equal; names ignored. */
export function sameKnobs(a: Scenario, b: Scenario): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !IDENTITY.has(k)));
  for (const k of keys) {
    if (!sameData((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/**
 * The preset a scenario is measured against: its own id when that is a preset; for an edited
 * one (a file exported from the editor) the preset its title names; else the default.
 */
export function basePresetOf(scenario: Scenario): string {
  if (PRESET_IDS.includes(scenario.id)) return scenario.id;
  const named = PRESETS.find((p) => editedTitle(p.title) === scenario.title);
  return named?.id ?? DEFAULT_PRESET_ID;
}

/** The scenario as it will run and be shown: the preset itself, or 'custom' "(edited)". */
export function asLoad(scenario: Scenario, presetId: string): LoadRequest {
  const base = presetScenario(presetId);
  if (sameKnobs(base, scenario)) return { scenario: base, presetId, edited: false };
  return {
    scenario: {
      ...scenario,
      id: CUSTOM_ID,
      title: editedTitle(base.title),
      description: base.description,
    },
    presetId,
    edited: true,
  };
}

export function editedTitle(presetTitle: string): string {
  return `${presetTitle} (edited)`;
}

/** Dotted paths of the knobs where `s` differs from `base` (faults as one knob). */
export function changedKnobs(base: Scenario, s: Scenario): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (
      typeof a === 'object' &&
      typeof b === 'object' &&
      a !== null &&
      b !== null &&
      !Array.isArray(a) &&
      !Array.isArray(b)
    ) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) {
        if (path === '' && IDENTITY.has(k)) continue;
        walk(
          (a as Record<string, unknown>)[k],
          (b as Record<string, unknown>)[k],
          path === '' ? k : `${path}.${k}`,
        );
      }
      return;
    }
    if (!sameData(a, b)) out.push(path);
  };
  walk(base, s, '');
  return out;
}
