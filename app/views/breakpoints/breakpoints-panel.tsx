/**
 * Breakpoints: the conditions set (each can be switched off or removed), the form to add one,
 * and "Run to breakpoint", which goes straight to the first step after this one where an
 * enabled condition holds. Playing stops at them too.
 */
import { useApp, useRuntime } from '../../runtime-context';
import { describeBreakpoint } from '../../store/breakpoints';
import { BreakpointForm } from './breakpoint-form';

export function BreakpointsPanel() {
  const { store, send } = useRuntime();
  const list = useApp((s) => s.breakpoints);
  const phase = useApp((s) => s.phase);
  const anyEnabled = list.some((b) => b.enabled);
  const ready = phase === 'paused' || phase === 'playing';

  return (
    <section className="panel breakpoints" aria-labelledby="bp-title">
      <h2 id="bp-title">Breakpoints</h2>
      <BreakpointForm />
      {list.length === 0 ? (
        <p className="hint">None yet. Playing and “Run to breakpoint” stop where an enabled one holds.</p>
      ) : (
        <ul className="bp-list">
          {list.map((b) => {
            const name = describeBreakpoint(b.bp);
            return (
              <li key={b.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={b.enabled}
                    onChange={(e) => store.getState().toggleBreakpoint(b.id, e.target.checked)}
                  />
                  {name}
                </label>
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove breakpoint: ${name}`}
                  onClick={() => store.getState().removeBreakpoint(b.id)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="run"
        disabled={!anyEnabled || !ready}
        onClick={() => {
          if (phase === 'playing') send({ type: 'PAUSE' });
          send({ type: 'RUN' });
        }}
      >
        Run to breakpoint
      </button>
    </section>
  );
}
