/**
 * The browser's budget for one scenario. sim-core's own bounds (MAX_WORKLOAD_BYTES, limits.maxEvents
 * up to 50 M) suit the CLI; a browser tab records every trace row in memory, so a scenario opened
 * from a link must also fit a tab's time and memory. The estimate is from the workload: data
 * frames (writes x ceil(ioSizeBytes / MSS)) and writes, at rates measured on the presets
 * (10g-sustained: ~13 rows per frame plus ~120 per write; write-4k-incapsule ~161 per write),
 * rounded up, and capped by limits.maxEvents since the run stops there anyway.
 * 10g-sustained, the largest preset, is estimated at about 15 M rows (~11 M measured).
 */
import type { Scenario } from '../../sim-core/page';

/** Trace rows a browser tab is asked to hold (~25 bytes each with keyframes: ~500 MB; ~25 s to record). */
export const MAX_BROWSER_ROWS = 20_000_000;
/** Estimated rows per data frame and per write (measured, rounded up). */
export const ROWS_PER_FRAME = 16;
export const ROWS_PER_WRITE = 160;

/** TCP payload bytes per data segment: MTU minus IPv4 and TCP headers, minus 12 with timestamps. */
export function mss(s: Scenario): number {
  return s.wire.mtu - 40 - (s.wire.tcpTimestamps ? 12 : 0);
}

export interface BudgetEstimate {
  payloadBytes: number;
  frames: number;
  /** Rows the run would record (already capped by limits.maxEvents). */
  rows: number;
}

export function estimateRun(s: Scenario): BudgetEstimate {
  const m = mss(s);
  if (s.workload.rawStreamHex !== null) {
    const payloadBytes = s.workload.rawStreamHex.length / 2;
    const frames = Math.ceil(payloadBytes / m);
    return {
      payloadBytes,
      frames,
      rows: Math.min(s.limits.maxEvents, frames * ROWS_PER_FRAME + 2 * ROWS_PER_WRITE),
    };
  }
  const { writes, ioSizeBytes } = s.workload;
  const payloadBytes = writes * ioSizeBytes;
  const frames = writes * Math.ceil(ioSizeBytes / m);
  const estimate = frames * ROWS_PER_FRAME + (writes + 2) * ROWS_PER_WRITE;
  return { payloadBytes, frames, rows: Math.min(s.limits.maxEvents, estimate) };
}

const millions = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} million`;

/** A sentence naming the limit a scenario exceeds in a browser tab, or null when it fits. */
export function browserBudgetProblem(s: Scenario): string | null {
  const e = estimateRun(s);
  if (e.rows <= MAX_BROWSER_ROWS) return null;
  const what =
    s.workload.rawStreamHex !== null
      ? `a raw stream of ${e.payloadBytes} bytes`
      : `${s.workload.writes} writes of ${s.workload.ioSizeBytes} bytes`;
  return (
    `The scenario is too large for a browser tab: ${what} is about ${millions(e.frames)} frames and ` +
    `${millions(e.rows)} trace steps; the limit is ${millions(MAX_BROWSER_ROWS)} steps. ` +
    'Lower workload.writes or limits.maxEvents (the command-line simulator has no such limit).'
  );
}
