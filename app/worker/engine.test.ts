import { beforeAll, describe, expect, it } from 'vitest';
import { presetScenario, resolveScenario, type Scenario, simulate, stateAt } from '../../sim-core';
import { columnsOf, describeRow, lastPipeWrite, viewOf } from '../../sim-core/view';
import { createWorkerEngine, DESCRIBED_ROWS, type EngineOptions } from './engine';
import type { FromWorker, RowsWindow, ToWorker } from './protocol';

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

function harness(opts: EngineOptions = {}) {
  const out: { msg: FromWorker; transfer: Transferable[] }[] = [];
  const engine = createWorkerEngine((msg, transfer) => out.push({ msg, transfer: transfer ?? [] }), opts);
  let id = 100;
  /** Send a message and return the answers it produced. */
  async function ask(body: ToWorker extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never) {
    const from = out.length;
    const msgId = id++;
    await engine.handle({ ...body, id: msgId } as ToWorker);
    return out.slice(from).filter((o) => o.msg.id === msgId);
  }
  async function one<T extends FromWorker['type']>(
    type: T,
    body: Parameters<typeof ask>[0],
  ): Promise<Msg<T>> {
    const got = await ask(body);
    const m = got.find((o) => o.msg.type === type)?.msg;
    if (m === undefined) throw new Error(`no ${type} answer: ${JSON.stringify(got.map((o) => o.msg))}`);
    return m as Msg<T>;
  }
  return { engine, out, ask, one };
}

function scenario(id: string, writes?: number): Scenario {
  if (writes === undefined) return presetScenario(id);
  const r = resolveScenario({ preset: id, workload: { writes } });
  if (!r.ok) throw new Error('bad scenario');
  return r.scenario;
}

const ID = 'write-128k-r2t';
const reference = simulate(presetScenario(ID));

describe('load', () => {
  it('runs in slices, reports progress, and answers loaded with the summary and transferred markers', async () => {
    const h = harness({ sliceRows: 300 });
    const answers = await h.ask({ type: 'load', scenario: presetScenario(ID) });
    const progress = answers.filter((o) => o.msg.type === 'progress').map((o) => o.msg as Msg<'progress'>);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.events).toBeGreaterThan(progress[i - 1]!.events);
    const fractions = progress.map((p) => p.fraction!);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    const last = answers[answers.length - 1]!;
    const loaded = last.msg as Msg<'loaded'>;
    expect(loaded.type).toBe('loaded');
    expect(loaded.totalSteps).toBe(reference.trace.length);
    expect(loaded.summary.traceHash).toBe(reference.summary.traceHash);
    const m = loaded.markers;
    expect(last.transfer).toEqual([
      m.irq.buffer,
      m.drop.buffer,
      m.termreq.buffer,
      m.error.buffer,
      m.state.buffer,
    ]);
    expect(m.state.length).toBeGreaterThan(0);
  });

  it('a newer load cancels the one running', async () => {
    const h = harness({ sliceRows: 200 });
    const first = h.engine.handle({ type: 'load', id: 1, scenario: presetScenario(ID) });
    await new Promise((r) => setTimeout(r, 0));
    await h.engine.handle({ type: 'load', id: 2, scenario: presetScenario('write-4k-incapsule') });
    await first;
    const kinds = h.out.map((o) => `${o.msg.type}:${o.msg.id}`);
    expect(kinds).toContain('cancelled:1');
    expect(kinds).not.toContain('loaded:1');
    expect(kinds[kinds.length - 1]).toBe('loaded:2');
  });

  it('a long scenario can be cancelled mid-run, and a new load then works', async () => {
    const h = harness({ sliceRows: 20_000 });
    const long = scenario('10g-sustained', 300);
    const running = h.engine.handle({ type: 'load', id: 7, scenario: long });
    while (!h.out.some((o) => o.msg.type === 'progress')) await new Promise((r) => setTimeout(r, 0));
    await h.engine.handle({ type: 'cancel', id: 8 });
    await running;
    const mine = h.out.filter((o) => o.msg.id === 7).map((o) => o.msg);
    expect(mine[mine.length - 1]).toEqual({ type: 'cancelled', id: 7 });
    expect(mine.some((m) => m.type === 'loaded')).toBe(false);
    // The page stays free: the run stopped after a slice or two, far from its ~350,000 rows.
    const events = mine.filter((m) => m.type === 'progress').map((m) => (m as Msg<'progress'>).events);
    expect(Math.max(...events)).toBeLessThan(100_000);
    expect((await h.one('error', { type: 'view', step: 0 })).message).toMatch(/no scenario/);
    const loaded = await h.one('loaded', { type: 'load', scenario: presetScenario('write-4k-incapsule') });
    expect(loaded.totalSteps).toBeGreaterThan(100);
    expect((await h.one('view', { type: 'view', step: 5 })).view.step).toBe(5);
  });
});

