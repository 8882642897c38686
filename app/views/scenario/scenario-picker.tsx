/** The scenario picker: every preset by title, and what the chosen one shows. */
import { useId } from 'react';
import { useApp, useRuntime } from '../../runtime-context';
import { PRESET_LIST } from './presets';

export function ScenarioPicker() {
  const { loadPreset } = useRuntime();
  const scenarioId = useApp((s) => s.scenarioId);
  const id = useId();
  const chosen = PRESET_LIST.find((p) => p.id === scenarioId);
  return (
    <div className="scenario">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        value={chosen?.id ?? ''}
        aria-describedby={`${id}-desc`}
        onChange={(e) => loadPreset(e.target.value)}
      >
        {chosen === undefined && <option value="">Choose a scenario</option>}
        {PRESET_LIST.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.title}
          </option>
        ))}
      </select>
      <p className="description" id={`${id}-desc`}>
        {chosen?.description ?? ''}
      </p>
    </div>
  );
}
