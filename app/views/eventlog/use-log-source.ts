/**
 * The event log's rows for a query: all rows of the loaded trace, or the worker's matches for
 * the query (filtering millions of rows happens in the worker; see app/worker/filter.ts).
 */
import { useEffect, useState } from 'react';
import { useApp, useRuntime } from '../../runtime-context';
import { messageOf } from '../../format';
import { type FilterQuery, isEmptyQuery } from '../../worker/filter';
import { allRows, filteredRows, type LogSource } from './log-source';

export interface LogRows {
  source: LogSource | null;
  /** A filter is running in the worker. */
  filtering: boolean;
  error: string | null;
}

export function useLogSource(query: FilterQuery): LogRows {
  const { client } = useRuntime();
  const total = useApp((s) => s.totalSteps);
  // A new object per load: the worker forgets its filter when it loads, so filter again.
  const summary = useApp((s) => s.summary);
  const ready = useApp((s) => s.phase !== 'loading' && s.phase !== 'idle' && s.summary !== null);
  const [state, setState] = useState<LogRows>({ source: null, filtering: false, error: null });
  const text = query.text;
  const kinds = query.kinds.join(',');

  useEffect(() => {
    if (!ready || summary === null || total <= 0) {
      setState({ source: null, filtering: false, error: null });
      return;
    }
    const q: FilterQuery = { text, kinds: kinds === '' ? [] : (kinds.split(',') as FilterQuery['kinds']) };
    if (isEmptyQuery(q)) {
      setState({ source: allRows(client, total, summary.traceHash), filtering: false, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, filtering: true, error: null }));
    client.filter(q).then(
      (f) => {
        if (live)
          setState({
            source: filteredRows(client, f.filter, f.count, f.total),
            filtering: false,
            error: null,
          });
      },
      (e) => {
        if (live) setState({ source: null, filtering: false, error: `The filter failed: ${messageOf(e)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [client, ready, summary, total, text, kinds]);

  return state;
}
