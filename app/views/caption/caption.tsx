/**
 * "What is happening now": the current row's caption in plain words, the real function it
 * stands for, and its upstream file at the pinned version (a link to read, nothing loaded).
 */
import type { RowView } from '../../sim-types';
import { useApp, useCalm } from '../../runtime-context';
import { shortState } from '../../store/breakpoints';

/** A name that reads as a function (gets "()"), not a phrase like "frame on the wire". */
const IDENT = /^[A-Za-z_][\w.>-]*$/;

function Source({ row }: { row: RowView }) {
  if (row.machine !== undefined) {
    return (
      <p className="source">
        State change of <code>{row.machine}</code>
      </p>
    );
  }
  if (row.url === null) return <p className="source">rxpath's own event (no upstream function)</p>;
  return (
    <p className="source">
      <a href={row.url} target="_blank" rel="noopener noreferrer">
        {row.file || row.url}
      </a>
    </p>
  );
}

export function Caption() {
  const row = useCalm((s) => s.view?.row ?? null);
  const phase = useApp((s) => s.phase);
  return (
    <section className="caption" aria-label="What is happening now">
      {row === null ? (
        <p className="what">
          {phase === 'loading' ? 'Simulating the scenario…' : 'Nothing has happened yet.'}
        </p>
      ) : (
        <>
          <p className="what">
            <code className="fn">{IDENT.test(row.fn) ? `${row.fn}()` : row.fn}</code>
            <span className="layer">{row.layer}</span>
            <span className="text">
              {row.machine !== undefined
                ? `${row.machine} ${row.obj}: ${shortState(row.from ?? '')} → ${shortState(row.to ?? '')}`
                : row.caption}
            </span>
          </p>
          <Source row={row} />
        </>
      )}
    </section>
  );
}
