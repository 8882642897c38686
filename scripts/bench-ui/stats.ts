/** Summaries of samples (frame deltas, task durations): pure, so the numbers are easy to check. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface FrameStats {
  frames: number;
  /** Time the frames cover. */
  totalMs: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames longer than 1.5 vsync intervals (a frame the display had to repeat). */
  janky: number;
}

export function frameStats(deltas: readonly number[]): FrameStats {
  return {
    frames: deltas.length,
    totalMs: deltas.reduce((a, b) => a + b, 0),
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    max: deltas.length === 0 ? Number.NaN : Math.max(...deltas),
    janky: deltas.filter((d) => d > 25).length,
  };
}

/** Entries (long tasks, long animation frames) that started inside [from, to] in page time. */
export function within<T extends { start: number }>(entries: readonly T[], from: number, to: number): T[] {
  return entries.filter((e) => e.start >= from && e.start <= to);
}

/** The longest duration, or 0 when none were reported (the observers report only entries over 50 ms). */
export function longest(entries: readonly { duration: number }[]): number {
  return entries.reduce((m, e) => Math.max(m, e.duration), 0);
}
