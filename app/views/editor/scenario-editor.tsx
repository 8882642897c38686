/**
 * The scenario editor: every knob of the scenario, grouped by the stage it acts on (wire,
 * workload, igb, softirq, CPU, TCP, SPDK sock, NVMe-oF target, run limits, faults), each with its
 * unit, range and real default. What is typed is checked by sim-core's schema as it is typed;
 * errors show next to the field they name and nothing runs until they are fixed. "Run scenario"
 * loads it in the worker (the page stays live; loading shows progress and can be cancelled).
 * Export writes the scenario as the JSON file `npm run sim` runs; import reads one back.
 */
import { type ChangeEvent, useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_PRESET_ID, DEFAULT_SCENARIO, PRESET_IDS, presetScenario } from '../../../sim-core/page';
import { useApp, useRuntime } from '../../runtime-context';
import { browserBudgetProblem } from '../../share/budget';
import { asLoad, sameKnobs } from '../scenario/identity';
import { presetTitle } from '../scenario/presets';
import { checkDraft, type Draft, draftOf, type FaultDraft, type FieldValue } from './draft';
import { draftStoreFor } from './draft-store';
import { FaultList } from './fault-list';
import { KnobField } from './knob-field';
import { KNOB_GROUPS } from './knobs';
import { MAX_FILE_BYTES, readScenarioFile, scenarioFileName, scenarioFileText } from './scenario-file';

const DEFAULT_DRAFT: Draft = draftOf(DEFAULT_SCENARIO);

/** Downloads `text` as a file (an object URL on a temporary link; no server involved). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started from the URL; let it go once the browser is done with it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function focusField(path: string): void {
  const m = /^faults\[(\d+)\]/.exec(path);
  const el = m
    ? document.querySelector<HTMLElement>(`.fault-list > li:nth-child(${Number(m[1]) + 1}) select`)
    : document.getElementById(`knob-${path.replace(/\./g, '-')}`);
  el?.focus();
}

type ImportNote = { kind: 'error'; file: string; errors: string[] } | { kind: 'ok'; file: string } | null;

export function ScenarioEditor() {
  const runtime = useRuntime();
  const drafts = draftStoreFor(runtime.store);
  const draft = useStore(drafts, (s) => s.draft);
  const loaded = useApp((s) => s.scenario);
  const storePreset = useApp((s) => s.presetId);
  const edited = useApp((s) => s.edited);
  const [note, setNote] = useState<ImportNote>(null);

  const presetId = PRESET_IDS.includes(storePreset) ? storePreset : DEFAULT_PRESET_ID;
  const base = loaded ?? DEFAULT_SCENARIO;
  const presetDraft = useMemo(() => draftOf(presetScenario(presetId)), [presetId]);
  const checked = useMemo(() => checkDraft(draft, base), [draft, base]);
  const budget = checked.scenario !== null ? browserBudgetProblem(checked.scenario) : null;
  const general = budget !== null ? [...checked.general, budget] : checked.general;
  const problems = checked.count + (budget !== null ? 1 : 0);
  const runnable = checked.scenario !== null && budget === null;
  const pending = runnable && loaded !== null && !sameKnobs(checked.scenario!, loaded);

  const onField = useCallback(
    (path: string, value: FieldValue) =>
      drafts.setState((s) => ({ draft: { ...s.draft, fields: { ...s.draft.fields, [path]: value } } })),
    [drafts],
  );
  const onFaults = useCallback(
    (faults: FaultDraft[]) => drafts.setState((s) => ({ draft: { ...s.draft, faults } })),
    [drafts],
  );

  const run = () => {
    if (checked.scenario === null || budget !== null) return;
    setNote(null);
    runtime.loadScenario(asLoad(checked.scenario, presetId));
  };
  const exportFile = () => {
    if (checked.scenario === null) return;
    const req = asLoad(checked.scenario, presetId);
    download(scenarioFileName(presetId, req.edited), scenarioFileText(req.scenario));
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    if (file.size > MAX_FILE_BYTES) {
      setNote({
        kind: 'error',
        file: file.name,
        errors: [`The file is larger than ${MAX_FILE_BYTES >> 20} MiB.`],
      });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setNote({ kind: 'error', file: file.name, errors: ['The file could not be read.'] });
      return;
    }
    const r = readScenarioFile(text);
    if (!r.ok) {
      setNote({ kind: 'error', file: file.name, errors: r.errors });
      return;
    }
    setNote({ kind: 'ok', file: file.name });
    runtime.loadScenario(r.load);
  };

  return (
    <section className="scenario-editor" aria-label="Scenario editor">
      <div className="editor-bar">
        <h2>
          {presetTitle(presetId)}
          {edited ? ' (edited)' : ''} <code className="path">{presetId}</code>
        </h2>
        <div className="editor-actions">
          <button type="button" className="primary" disabled={!runnable} onClick={run}>
            Run scenario
          </button>
          <button type="button" onClick={() => drafts.getState().setDraft(presetDraft)}>
            Reset to preset
          </button>
          <button type="button" disabled={checked.scenario === null} onClick={exportFile}>
            Export JSON
          </button>
          <label className="button file">
            Import JSON
            <input type="file" accept=".json,application/json" onChange={importFile} />
          </label>
        </div>
        <p className={`editor-status${problems > 0 ? ' bad' : ''}`} aria-live="polite">
          {problems > 0
            ? `${problems === 1 ? '1 problem' : `${problems} problems`}: fix ${problems === 1 ? 'it' : 'them'} to run. Nothing runs until then.`
            : pending
              ? 'Changed knobs are not running yet: press “Run scenario”.'
              : 'These are the knobs of the scenario shown.'}
        </p>
      </div>
      {note?.kind === 'error' && (
        <div className="alert import-errors" role="alert">
          <p>
            “{note.file}” could not be loaded (
            {note.errors.length === 1 ? '1 error' : `${note.errors.length} errors`}):
          </p>
          <ul>
            {note.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setNote(null)}>
            Dismiss
          </button>
        </div>
      )}
      {note?.kind === 'ok' && <p className="notice">Loaded “{note.file}”.</p>}
      {(general.length > 0 || checked.byPath.size > 0) && (
        <ul className="editor-errors" aria-label="Problems">
          {general.map((m) => (
            <li key={m}>{m}</li>
          ))}
          {[...checked.byPath.entries()].map(([path, list]) => (
            <li key={path}>
              <button type="button" className="link" onClick={() => focusField(path)}>
                {list.join(' ')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="knob-groups">
        {KNOB_GROUPS.map((g) => (
          <fieldset key={g.id} className="knob-group">
            <legend>{g.title}</legend>
            {g.knobs.map((k) => (
              <KnobField
                key={k.path}
                knob={k}
                value={draft.fields[k.path] ?? ''}
                defaultValue={DEFAULT_DRAFT.fields[k.path] ?? ''}
                presetValue={presetDraft.fields[k.path] ?? ''}
                errors={checked.byPath.get(k.path)}
                onChange={onField}
              />
            ))}
          </fieldset>
        ))}
        <FaultList faults={draft.faults} errors={checked.byPath} onChange={onFaults} />
      </div>
    </section>
  );
}
