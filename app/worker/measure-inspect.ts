/**
 * Timings of the 'inspect' message on 10g-sustained (the whole preset, or `--writes N`):
 * a new selection at a random step (one keyframe restore and replay), the player's pattern while
 * stepping forward with a selection held (view then inspect of each step: the inspect is a cache
 * hit), the extra cost that holding a selection adds to each forward step, and stepping back.
 * Run: `npx tsx app/worker/measure-inspect.ts [--writes N]`.
 */
import { resolveScenario } from '../../sim-core';
import type { InspectSelection } from '../../sim-core/view/inspect-types';
import { createWorkerEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const mean = s.reduce((a, x) => a + x, 0) / s.length;
  return `mean ${mean.toFixed(3)} ms, p50 ${q(0.5).toFixed(3)}, p95 ${q(0.95).toFixed(3)}, max ${q(1).toFixed(2)} (n=${s.length})`;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--writes');
  const writes = i >= 0 ? Number(process.argv[i + 1]) : undefined;
  const r = resolveScenario(
    writes === undefined ? { preset: '10g-sustained' } : { preset: '10g-sustained', workload: { writes } },
  );
  if (!r.ok) throw new Error('bad scenario');
  let last: FromWorker | null = null;
  const engine = createWorkerEngine((m) => {
    last = m;
  });
  const ask = async (msg: ToWorker): Promise<FromWorker> => {
    await engine.handle(msg);
    const m = last as FromWorker | null;
    if (m === null || m.type === 'error') throw new Error(m?.message ?? 'no answer');
    return m;
  };
  const t0 = performance.now();
  const loaded = await ask({ type: 'load', id: 1, scenario: r.scenario });
  if (loaded.type !== 'loaded') throw new Error('not loaded');
  const total = loaded.totalSteps;
  console.log(`load: ${total} rows in ${(performance.now() - t0).toFixed(0)} ms`);

  let seed = 4242;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * (total - 1000));
  };
  const timed = async (msg: ToWorker) => {
    const a = performance.now();
    await ask(msg);
    return performance.now() - a;
  };
  const kinds: InspectSelection[] = [
    { kind: 'pipe', id: 0 },
    { kind: 'slot', id: 0 },
    { kind: 'req', id: 3 },
    { kind: 'queue', id: 1 },
    { kind: 'cpu', id: 0 },
  ];
  const sels: (InspectSelection | null)[] = [null, ...kinds];

  // Baseline before any inspect: forward steps cost the view alone.
  const viewOnly: number[] = [];
  for (let k = 0; k < 4; k++) {
    const s1 = rand();
    await ask({ type: 'view', id: 8, step: s1 });
    for (let s = s1 + 1; s < s1 + 150; s++) viewOnly.push(await timed({ type: 'view', id: 9, step: s }));
  }
  console.log(`forward step, view only (no selection asked yet): ${stats(viewOnly)}`);
  const randomView: number[] = [];
  for (let k = 0; k < 30; k++) randomView.push(await timed({ type: 'view', id: 10, step: rand() }));
  console.log(`view, random step, no selection asked yet (keyframe restore + replay): ${stats(randomView)}`);

  const fresh: number[] = [];
  for (let k = 0; k < 30; k++) {
    fresh.push(await timed({ type: 'inspect', id: 2, step: rand(), selection: sels[k % sels.length]! }));
  }
  console.log(`inspect, random step and new selection (keyframe restore + replay): ${stats(fresh)}`);

  for (const sel of sels) {
    const withSel: number[] = [];
    const inspectHit: number[] = [];
    const back: number[] = [];
    for (let k = 0; k < 4; k++) {
      const s0 = rand();
      await ask({ type: 'view', id: 3, step: s0 });
      await ask({ type: 'inspect', id: 4, step: s0, selection: sel });
      for (let s = s0 + 1; s < s0 + 150; s++) {
        withSel.push(await timed({ type: 'view', id: 5, step: s }));
        inspectHit.push(await timed({ type: 'inspect', id: 6, step: s, selection: sel }));
      }
      for (let s = s0 + 148; s > s0 + 100; s--)
        back.push(await timed({ type: 'inspect', id: 7, step: s, selection: sel }));
    }
    const name = sel === null ? 'PDU in progress' : `${sel.kind} ${sel.id}`;
    console.log(`[${name}] forward step, view (its replay also computes the inspect): ${stats(withSel)}`);
    console.log(`[${name}] forward step, then inspect of that step (cache): ${stats(inspectHit)}`);
    console.log(`[${name}] step back, inspect: ${stats(back)}`);
  }
}

void main();
