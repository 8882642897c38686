/**
 * The event log: every row of the trace (or the matches of a filter), virtualised; click a row
 * or press Enter on it to jump to its step. The filter runs in the worker; the page only ever
 * holds the rows on screen and a few pages around them.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatCount } from '../../format';
import { useApp, useCalm, useRuntime } from '../../runtime-context';
import type { FilterKind, FilterQuery } from '../../worker/filter';
import { LogList } from './log-list';
import { useLogSource } from './use-log-source';

const KIND_LABEL: Record<FilterKind, string> = {
  state: 'State changes',
  irq: 'IRQs',
  drop: 'Drops',
  termreq: 'TermReqs',
  error: 'Errors',
};
const KINDS = Object.keys(KIND_LABEL) as FilterKind[];

/** Typing settles for this long before the worker filters (a scan of millions of rows). */
const DEBOUNCE_MS = 250;

interface Kept {
  text: string;
  kinds: FilterKind[];
  follow: boolean;
}

// The log's settings outlive a switch to another tab (the panel unmounts), per page store.
const kept = new WeakMap<object, Kept>();

export function EventLog() {
  const { store, send } = useRuntime();
  const start = kept.get(store) ?? { text: '', kinds: [], follow: true };
  const [text, setText] = useState(start.text);
  const [settled, setSettled] = useState(start.text);
  const [kinds, setKinds] = useState<FilterKind[]>(start.kinds);
  const [follow, setFollow] = useState(start.follow);
  const step = useCalm((s) => s.step);
  const phase = useApp((s) => s.phase);

  useEffect(() => {
    kept.set(store, { text, kinds, follow });
  }, [store, text, kinds, follow]);

  useEffect(() => {
    const t = setTimeout(() => setSettled(text), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const query: FilterQuery = { text: settled, kinds };
  const { source, filtering, error } = useLogSource(query);

  const onJump = useCallback(
    (to: number) => {
      send({ type: 'SEEK', step: to });
      // A jump makes the current step the one chosen: keep following it from there.
      setFollow(true);
    },
    [send],
  );

  const toggleKind = (k: FilterKind) =>
    setKinds((ks) =>
      ks.includes(k) ? ks.filter((x) => x !== k) : KINDS.filter((x) => x === k || ks.includes(x)),
    );

  let count = '';
  if (filtering) count = 'Filtering…';
  else if (source !== null) {
    count = source.filtered
      ? `${formatCount(source.count)} of ${formatCount(source.total)} events match`
      : `${formatCount(source.count)} events`;
  }

  return (
    <section className="event-log" aria-label="Event log">
      <div className="log-bar">
        <label className="log-filter">
          <span>Filter events</span>
          <input
            type="search"
            value={text}
            placeholder="function, layer or words"
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setSettled(text);
            }}
          />
        </label>
        <fieldset className="log-kinds">
          <legend>Only</legend>
          {KINDS.map((k) => (
            <button key={k} type="button" aria-pressed={kinds.includes(k)} onClick={() => toggleKind(k)}>
              {KIND_LABEL[k]}
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          className="log-follow"
          aria-pressed={follow}
          title="Keep the current step's row in view while stepping or playing"
          onClick={() => setFollow((f) => !f)}
        >
          Follow
        </button>
      </div>
      <p className="log-count">
        <span className="log-n" aria-live="polite">
          {count}
        </span>
        <span className="log-keys">
          {' '}
          · <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd> or click jumps to the step
        </span>
      </p>
      {error !== null ? (
        <p role="alert" className="log-error">
          {error}
        </p>
      ) : null}
      <div className="log-head" aria-hidden="true">
        <span className="c-step">Step</span>
        <span className="c-time">Time µs</span>
        <span className="c-fn">Function</span>
        <span className="c-layer">Layer</span>
        <span className="c-what">What happens</span>
      </div>
      <LogList source={source} step={step} follow={follow} onFollow={setFollow} onJump={onJump} />
      {source !== null && source.count === 0 ? (
        <p className="log-empty">No event matches the filter.</p>
      ) : null}
      {source === null && !filtering && error === null ? (
        <p className="log-empty">
          {phase === 'loading' ? 'Simulating the scenario…' : 'Nothing loaded yet.'}
        </p>
      ) : null}
    </section>
  );
}