describe('after a load', () => {
  const h = harness({ sliceRows: 1000 });
  let total = 0;
  beforeAll(async () => {
    total = (await h.one('loaded', { type: 'load', scenario: presetScenario(ID) })).totalSteps;
  });
  const rowAt = (i: number) => reference.trace.row(i);
  const cols = columnsOf(reference.trace);

  it('view: stepping forward (cache) and jumping (restore) both show what a fresh restore shows', async () => {
    for (const start of [17, 900, 1500, 300]) {
      for (let s = start; s < start + 4; s++) {
        const got = (await h.one('view', { type: 'view', step: s })).view;
        const want = viewOf(stateAt(reference, s), describeRow(s, rowAt(s)), total, {
          lastPipeWrite: lastPipeWrite(cols, s),
        });
        expect(got).toEqual(want);
        expect(got.step).toBe(s);
      }
    }
    const c = h.engine.loaded!.cursor.stats;
    expect(c.forward + c.hits).toBeGreaterThan(c.restores);
  });

  it('rows: a window as transferable columns, its first rows described', async () => {
    const got = await h.ask({ type: 'rows', from: 10, to: 510 });
    const m = got[0]!.msg as Msg<'rows'>;
    const r: RowsWindow = m.rows;
    expect(r.from).toBe(10);
    expect(r.length).toBe(500);
    for (const i of [0, 123, 499]) {
      const want = rowAt(10 + i);
      expect([r.t[i], r.code[i], r.obj[i], r.a[i], r.b[i]]).toEqual([
        want.t,
        want.code,
        want.obj,
        want.a,
        want.b,
      ]);
    }
    expect(m.described).toHaveLength(DESCRIBED_ROWS);
    expect(m.described[5]).toEqual(describeRow(15, rowAt(15)));
    expect(got[0]!.transfer).toEqual([r.t.buffer, r.code.buffer, r.obj.buffer, r.a.buffer, r.b.buffer]);
    const clamped = (await h.one('rows', { type: 'rows', from: total - 3, to: total + 50 })).rows;
    expect([clamped.from, clamped.length]).toEqual([total - 3, 3]);
  });

  it('seek: each granularity lands on a row of its kind, and back returns to where it started', async () => {
    const kinds = {
      event: () => true,
      function: (c: number) => c < 900,
      packet: (c: number) => c === 201,
      pdu: (c: number) => c === 901,
    } as const;
    for (const by of ['event', 'function', 'packet', 'pdu'] as const) {
      let at = -1;
      for (let k = 0; k < 5; k++) {
        const next = (await h.one('seek', { type: 'seek', from: at, dir: 1, by })).step;
        expect(next).not.toBeNull();
        expect(kinds[by](rowAt(next!).code)).toBe(true);
        if (at >= 0) expect((await h.one('seek', { type: 'seek', from: next!, dir: -1, by })).step).toBe(at);
        at = next!;
      }
    }
    expect((await h.one('seek', { type: 'seek', from: total - 1, dir: 1, by: 'event' })).step).toBeNull();
  });

  it('breakpoints: the first step where the receive machine enters a state', async () => {
    const bp = { kind: 'recv-state', state: 'AWAIT_PDU_PAYLOAD' } as const;
    const got = (await h.one('seek', { type: 'seek', from: -1, dir: 1, by: { breakpoint: bp } })).step;
    let want: number | null = null;
    for (let i = 0; i < total && want === null; i++) {
      const r = rowAt(i);
      if (r.code === 901 && r.b === 5) want = i;
    }
    expect(got).toBe(want);
  });

  it('errors become answers, never exceptions', async () => {
    const bad = {
      type: 'seek',
      from: 0,
      dir: 1,
      by: { breakpoint: { kind: 'recv-state', state: 'NOPE' } },
    } as const;
    expect((await h.one('error', bad)).message).toMatch(/unknown state/);
    expect((await h.one('error', { type: 'view', step: total })).message).toMatch(/out of range/);
    const odd = await h.engine.handle({ type: 'bogus', id: 5 } as unknown as ToWorker);
    expect(odd).toBeUndefined();
    expect(h.out[h.out.length - 1]!.msg).toMatchObject({ type: 'error', id: 5 });
  });
});
