/**
 * Every field of the selected object, with a labelled hex view (the "Inspector" tab). The worker
 * computes it (sim-core/view/inspect.ts) for the step shown and the store's selection; nothing
 * selected shows the PDU in progress. An object gone at this step says so and stays selected,
 * so stepping back shows it again.
 */
import { useMemo, useState } from 'react';
import { stepNumber } from '../../format';
import { useApp } from '../../runtime-context';
import { FieldTable } from './field-table';
import { HexView } from './hex-view';
import { useInspect } from './use-inspect';

export function Inspector() {
  const { view, step, stale, error } = useInspect();
  const selection = useApp((s) => s.selection);
  const select = useApp((s) => s.select);
  const phase = useApp((s) => s.phase);
  const [pin, setPin] = useState<{ key: string; name: string } | null>(null);
  const inHex = useMemo(() => new Set(view?.hex?.labels.map((l) => l.name) ?? []), [view]);

  if (view === null) {
    return (
      <section className="inspector" aria-label="Inspector">
        <p className="insp-empty">
          {error ?? (phase === 'loading' ? 'The scenario is being simulated…' : 'No step to show yet.')}
        </p>
      </section>
    );
  }

  // A pinned field belongs to one object: another object (or kind) starts with none.
  const key = `${view.kind}:${view.id}`;
  const pinned = pin !== null && pin.key === key && inHex.has(pin.name) ? pin.name : null;
  const onPin = (name: string | null) => setPin(name === null ? null : { key, name });

  return (
    <section className="inspector" aria-label="Inspector" aria-busy={stale}>
      <div className="insp-head">
        <h3 className="insp-title">{view.title}</h3>
        <span className="insp-at">at step {stepNumber(step)}</span>
        {selection !== null && (
          <button type="button" className="small" onClick={() => select(null)}>
            Show the PDU in progress
          </button>
        )}
      </div>
      <p className={view.present ? 'insp-summary' : 'insp-summary missing'}>{view.summary}</p>
      {selection === null && (
        <p className="insp-hint">
          Select a ring slot, an skb, a queue, a core, the pipe or a tcp_req in the picture to inspect it.
        </p>
      )}
      {error !== null && phase !== 'loading' && <p className="insp-error">{error}</p>}
      {view.present && (
        <div className={view.hex === null ? 'insp-body' : 'insp-body with-hex'}>
          <FieldTable title={view.title} fields={view.fields} inHex={inHex} pinned={pinned} onPin={onPin} />
          {view.hex !== null && <HexView hex={view.hex} pinned={pinned} onPin={onPin} />}
        </div>
      )}
    </section>
  );
}
