/**
 * The call stack of the step shown (sim-core/view/callstack.ts). Its context needs the CPU view
 * and the codes of the rows just before the step (who ran TCP's code), fetched from the worker
 * as a small window. While playing fast only the newest step is asked for: one request at a
 * time, and the stack shown may trail the view by that one request.
 */
import { useEffect, useRef, useState } from 'react';
import { type CallStack, callStack, stackContext } from '../../../sim-core/page';
import { useCalm, useRuntime } from '../../runtime-context';
import type { ViewState } from '../../sim-types';

/** Rows before the step looked at for context (one context's rows are recorded together). */
export const RECENT_ROWS = 48;

export interface StepStack {
  step: number;
  stack: CallStack;
}

export function useCallStack(): StepStack | null {
  const { client } = useRuntime();
  const view = useCalm((s) => s.view);
  const [shown, setShown] = useState<StepStack | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);
  const latest = useRef<ViewState | null>(null);
  latest.current = view;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (view === null || view.row === null) {
      setShown(null);
      return;
    }
    if (busy.current) return; // the answer in flight asks again for the newest view
    const ask = (v: ViewState) => {
      busy.current = true;
      const row = v.row!;
      const done = (recent?: ArrayLike<number>) => {
        busy.current = false;
        if (!mounted.current) return;
        setShown({ step: v.step, stack: callStack(row, stackContext(v, recent)) });
        const now = latest.current;
        if (now !== null && now !== v && now.row !== null) ask(now);
      };
      client.rows(Math.max(0, v.step - RECENT_ROWS), v.step + 1).then(
        ({ rows }) => done(rows.code),
        // Without the rows (a reload meanwhile): the view alone still gives a stack.
        () => done(),
      );
    };
    ask(view);
  }, [client, view]);

  return shown;
}
