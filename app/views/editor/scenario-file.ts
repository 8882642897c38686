/**
 * A scenario as a file: export writes the whole scenario as JSON, the same document
 * `npm run sim -- file.json` runs headless; import reads such a file (or a partial one, as the
 * CLI accepts: `{"preset": "gro-off", "seed": 7}`), validates it with sim-core and names every
 * error by its path. Nothing in a file is executed: it is parsed as JSON and checked as data.
 */
import { parseScenario, resolveScenario, type Scenario } from '../../../sim-core/page';
import type { LoadRequest } from '../../runtime';
import { browserBudgetProblem } from '../../share/budget';
import { asLoad, basePresetOf } from '../scenario/identity';

/** Larger than any valid scenario (a 1 MiB raw stream is 2 MiB of hex). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export function scenarioFileText(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

export function scenarioFileName(presetId: string, edited: boolean): string {
  return `${presetId}${edited ? '-edited' : ''}.json`;
}

export type FileResult = { ok: true; load: LoadRequest } | { ok: false; errors: string[] };

export function readScenarioFile(text: string): FileResult {
  if (text.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      errors: [`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: no scenario is that large.`],
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [`The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  // A whole scenario (it has a version, as exported files do) is checked as it is; a partial one
  // is completed over its preset or the defaults, as the CLI does.
  const whole =
    typeof input === 'object' && input !== null && !Array.isArray(input) && Object.hasOwn(input, 'version');
  const r = whole ? parseScenario(input) : resolveScenario(input);
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => e.message) };
  const budget = browserBudgetProblem(r.scenario);
  if (budget !== null) return { ok: false, errors: [budget] };
  return { ok: true, load: asLoad(r.scenario, basePresetOf(r.scenario)) };
}
