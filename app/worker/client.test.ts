import { describe, expect, it } from 'vitest';
import { presetScenario, resolveScenario } from '../../sim-core';
import { createSimClient, type LoadProgress, SimError, type WorkerLike } from './client';
import { createWorkerEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

/** A Worker stand-in: the real engine behind asynchronous, cloned messages, as across threads. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  readonly sent: ToWorker[] = [];
  private readonly engine = createWorkerEngine(
    (msg) => {
      if (this.terminated) return;
      const data = structuredClone(msg);
      setTimeout(() => this.onmessage?.({ data } as MessageEvent<FromWorker>), 0);
    },
    { sliceRows: 500 },
  );

  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
    const data = structuredClone(msg);
    setTimeout(() => void this.engine.handle(data), 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker dies: the browser fires 'error' on the Worker object. */
  die(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createSimClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

const SMALL = presetScenario('write-128k-r2t');

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof SimError ? e.kind : `other: ${String(e)}`;
  }
}

describe('createSimClient', () => {
  it('loads with progress, then answers views, rows and seeks', async () => {
    const { client } = setup();
    const progress: LoadProgress[] = [];
    const r = await client.load(SMALL, (p) => progress.push(p));
    expect(progress.length).toBeGreaterThan(1);
    expect(r.totalSteps).toBeGreaterThan(1000);
    expect(r.markers.state).toBeInstanceOf(Uint32Array);
    const v = await client.view(42);
    expect(v.step).toBe(42);
    expect(v.totalSteps).toBe(r.totalSteps);
    const rows = await client.rows(0, 10);
    expect(rows.rows.code).toBeInstanceOf(Uint16Array);
    expect(rows.described.map((d) => d.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const pkt = await client.seek(-1, 1, 'packet');
    expect((await client.rows(pkt!, pkt! + 1)).described[0]!.fn).toMatch(/DMA/);
    expect(await client.seek(0, 1, { breakpoint: { kind: 'termreq' } })).toBeNull();
  });

  it('a worker error answer rejects that call only, as kind "failed"', async () => {
    const { client } = setup();
    const { totalSteps } = await client.load(SMALL);
    expect(await kindOf(client.view(totalSteps + 5))).toBe('failed');
    expect((await client.view(1)).step).toBe(1);
  });

  it('cancel rejects the load as "cancelled"; a newer load cancels an older one', async () => {
    const { client } = setup();
    const long = resolveScenario({ preset: '10g-sustained', workload: { writes: 300 } });
    if (!long.ok) throw new Error('bad scenario');
    let first = true;
    const p = client.load(long.scenario, () => {
      if (first) client.cancel();
      first = false;
    });
    expect(await kindOf(p)).toBe('cancelled');
    const older = client.load(long.scenario);
    const newer = client.load(SMALL);
    expect(await kindOf(older)).toBe('cancelled');
    expect((await newer).totalSteps).toBeGreaterThan(1000);
  });

  it('a dead worker fails pending and later calls, tells onCrash, and restart() brings a fresh one', async () => {
    const { client, workers } = setup();
    await client.load(SMALL);
    const heard: string[] = [];
    client.onCrash((m) => heard.push(m));
    const pending = client.view(10);
    workers[0]!.die('out of memory');
    expect(await kindOf(pending)).toBe('crashed');
    expect(heard).toEqual(['the simulation worker stopped: out of memory']);
    expect(client.alive).toBe(false);
    expect(workers[0]!.terminated).toBe(true);
    expect(await kindOf(client.view(10))).toBe('crashed');
    client.restart();
    expect(client.alive).toBe(true);
    expect(workers).toHaveLength(2);
    // The new worker has no trace until the scenario is loaded again.
    expect(await kindOf(client.view(10))).toBe('failed');
    await client.load(SMALL);
    expect((await client.view(10)).step).toBe(10);
  });

  it('terminate() rejects what is pending as "terminated"', async () => {
    const { client } = setup();
    const p = client.load(SMALL);
    client.terminate();
    expect(await kindOf(p)).toBe('terminated');
    expect(client.alive).toBe(false);
  });
});

describe('createSimClient: the event log filter', () => {
  it('filter answers a count and a handle; filterRows and filterIndex read the matches kept in the worker', async () => {
    const { client } = setup();
    const { totalSteps } = await client.load(SMALL);
    const f = await client.filter({ text: 'nvmf_tcp_sock_process', kinds: [] });
    expect(f.total).toBe(totalSteps);
    expect(f.count).toBeGreaterThan(2);
    const w = await client.filterRows(f.filter, 1, 3);
    expect(w.rows.from).toBe(1);
    expect(w.rows.steps.length).toBe(2);
    expect(w.described.map((r) => r.step)).toEqual(Array.from(w.rows.steps));
    expect(await client.filterIndex(f.filter, w.rows.steps[1]!)).toBe(2);
    // A newer filter replaces it: the old handle now fails as an error answer, not a crash.
    await client.filter({ text: '', kinds: ['state'] });
    expect(await kindOf(client.filterRows(f.filter, 0, 1))).toBe('failed');
    expect(client.alive).toBe(true);
  });
});
