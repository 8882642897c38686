import { describe, expect, it } from 'vitest';
import { codeInfo, presetScenario, simulate } from '../../sim-core';
import { columnsOf, describeRow, isStateCode } from '../../sim-core/view';
import { createWorkerEngine } from './engine';
import {
  compileFilter,
  type FilterKind,
  type FilterQuery,
  indexAtOrBefore,
  isEmptyQuery,
  matchSteps,
  queryWords,
} from './filter';
import type { FromWorker, ToWorker } from './protocol';

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

const ID = 'header-digest-error';
const run = simulate(presetScenario(ID));
const cols = columnsOf(run.trace);
const total = run.trace.length;

/** Every row described, once: the brute-force reference the filter must agree with. */
const described = Array.from({ length: total }, (_, i) => {
  const ch = cols.chunks[i >>> cols.shift]!;
  const j = i & cols.mask;
  return describeRow(i, { t: ch.t[j]!, code: ch.code[j]!, obj: ch.obj[j]!, a: ch.a[j]!, b: ch.b[j]! });
});

/** The query's meaning written out plainly over described rows. */
function bruteForce(q: FilterQuery): number[] {
  const words = queryWords(q.text);
  const out: number[] = [];
  for (const r of described) {
    const h = `${r.fn} ${r.layer} ${r.caption}`.toLowerCase();
    if (!words.every((w) => h.includes(w))) continue;
    if (q.kinds.length > 0) {
      const marker = codeInfo(r.code)?.marker;
      const kinds: FilterKind[] = [];
      if (isStateCode(r.code)) kinds.push('state');
      if (marker === 'irq' || marker === 'drop' || marker === 'termreq' || marker === 'error')
        kinds.push(marker);
      if (r.fn === 'nvmf_tcp_h2c_term_req_hdr_handle') kinds.push('termreq');
      if (!kinds.some((k) => q.kinds.includes(k))) continue;
    }
    out.push(r.step);
  }
  return out;
}

const QUERIES: FilterQuery[] = [
  { text: 'igb_clean_rx_irq', kinds: [] },
  { text: 'IGB_CLEAN_RX_IRQ', kinds: [] },
  { text: 'tcp', kinds: [] },
  { text: 'digest header', kinds: [] },
  { text: 'AWAIT_PDU_PSH', kinds: [] },
  { text: 'nvmf', kinds: ['state'] },
  { text: '', kinds: ['state'] },
  { text: '', kinds: ['irq'] },
  { text: '', kinds: ['termreq', 'error'] },
  { text: '', kinds: ['drop'] },
  { text: 'no such words anywhere', kinds: [] },
  // Words with digits can match a state row's object number (the slower, per-object cache).
  { text: '1:', kinds: ['state'] },
  { text: 'tcp_req 0: free', kinds: [] },
];

describe('filter over a whole trace', () => {
  it.each(QUERIES)('agrees with a brute-force scan of described rows: %j', (q) => {
    const steps = matchSteps(cols, compileFilter(q));
    expect(Array.from(steps)).toEqual(bruteForce(q));
  });

  it('the queries are not trivial: some match few rows, some many, one none', () => {
    const counts = QUERIES.map((q) => matchSteps(cols, compileFilter(q)).length);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[0]).toBeLessThan(total / 4);
    expect(counts[2]).toBeGreaterThan(counts[0]!);
    expect(counts[6]).toBeGreaterThan(0);
    expect(counts[8]).toBeGreaterThan(0); // this preset ends in a C2HTermReq
    expect(counts[10]).toBe(0);
    expect(counts[11]).toBeGreaterThan(0);
    expect(counts[11]).toBeLessThan(counts[6]!); // only objects whose number has a 1 before the colon
    expect(counts[12]).toBeGreaterThan(0);
  });

  it('an empty query is recognised (the log then shows rows without filtering)', () => {
    expect(isEmptyQuery({ text: '  ', kinds: [] })).toBe(true);
    expect(isEmptyQuery({ text: 'x', kinds: [] })).toBe(false);
    expect(isEmptyQuery({ text: '', kinds: ['irq'] })).toBe(false);
  });

  it('indexAtOrBefore finds the last match at or before a step', () => {
    const s = Uint32Array.from([3, 7, 7, 20]);
    expect(indexAtOrBefore(s, 0)).toBe(-1);
    expect(indexAtOrBefore(s, 3)).toBe(0);
    expect(indexAtOrBefore(s, 6)).toBe(0);
    expect(indexAtOrBefore(s, 7)).toBe(2);
    expect(indexAtOrBefore(s, 19)).toBe(2);
    expect(indexAtOrBefore(s, 1e9)).toBe(3);
    expect(indexAtOrBefore(new Uint32Array(0), 5)).toBe(-1);
  });
});

