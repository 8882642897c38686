/**
 * The scenario picker: every preset by title, and what the chosen one shows. A scenario changed
 * in the editor, imported or opened from a link reads "<preset> (edited)", with the knobs it
 * changes; choosing a preset again loads that preset as it is.
 */
import { useId } from 'react';
import { useApp, useRuntime } from '../../runtime-context';
import { changedKnobs, editedTitle } from './identity';
import { PRESET_LIST } from './presets';
import { presetScenario } from '../../../sim-core/page';

const EDITED = '__edited';

export function ScenarioPicker() {
  const { loadPreset } = useRuntime();
  const scenarioId = useApp((s) => s.scenarioId);
  const presetId = useApp((s) => s.presetId);
  const edited = useApp((s) => s.edited);
  const scenario = useApp((s) => s.scenario);
  const id = useId();
  const chosen = PRESET_LIST.find((p) => p.id === (edited ? presetId : scenarioId));
  const changes =
    edited && scenario !== null && chosen !== undefined
      ? changedKnobs(presetScenario(chosen.id), scenario)
      : [];
  const value = edited && chosen !== undefined ? EDITED : (chosen?.id ?? '');
  return (
    <div className="scenario">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-desc`}
        onChange={(e) => loadPreset(e.target.value)}
      >
        {chosen === undefined && <option value="">Choose a scenario</option>}
        {value === EDITED && chosen !== undefined && (
          <option value={EDITED} disabled>
            {editedTitle(chosen.title)}
          </option>
        )}
        {PRESET_LIST.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.title}
          </option>
        ))}
      </select>
      <p className="description" id={`${id}-desc`}>
        {value === EDITED
          ? `${chosen?.id} (edited): ${changes.length === 0 ? 'no knob' : changes.length === 1 ? '1 knob' : `${changes.length} knobs`} changed from the preset (${summarise(changes)}). Choose a preset to go back to it.`
          : (chosen?.description ?? '')}
      </p>
    </div>
  );
}

/** The first few changed knobs, then how many more. */
function summarise(paths: string[]): string {
  const shown = paths.slice(0, 4).join(', ');
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}
