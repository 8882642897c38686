/**
 * Timings of the worker engine on a trace of about a million rows (10g-sustained cut to 850
 * writes): load, a view of the next step (cursor path), a view of a random step (keyframe
 * restore path), and breakpoint scans over the whole trace. Run: `npx tsx app/worker/measure.ts`.
 */
import { resolveScenario } from '../../sim-core';
import { createWorkerEngine } from './engine';
import type { FromWorker } from './protocol';

const WRITES = 850;

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const mean = s.reduce((a, x) => a + x, 0) / s.length;
  return `mean ${mean.toFixed(2)} ms, p50 ${q(0.5).toFixed(2)}, p95 ${q(0.95).toFixed(2)}, max ${q(1).toFixed(2)} (n=${s.length})`;
}

async function main(): Promise<void> {
  const r = resolveScenario({ preset: '10g-sustained', workload: { writes: WRITES } });
  if (!r.ok) throw new Error('bad scenario');
  let last: FromWorker | null = null;
  const engine = createWorkerEngine((m) => {
    last = m;
  });
  const ask = async (msg: Parameters<typeof engine.handle>[0]): Promise<FromWorker> => {
    await engine.handle(msg);
    const m = last as FromWorker | null;
    if (m === null || m.type === 'error') throw new Error(m?.message ?? 'no answer');
    return m;
  };
  let t0 = performance.now();
  const loaded = await ask({ type: 'load', id: 1, scenario: r.scenario });
  if (loaded.type !== 'loaded') throw new Error('not loaded');
  const total = loaded.totalSteps;
  const kf = engine.loaded!.cursor.keyframes;
  console.log(
    `load: ${total} rows in ${(performance.now() - t0).toFixed(0)} ms; ${kf.frames.length} keyframes, ${(kf.bytes / 2 ** 20).toFixed(0)} MiB`,
  );

  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * total);
  };
  const time = async (step: number) => {
    const a = performance.now();
    await ask({ type: 'view', id: 2, step });
    return performance.now() - a;
  };

  const random: number[] = [];
  for (let k = 0; k < 40; k++) random.push(await time(rand()));
  console.log(`view, random step (keyframe restore): ${stats(random)}`);

  const next: number[] = [];
  const stats0 = { ...engine.loaded!.cursor.stats };
  for (let k = 0; k < 10; k++) {
    let s = rand();
    await time(s);
    for (let j = 0; j < 100 && s + 1 < total; j++) next.push(await time(++s));
  }
  console.log(`view, next step (cursor / cache): ${stats(next)}`);
  const st = engine.loaded!.cursor.stats;
  console.log(
    `  of which cached ${st.hits - stats0.hits}, replayed from the cursor ${st.forward - stats0.forward}, restored ${st.restores - stats0.restores}`,
  );

  const back: number[] = [];
  for (let k = 0; k < 5; k++) {
    let s = rand();
    await time(s);
    for (let j = 0; j < 100 && s > 0; j++) back.push(await time(--s));
  }
  console.log(`view, previous step: ${stats(back)}`);

  for (const bp of [
    { kind: 'recv-state', state: 'ERROR' },
    { kind: 'ring-overrun' },
    { kind: 'backlog-nonempty' },
    { kind: 'termreq' },
  ] as const) {
    t0 = performance.now();
    const m = await ask({ type: 'seek', id: 3, from: -1, dir: 1, by: { breakpoint: bp } });
    const step = m.type === 'seek' ? m.step : null;
    console.log(`breakpoint ${bp.kind} from the start: ${(performance.now() - t0).toFixed(1)} ms -> ${step}`);
  }
  t0 = performance.now();
  await ask({ type: 'seek', id: 4, from: total, dir: -1, by: 'pdu' });
  console.log(`seek pdu back from the end: ${(performance.now() - t0).toFixed(2)} ms`);
}

void main();
