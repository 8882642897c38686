/**
 * `npm run bench`: the sim-core benchmark (not a test). Runs `10g-sustained` with full tracing
 * and keyframes, then restores random steps, and prints:
 *   events per second, simulated time / wall time, trace bytes per event (rows alone, and with
 *   keyframes), peak memory, p50/p95/max time to restore a random step.
 * Targets (issue 2, 2-core machine): >= 1.0x real time at 10 GbE, <= 32 B of trace per event,
 * p95 restore <= 20 ms on a trace of >= 1M events.
 * Usage: npm run bench [-- --writes N] [-- --preset ID] [-- --restores N]
 */
import { simulate, stateAt } from '../simulate';
import { presetScenario, resolveScenario } from '../scenario';
import { rngFromSeed, nextInt } from '../engine/rng';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

const presetId = arg('preset', '10g-sustained');
const writes = Number(arg('writes', '0'));
const restores = Number(arg('restores', '200'));

const base = presetScenario(presetId);
const r =
  writes > 0
    ? resolveScenario({ preset: presetId, workload: { writes } })
    : { ok: true as const, scenario: base };
if (!r.ok) throw new Error('bad scenario');
const scenario = r.scenario;

let peakRss = 0;
let peakHeap = 0;
let peakExternal = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
};
const timer = setInterval(sample, 20);

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
console.log(
  `rxpath bench: ${scenario.id}, ${scenario.workload.writes} writes of ${scenario.workload.ioSizeBytes} B, QD ${scenario.workload.queueDepth}, link ${scenario.wire.linkRateBps / 1e9} Gb/s`,
);

const t0 = performance.now();
const res = simulate(scenario);
const wallMs = performance.now() - t0;
sample();
const s = res.summary;
const rowsBytes = res.trace.rowBytes;
const kfBytes = res.keyframes.bytes;
console.log(
  `run: ${s.events.toLocaleString('en-US')} events, ${(s.simTimeNs / 1e6).toFixed(1)} ms simulated in ${(wallMs / 1000).toFixed(2)} s wall (stop: ${s.stopReason})`,
);
console.log(`  events per second:        ${(s.events / (wallMs / 1000) / 1e6).toFixed(2)} M/s`);
console.log(
  `  simulated / wall time:    ${(s.simTimeNs / 1e6 / wallMs).toFixed(3)}x real time (target >= 1.0x)`,
);
console.log(
  `  payload throughput:       ${s.throughput.payloadGbps.toFixed(2)} Gb/s simulated; ${s.nvmf.completed} writes completed; integrity ${s.integrity.ok ? 'OK' : 'NOT OK'}; ${s.copies.cpuBytesPerPayloadByte} CPU copies per payload byte`,
);
console.log(
  `  trace bytes per event:    ${(rowsBytes / s.events).toFixed(1)} B rows alone (target <= 32); ${((rowsBytes + kfBytes) / s.events).toFixed(1)} B with ${res.keyframes.frames.length} keyframes (${mb(kfBytes)}, every ${res.keyframes.interval} rows)`,
);
console.log(
  `  peak memory:              rss ${mb(peakRss)}, JS heap ${mb(peakHeap)}, array buffers ${mb(peakExternal)}`,
);

// Restore random steps (deterministic choice).
const rng = rngFromSeed(42);
const times: number[] = [];
for (let i = 0; i < restores; i++) {
  const step = nextInt(rng, s.events);
  const a = performance.now();
  const w = stateAt(res, step);
  times.push(performance.now() - a);
  if (w.step !== step + 1) throw new Error(`restore to ${step} landed at ${w.step - 1}`);
}
clearInterval(timer);
times.sort((x, y) => x - y);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(
  `restore (${restores} random steps of ${s.events.toLocaleString('en-US')}): p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (target <= 20), max ${q(1).toFixed(1)} ms`,
);
console.log(`trace hash ${s.traceHash}`);
