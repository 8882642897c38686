/**
 * Asks the worker for the inspector's view whenever the step (a new ViewState) or the selection
 * changes, without flooding it while playing: at most one request is in flight; wants that
 * arrive meanwhile collapse into the latest, sent when the answer comes back. An answer older
 * than the one shown is dropped. The worker computes the inspect views in the same replays as
 * the step views (sim-core/view/cursor.ts), so with one selection held most answers are lookups.
 */
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../format';
import { useApp, useCalm, useRuntime } from '../../runtime-context';
import type { InspectView, Selection } from './types';

export interface Inspected {
  /** The last answer shown, and the step it is for. */
  view: InspectView | null;
  step: number;
  /** The answer shown is not yet for the step and selection now wanted. */
  stale: boolean;
  error: string | null;
}

interface Shown {
  view: InspectView;
  step: number;
  selection: Selection | null;
  seq: number;
}

function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);
}

interface Want {
  step: number;
  selection: Selection | null;
  seq: number;
}

export function useInspect(): Inspected {
  const { client } = useRuntime();
  const viewState = useCalm((s) => s.view);
  const selection = useApp((s) => s.selection);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const wanted = useRef<Want | null>(null);
  const inFlight = useRef(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (viewState === null) return;
    seq.current += 1;
    wanted.current = { step: viewState.step, selection, seq: seq.current };
    const pump = () => {
      if (inFlight.current || wanted.current === null || !alive.current) return;
      const w = wanted.current;
      wanted.current = null;
      inFlight.current = true;
      client
        .inspect(w.step, w.selection)
        .then(
          (view) => {
            if (!alive.current) return;
            setShown((old) =>
              old !== null && old.seq > w.seq
                ? old
                : { view, step: w.step, selection: w.selection, seq: w.seq },
            );
            setError(null);
          },
          (e: unknown) => {
            if (!alive.current) return;
            // A newer load or a restart drops the old trace: the next step's request answers.
            const kind = (e as { kind?: string }).kind;
            if (kind !== 'cancelled' && kind !== 'terminated') setError(messageOf(e));
          },
        )
        .finally(() => {
          inFlight.current = false;
          pump();
        });
    };
    pump();
  }, [client, viewState, selection]);

  return {
    view: shown?.view ?? null,
    step: shown?.step ?? -1,
    stale:
      shown === null ||
      viewState === null ||
      shown.step !== viewState.step ||
      !sameSelection(shown.selection, selection),
    error,
  };
}
