/**
 * Micro-benchmark of the trace (not a test): `npx tsx sim-core/bench/trace-bench.ts [rows]`
 * (`node --expose-gc --import tsx sim-core/bench/trace-bench.ts` also prints measured keyframe memory).
 *
 * 1. ColumnarTrace.push alone (the recorder's share of the hot path).
 * 2. The toy simulation (trace/toy.ts) with a world of realistic size: run speed bare, with
 *    the recorder, with recorder + keyframes; keyframe count, size and clone time.
 * 3. Restore of random steps: p50 / p95 / max.
 * 4. Bytes per row: rows alone, rows + keyframes.
 * 5. structuredClone time by world size (to choose keyframe spacing).
 */
import { run } from '../engine/run';
import { ColumnarTrace } from '../trace/columns';
import { approxBytes, type KeyframeOptions } from '../trace/keyframes';
import { recordRun, restoreAt } from '../trace/restore';
import { toyHooks, toySim, toyWorld, type ToyOptions } from '../trace/toy';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const now = () => performance.now();
const fmt = (x: number, d = 1) => x.toFixed(d);
const mb = (b: number) => `${fmt(b / 2 ** 20, 2)} MB`;

function pushBench(n: number): void {
  const tr = new ColumnarTrace();
  // Warm up the JIT on a throwaway trace.
  const warm = new ColumnarTrace();
  for (let i = 0; i < 200_000; i++) warm.push(i, i & 255, i, -i, i >> 3);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = now();
  for (let i = 0; i < n; i++) tr.push(i * 37, (i * 7) & 1023, i >>> 2, (i & 15) - 11, i ^ 0x5555);
  const ms = now() - t0;
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`push: ${n} rows in ${fmt(ms)} ms = ${fmt(n / ms / 1000, 1)} M rows/s; hash ${tr.traceHash}`);
  console.log(
    `  rows ${mb(tr.rowBytes)} (${tr.rowBytes / tr.length} B/row), allocated ${mb(tr.bytesUsed)}, JS heap delta ${mb(heap1 - heap0)} (chunks live outside the JS heap)`,
  );
}

// A world of a few MB: 256 ring slots of 2 KiB (like an igb ring) and a 2 MiB blob.
const toyOpts: ToyOptions = {
  seed: 42,
  maxEvents: ROWS,
  ringSlots: 256,
  slotBytes: 2048,
  blobBytes: 2 << 20,
};

function runBench(): void {
  const bare = toyWorld(toyOpts);
  let t0 = now();
  run(toySim(bare, null));
  const bareMs = now() - t0;
  console.log(
    `toy run, no recorder: ${bare.step} rows in ${fmt(bareMs)} ms = ${fmt(bare.step / bareMs / 1000, 2)} M rows/s (= replay speed); world ${mb(approxBytes(bare))}`,
  );

  const w1 = toyWorld(toyOpts);
  const tr = new ColumnarTrace();
  t0 = now();
  run(toySim(w1, tr));
  const recMs = now() - t0;
  console.log(`toy run, recorder only: ${fmt(recMs)} ms = ${fmt(tr.length / recMs / 1000, 2)} M rows/s`);

  recordAndRestore('deterministic spacing (default)', {}, true);
  recordAndRestore('clock spacing (performance.now)', { clock: now }, false);
}

function recordAndRestore(label: string, kfOpts: KeyframeOptions, measure: boolean): void {
  const w = toyWorld(toyOpts);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const mem0 = process.memoryUsage();
  const t0 = now();
  const rec = recordRun(toySim(w, null), { keyframes: kfOpts });
  const ms = now() - t0;
  gc?.();
  const mem1 = process.memoryUsage();
  const { trace, keyframes } = rec;
  const n = keyframes.frames.length;
  console.log(`\n${label}:`);
  console.log(
    `  run with recorder + keyframes: ${fmt(ms)} ms = ${fmt(trace.length / ms / 1000, 2)} M rows/s; ${n} keyframes, last interval ${keyframes.interval} rows, thinned ${keyframes.thinned}x`,
  );
  console.log(
    `  bytes/row: rows alone ${fmt(trace.rowBytes / trace.length, 1)} (allocated ${fmt(trace.bytesUsed / trace.length, 1)}); rows + keyframes ${fmt((trace.rowBytes + keyframes.bytes) / trace.length, 1)} (keyframes ${mb(keyframes.bytes)})`,
  );
  // Only on the first recording: frees of earlier ones would blur the second's numbers.
  if (gc !== undefined && measure) {
    // Cross-check of the estimate: what the process holds more (typed arrays + JS heap) minus the rows.
    const held = mem1.arrayBuffers - mem0.arrayBuffers + (mem1.heapUsed - mem0.heapUsed) - trace.bytesUsed;
    console.log(`  keyframes as measured by the process: ${mb(held)} (world after the run included)`);
  }

  const hooks = toyHooks();
  // Warm up, then time restores at random steps (a fixed LCG: the bench is repeatable).
  let seed = 12345;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; i < 5; i++) restoreAt(keyframes, Math.floor(rnd() * trace.length), hooks);
  const times: number[] = [];
  let cloneTotal = 0;
  for (let i = 0; i < 200; i++) {
    const step = Math.floor(rnd() * trace.length);
    const t = now();
    restoreAt(keyframes, step, hooks);
    times.push(now() - t);
    const kf = keyframes.nearest(step)!;
    const c = now();
    structuredClone(kf.world);
    cloneTotal += now() - c;
  }
  times.sort((x, y) => x - y);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(
    `  restore of ${times.length} random steps in ${trace.length} rows: p50 ${fmt(pct(0.5), 2)} ms, p95 ${fmt(pct(0.95), 2)} ms, max ${fmt(times.at(-1)!, 2)} ms (clone ~${fmt(cloneTotal / times.length, 2)} ms of it)`,
  );
}

function cloneBench(): void {
  console.log('\nstructuredClone by world size (toy world, 256 x 2 KiB ring + blob):');
  for (const blob of [64 << 10, 1 << 20, 4 << 20, 16 << 20]) {
    // Run a little so the queue, ring and event heap hold what they hold mid-run.
    const w = toyWorld({ ...toyOpts, blobBytes: blob, maxEvents: 20_000 });
    run(toySim(w, null));
    const size = approxBytes(w);
    for (let i = 0; i < 3; i++) structuredClone(w);
    const reps = 20;
    const t0 = now();
    for (let i = 0; i < reps; i++) structuredClone(w);
    const ms = (now() - t0) / reps;
    console.log(`  ${mb(size)}: ${fmt(ms, 3)} ms per clone`);
  }
}

pushBench(Math.max(ROWS, 10_000_000));
runBench();
cloneBench();