describe('worker messages: filter, filterRows, filterIndex', () => {
  async function loadedEngine() {
    const out: { msg: FromWorker; transfer: Transferable[] }[] = [];
    const engine = createWorkerEngine((msg, transfer) => out.push({ msg, transfer: transfer ?? [] }));
    let id = 1;
    const ask = async (body: Record<string, unknown>) => {
      const msgId = id++;
      const from = out.length;
      await engine.handle({ ...body, id: msgId } as ToWorker);
      const got = out.slice(from).filter((o) => o.msg.id === msgId);
      return got[got.length - 1]!;
    };
    await ask({ type: 'load', scenario: presetScenario(ID) });
    return { engine, ask };
  }

  it('answers the count, windows of matching rows with their steps, and the index of a step', async () => {
    const { ask } = await loadedEngine();
    const q: FilterQuery = { text: 'igb_clean_rx_irq', kinds: [] };
    const expected = bruteForce(q);
    const f = (await ask({ type: 'filter', query: q })).msg as Msg<'filter'>;
    expect(f.type).toBe('filter');
    expect(f.count).toBe(expected.length);
    expect(f.total).toBe(total);

    const w = await ask({ type: 'filterRows', filter: f.filter, from: 2, to: 9 });
    const rows = (w.msg as Msg<'filterRows'>).rows;
    expect(rows.from).toBe(2);
    expect(Array.from(rows.steps)).toEqual(expected.slice(2, 9));
    expect(w.transfer).toContain(rows.steps.buffer);
    const d = (w.msg as Msg<'filterRows'>).described;
    expect(d.map((r) => r.step)).toEqual(expected.slice(2, 9));
    expect(d.every((r) => `${r.fn} ${r.caption}`.includes('igb_clean_rx_irq'))).toBe(true);
    expect(Array.from(rows.code)).toEqual(d.map((r) => r.code));

    const between = expected[4]! + 1;
    const idx = await ask({ type: 'filterIndex', filter: f.filter, step: between });
    expect((idx.msg as Msg<'filterIndex'>).index).toBe(4);
    const exact = await ask({ type: 'filterIndex', filter: f.filter, step: expected[5]! });
    expect((exact.msg as Msg<'filterIndex'>).index).toBe(5);
  });

  it('a newer filter replaces the old one: asking for the old one is an error', async () => {
    const { ask } = await loadedEngine();
    const a = (await ask({ type: 'filter', query: { text: 'tcp', kinds: [] } })).msg as Msg<'filter'>;
    const b = (await ask({ type: 'filter', query: { text: 'nvmf', kinds: [] } })).msg as Msg<'filter'>;
    const stale = await ask({ type: 'filterRows', filter: a.filter, from: 0, to: 5 });
    expect(stale.msg.type).toBe('error');
    const fresh = await ask({ type: 'filterRows', filter: b.filter, from: 0, to: 5 });
    expect(fresh.msg.type).toBe('filterRows');
  });

  it('windows are clamped to the matches', async () => {
    const { ask } = await loadedEngine();
    const f = (await ask({ type: 'filter', query: { text: '', kinds: ['termreq'] } })).msg as Msg<'filter'>;
    const w = (await ask({ type: 'filterRows', filter: f.filter, from: -5, to: f.count + 100 }))
      .msg as Msg<'filterRows'>;
    expect(w.rows.from).toBe(0);
    expect(w.rows.length).toBe(f.count);
  });

  it('before a load, filtering is an error, not a crash', async () => {
    const out: FromWorker[] = [];
    const engine = createWorkerEngine((m) => out.push(m));
    await engine.handle({ type: 'filter', id: 1, query: { text: 'x', kinds: [] } });
    expect(out[0]!.type).toBe('error');
  });
});
