/** The form that adds a breakpoint: a condition, and for state conditions the state. */
import { type FormEvent, useId, useState } from 'react';
import { useRuntime } from '../../runtime-context';
import type { Breakpoint } from '../../sim-types';
import {
  BREAKPOINT_KINDS,
  type BreakpointKind,
  RECV_STATES,
  REQ_STATES,
  shortState,
} from '../../store/breakpoints';

function statesFor(kind: BreakpointKind): readonly string[] | null {
  if (kind === 'recv-state') return RECV_STATES;
  if (kind === 'req-state') return REQ_STATES;
  return null;
}

const DEFAULT_STATE: Partial<Record<BreakpointKind, string>> = {
  'recv-state': RECV_STATES.find((s) => s.endsWith('AWAIT_PDU_PAYLOAD')),
  'req-state': REQ_STATES.find((s) => s.endsWith('EXECUTING')),
};

function breakpointOf(kind: BreakpointKind, state: string): Breakpoint {
  switch (kind) {
    case 'recv-state':
    case 'req-state':
      return { kind, state };
    default:
      return { kind };
  }
}

export function BreakpointForm() {
  const { store } = useRuntime();
  const [kind, setKind] = useState<BreakpointKind>('recv-state');
  const [state, setState] = useState<string>(DEFAULT_STATE['recv-state'] ?? '');
  const id = useId();
  const states = statesFor(kind);

  const onKind = (k: BreakpointKind) => {
    setKind(k);
    const list = statesFor(k);
    if (list !== null) setState(DEFAULT_STATE[k] ?? list[0] ?? '');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    store.getState().addBreakpoint(breakpointOf(kind, state));
  };

  return (
    <form className="bp-form" onSubmit={onSubmit}>
      <label htmlFor={`${id}-kind`}>Condition</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => onKind(e.target.value as BreakpointKind)}>
        {BREAKPOINT_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {states !== null && (
        <>
          <label htmlFor={`${id}-state`}>State</label>
          <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value)}>
            {states.map((s) => (
              <option key={s} value={s} title={s}>
                {shortState(s)}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" className="add">
        Add breakpoint
      </button>
    </form>
  );
}
