/** Numbers as the page shows them: steps counted from 1, times in ns/µs/ms/s, bytes, counts. */

/** The step as people count it: the first row is step 1 (status "Step 1 / M"). */
export function stepNumber(step: number): number {
  return step + 1;
}

export function formatTime(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const a = Math.abs(ns);
  if (a < 1_000) return `${ns} ns`;
  if (a < 1_000_000) return `${trim(ns / 1_000)} µs`;
  if (a < 1_000_000_000) return `${trim(ns / 1_000_000)} ms`;
  return `${trim(ns / 1_000_000_000)} s`;
}

/** Nanoseconds as microseconds for a column of them: "2.213", "1,234.5". */
export function formatMicros(ns: number): string {
  const us = ns / 1000;
  if (us === 0) return '0';
  if (us < 10) return us.toFixed(3);
  if (us < 10_000) return us.toFixed(1);
  return formatCount(Math.round(us));
}

function trim(x: number): string {
  return x.toFixed(3).replace(/\.?0+$/, '');
}

const GROUPED = new Intl.NumberFormat('en-US');

/** A count with thousands separators: 1,234,567. */
export function formatCount(n: number): string {
  return GROUPED.format(n);
}

export function formatBytes(n: number): string {
  if (Math.abs(n) < 10_000) return `${formatCount(n)} B`;
  if (Math.abs(n) < 10_000_000) return `${trim(n / 1024)} KiB`.replace(/(\.\d)\d+/, '$1');
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A part of a whole: "12 / 64". */
export function formatOf(part: number, whole: number): string {
  return `${formatCount(part)} / ${formatCount(whole)}`;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
