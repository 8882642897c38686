/**
 * Public validation API. parseScenario / assertScenario check a complete scenario; resolveScenario
 * first completes a partial one, merging it over DEFAULT_SCENARIO or over a preset.
 */
import { DEFAULT_SCENARIO } from './defaults';
import { describeThrown, formatValue, type ParseResult, type ScenarioError, subject } from './errors';
import { guardInput, hasOwn, isPlainObject } from './guard';
import { deepMerge } from './merge';
import { parseScenario } from './parse';
import { getPreset, PRESET_IDS, presetDocument } from './presets/index';

export type { ParseResult, ScenarioError } from './errors';
export { formatErrors, ScenarioValidationError } from './errors';
export { assertScenario, parseScenario } from './parse';

export interface ResolveOptions {
  /** Merge over this preset instead of DEFAULT_SCENARIO. Same as a top-level `preset` key in the partial. */
  preset?: string;
}

function fail(path: string, value: unknown, rule: string): ParseResult {
  const error: ScenarioError = { path, value, message: `${subject(path, value, true)}: ${rule}` };
  return { ok: false, errors: [error] };
}

/**
 * Completes a partial scenario and validates it. Objects merge key by key; arrays (faults) and
 * values replace; a top-level `preset: '<id>'` (or `options.preset`) picks the base. The input is
 * never mutated and the result shares no object with it. Never throws.
 * The id, title and description are those of the base unless the partial sets them.
 */
export function resolveScenario(partial: unknown = {}, options: ResolveOptions = {}): ParseResult {
  try {
    const guarded = guardInput(partial);
    if (guarded.length > 0) return { ok: false, errors: guarded };
    if (!isPlainObject(partial)) {
      return fail('', partial, 'must be an object (a partial scenario, optionally with a preset id)');
    }
    const presetInPartial = hasOwn(partial, 'preset') ? partial.preset : undefined;
    if (presetInPartial !== undefined && typeof presetInPartial !== 'string') {
      return fail('preset', presetInPartial, `must be a preset id: one of ${PRESET_IDS.join(', ')}`);
    }
    if (presetInPartial !== undefined && options.preset !== undefined && presetInPartial !== options.preset) {
      return fail(
        'preset',
        presetInPartial,
        `must agree with the preset option (${formatValue(options.preset)})`,
      );
    }
    const presetId = presetInPartial ?? options.preset;
    let base: unknown = DEFAULT_SCENARIO;
    if (presetId !== undefined) {
      const preset = typeof presetId === 'string' ? getPreset(presetId) : undefined;
      if (preset === undefined) {
        return fail('preset', presetId, `unknown preset; must be one of ${PRESET_IDS.join(', ')}`);
      }
      base = presetDocument(preset);
    }
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(partial)) {
      if (key !== 'preset') patch[key] = partial[key];
    }
    return parseScenario(deepMerge(base, patch));
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', value: undefined, message: `scenario could not be read: ${describeThrown(e)}` }],
    };
  }
}
