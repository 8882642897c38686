/**
 * The player's messages in the page: loading progress with Cancel, a load failure or a dead
 * worker as an alert with "Reload scenario", a failed view request, and notes (stopped at a
 * breakpoint, nothing further to step to, loading cancelled).
 */
import { formatCount, formatTime } from '../../format';
import { useApp, useRuntime } from '../../runtime-context';
import { presetTitle } from '../scenario/presets';

export function PlayerMessages() {
  const { send } = useRuntime();
  const phase = useApp((s) => s.phase);
  const progress = useApp((s) => s.progress);
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const scenarioId = useApp((s) => s.scenarioId);
  const title = presetTitle(scenarioId);

  return (
    <div className="messages">
      {phase === 'loading' && (
        <div className="loading" aria-busy="true">
          <p>
            Simulating “{title}”…{' '}
            {progress !== null && (
              <span className="numbers">
                {formatCount(progress.events)} events, {formatTime(progress.simTimeNs)} simulated
              </span>
            )}
          </p>
          <progress aria-label="Simulation progress" max={1} value={progress?.fraction ?? undefined} />
          <button type="button" onClick={() => send({ type: 'CANCEL' })}>
            Cancel
          </button>
        </div>
      )}
      {error !== null && error.kind !== 'view' && (
        <div className="alert" role="alert">
          <p>
            {error.kind === 'crash'
              ? `${sentence(error.message)} Reload the scenario to go on.`
              : `The scenario “${title}” could not be loaded: ${error.message}`}
          </p>
          <button type="button" onClick={() => send({ type: 'RELOAD' })}>
            Reload scenario
          </button>
        </div>
      )}
      {error?.kind === 'view' && (
        <div className="alert" role="alert">
          <p>That step could not be shown: {error.message}</p>
          <button type="button" onClick={() => send({ type: 'DISMISS' })}>
            Dismiss
          </button>
        </div>
      )}
      <p className="notice" aria-live="polite">
        {notice}
        {phase === 'idle' && notice !== null && scenarioId !== '' && (
          <>
            {' '}
            <button type="button" onClick={() => send({ type: 'RELOAD' })}>
              Load it again
            </button>
          </>
        )}
      </p>
    </div>
  );
}

/** The client's message as a sentence: "the worker stopped" -> "The worker stopped." */
function sentence(message: string): string {
  const m = message.trim();
  if (m === '') return 'The simulation worker stopped.';
  const s = m[0]!.toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
