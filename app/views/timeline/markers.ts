/**
 * Timeline markers as data: their kinds (one lane each), their steps binned into pixel
 * columns for drawing, and the nearest or next marker to a step (binary search: the lists are
 * ascending, and can hold millions of steps).
 */
import type { Markers } from '../../sim-types';

export type MarkerKind = keyof Markers;

export const MARKER_KINDS: { kind: MarkerKind; label: string }[] = [
  { kind: 'irq', label: 'IRQs' },
  { kind: 'drop', label: 'Drops' },
  { kind: 'state', label: 'State changes' },
  { kind: 'termreq', label: 'TermReqs' },
  { kind: 'error', label: 'Errors' },
];

/** Kinds "Next marker" and "Previous marker" go to: all but the (dense) state changes. */
export const JUMP_KINDS: MarkerKind[] = ['irq', 'drop', 'termreq', 'error'];

/** The x of a step on a strip `width` wide (steps 0 .. total-1 end to end). */
export function stepToX(step: number, total: number, width: number): number {
  return total <= 1 ? 0 : (step / (total - 1)) * width;
}

export function xToStep(x: number, total: number, width: number): number {
  if (total <= 1 || width <= 0) return 0;
  return Math.min(total - 1, Math.max(0, Math.round((x / width) * (total - 1))));
}

/** Which of `width` pixel columns hold at least one of the steps. */
export function binSteps(steps: Uint32Array, total: number, width: number): Uint8Array {
  const cols = new Uint8Array(Math.max(0, Math.ceil(width)));
  if (cols.length === 0) return cols;
  const scale = total <= 1 ? 0 : (cols.length - 1) / (total - 1);
  for (let i = 0; i < steps.length; i++) cols[Math.round(steps[i]! * scale)] = 1;
  return cols;
}

/** Index of the first element >= step. */
function lowerBound(a: Uint32Array, step: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The marker of `kinds` nearest to `step`, if within `maxDistance` steps. */
export function nearestMarker(
  m: Markers,
  kinds: readonly MarkerKind[],
  step: number,
  maxDistance: number,
): number | null {
  let best: number | null = null;
  for (const k of kinds) {
    const a = m[k];
    const i = lowerBound(a, step);
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= a.length) continue;
      const d = Math.abs(a[j]! - step);
      if (d <= maxDistance && (best === null || d < Math.abs(best - step))) best = a[j]!;
    }
  }
  return best;
}

/** The first marker of `kinds` after (dir 1) or before (dir -1) `step`. */
export function nextMarker(
  m: Markers,
  kinds: readonly MarkerKind[],
  step: number,
  dir: 1 | -1,
): number | null {
  let best: number | null = null;
  for (const k of kinds) {
    const a = m[k];
    if (dir === 1) {
      const i = lowerBound(a, step + 1);
      if (i < a.length && (best === null || a[i]! < best)) best = a[i]!;
    } else {
      const i = lowerBound(a, step) - 1;
      if (i >= 0 && (best === null || a[i]! > best)) best = a[i]!;
    }
  }
  return best;
}
