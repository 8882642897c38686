/**
 * Where the player is: "Step N / M" (role status; quiet while playing, so a screen reader is
 * not flooded), the simulated time of that step, and whether it plays.
 */
import { formatTime, stepNumber } from '../../format';
import { useApp } from '../../runtime-context';

const PHASE_LABEL: Record<string, string> = {
  idle: 'Nothing loaded',
  loading: 'Loading',
  paused: 'Paused',
  playing: 'Playing',
  running: 'Running to breakpoint',
  error: 'Stopped',
};

export function Status() {
  const step = useApp((s) => s.step);
  const total = useApp((s) => s.totalSteps);
  const phase = useApp((s) => s.phase);
  const t = useApp((s) => s.view?.t ?? null);
  const moving = phase === 'playing' || phase === 'running';
  return (
    <div className="status">
      <p role="status" aria-live={moving ? 'off' : 'polite'} aria-atomic="true" className="position">
        {step >= 0 ? `Step ${stepNumber(step)} / ${total}` : `Step – / ${total > 0 ? total : '–'}`}
      </p>
      <p className="time">
        <span className="value">{t === null ? '–' : formatTime(t)}</span>{' '}
        <span className="label">simulated</span>
        {' · '}
        <span className={`phase phase-${phase}`}>{PHASE_LABEL[phase]}</span>
      </p>
    </div>
  );
}
