/** The 'inspect' message: engine answers (and errors) and the client's promise over a cloning fake worker. */
import { describe, expect, it } from 'vitest';
import { presetScenario, simulate, stateAt } from '../../sim-core';
import { inspect, lastPipeWrite } from '../../sim-core/view';
import type { InspectSelection } from '../../sim-core/view/inspect-types';
import { createSimClient, SimError, type WorkerLike } from './client';
import { createWorkerEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

const ID = 'write-4k-incapsule';
const reference = simulate(presetScenario(ID));

function harness() {
  const out: FromWorker[] = [];
  const engine = createWorkerEngine((msg) => out.push(msg), { sliceRows: 2000 });
  let id = 1;
  async function ask(body: ToWorker extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never) {
    const msgId = id++;
    await engine.handle({ ...body, id: msgId } as ToWorker);
    return out.filter((m) => m.id === msgId);
  }
  return { engine, ask };
}

describe("worker engine: 'inspect'", () => {
  it('answers with the inspect view of the world at that step, for nothing selected and for a selection', async () => {
    const h = harness();
    const [loaded] = (await h.ask({ type: 'load', scenario: presetScenario(ID) })).filter(
      (m) => m.type === 'loaded',
    );
    expect(loaded).toBeDefined();
    const total = (loaded as Extract<FromWorker, { type: 'loaded' }>).totalSteps;
    for (const step of [0, Math.floor(total / 3), total - 1]) {
      const w = stateAt(reference, step);
      const ctx = { lastPipeWrite: lastPipeWrite(h.engine.loaded!.cols, step) };
      for (const sel of [
        null,
        { kind: 'pipe', id: 0 },
        { kind: 'req', id: 0 },
      ] as (InspectSelection | null)[]) {
        const [a] = await h.ask({ type: 'inspect', step, selection: sel });
        expect(a?.type).toBe('inspect');
        expect((a as Extract<FromWorker, { type: 'inspect' }>).inspect).toEqual(inspect(w, sel, ctx));
      }
    }
  });

  it('a step out of range or no scenario loaded is an error answer, a bad selection a "not present" view', async () => {
    const h = harness();
    const [none] = await h.ask({ type: 'inspect', step: 0, selection: null });
    expect(none).toMatchObject({ type: 'error', message: 'no scenario is loaded' });
    await h.ask({ type: 'load', scenario: presetScenario(ID) });
    const [far] = await h.ask({ type: 'inspect', step: 10 ** 9, selection: null });
    expect(far?.type).toBe('error');
    const [bad] = await h.ask({ type: 'inspect', step: 5, selection: { kind: 'bogus', id: 1 } as never });
    expect(bad?.type).toBe('inspect');
    expect((bad as Extract<FromWorker, { type: 'inspect' }>).inspect.present).toBe(false);
  });
});

/** A Worker stand-in: the real engine behind asynchronous, cloned messages, as across threads. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  private readonly engine = createWorkerEngine((msg) => {
    const data = structuredClone(msg);
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<FromWorker>), 0);
  });
  postMessage(msg: ToWorker): void {
    const data = structuredClone(msg);
    setTimeout(() => void this.engine.handle(data), 0);
  }
  terminate(): void {}
}

describe('client.inspect', () => {
  it('resolves with the view (structured-cloned intact) and rejects with SimError on a bad step', async () => {
    const client = createSimClient(() => new FakeWorker());
    const { totalSteps } = await client.load(presetScenario(ID));
    const step = Math.floor(totalSteps / 2);
    const v = await client.inspect(step, null);
    expect(v).toEqual(inspect(stateAt(reference, step), null));
    const err = await client.inspect(totalSteps + 5, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).kind).toBe('failed');
    client.terminate();
  });
});
