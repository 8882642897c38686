/**
 * The current function, its upstream file at the pinned version (a link: nothing is loaded),
 * our own plain-words caption, and the call stack that got there (sim-core/view/callstack.ts),
 * innermost first. Notes say where the model or the stack simplifies.
 */
import { LINUX_TAG, SPDK_TAG } from '../../../sim-core/page';
import { useCalm } from '../../runtime-context';
import type { RowView } from '../../sim-types';
import { shortState } from '../../store/breakpoints';
import { StackList } from './stack-list';
import { useCallStack } from './use-call-stack';

/** "Linux v6.5" or "SPDK v24.09" for a link to the pinned sources. */
export function pinnedVersion(url: string): string {
  return url.includes('/linux/') ? `Linux ${LINUX_TAG}` : `SPDK ${SPDK_TAG}`;
}

function RowSource({ row }: { row: RowView }) {
  if (row.machine !== undefined) {
    return (
      <>
        <p className="src-fn">
          State change of <code>{row.machine}</code>
        </p>
        <p className="src-caption">
          {row.machine} {row.obj}: {shortState(row.from ?? '')} → {shortState(row.to ?? '')}
        </p>
        <p className="src-file">
          <code>{row.fn}</code>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="src-fn">
        <code>{row.fn}</code>
        <span className="src-layer">{row.layer}</span>
      </p>
      <p className="src-file">
        {row.url === null ? (
          "rxpath's own event (no upstream source)"
        ) : (
          <>
            <a href={row.url} target="_blank" rel="noopener noreferrer">
              {row.file}
            </a>{' '}
            <span className="src-tag">{pinnedVersion(row.url)}</span>
          </>
        )}
      </p>
      <p className="src-caption">{row.caption}</p>
    </>
  );
}

export function SourcePanel() {
  const row = useCalm((s) => s.view?.row ?? null);
  const shown = useCallStack();
  return (
    <section className="source-panel" aria-label="Source">
      <h2>Source</h2>
      {row === null ? (
        <p className="src-empty">The current function and its callers appear here.</p>
      ) : (
        <>
          <RowSource row={row} />
          {shown !== null ? <StackList stack={shown.stack} /> : null}
        </>
      )}
    </section>
  );
}
