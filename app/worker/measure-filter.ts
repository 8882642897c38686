/**
 * Time of the event log's filter over the whole 10g-sustained trace (about 11 million rows):
 * a few typical queries, each the worker's 'filter' message end to end (match + answer), then
 * a window of matches and an index lookup. Run: `npx tsx app/worker/measure-filter.ts`.
 */
import { presetScenario } from '../../sim-core';
import { createWorkerEngine } from './engine';
import type { FilterQuery } from './filter';
import type { FromWorker } from './protocol';

async function main(): Promise<void> {
  let last: FromWorker | null = null;
  const engine = createWorkerEngine((m) => {
    last = m;
  });
  let id = 1;
  const ask = async (msg: Record<string, unknown>): Promise<FromWorker> => {
    await engine.handle({ ...msg, id: id++ } as Parameters<typeof engine.handle>[0]);
    const m = last as FromWorker | null;
    if (m === null || m.type === 'error')
      throw new Error((m as { message?: string } | null)?.message ?? 'no answer');
    return m;
  };
  let t0 = performance.now();
  const loaded = await ask({ type: 'load', scenario: presetScenario('10g-sustained') });
  if (loaded.type !== 'loaded') throw new Error('not loaded');
  console.log(`load: ${loaded.totalSteps} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const queries: FilterQuery[] = [
    { text: 'igb_clean_rx_irq', kinds: [] },
    { text: 'tcp', kinds: [] },
    { text: 'AWAIT_PDU_PAYLOAD', kinds: [] },
    { text: '', kinds: ['state'] },
    { text: '', kinds: ['irq', 'drop', 'termreq'] },
    { text: 'copy bytes', kinds: [] },
  ];
  for (const q of queries) {
    const times: number[] = [];
    let count = 0;
    let filter = 0;
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      const f = await ask({ type: 'filter', query: q });
      times.push(performance.now() - t0);
      if (f.type === 'filter') {
        count = f.count;
        filter = f.filter;
      }
    }
    t0 = performance.now();
    await ask({ type: 'filterRows', filter, from: Math.floor(count / 2), to: Math.floor(count / 2) + 200 });
    const win = performance.now() - t0;
    t0 = performance.now();
    await ask({ type: 'filterIndex', filter, step: Math.floor(loaded.totalSteps / 3) });
    const idx = performance.now() - t0;
    console.log(
      `${JSON.stringify(q)}: ${count} matches; filter ${times.map((t) => t.toFixed(0)).join(' / ')} ms; window of 200 ${win.toFixed(1)} ms; index ${idx.toFixed(2)} ms`,
    );
  }
}

void main();
