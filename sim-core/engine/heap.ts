/**
 * The event queue: a binary min-heap ordered by (time, seq). `seq` is a global insertion
 * counter, so events at the same nanosecond run in the order they were scheduled; that
 * tie-break is what makes the run deterministic. Plain data only, so keyframes can clone it.
 */
export interface SimEvent {
  t: number;
  seq: number;
  kind: number;
  a: number;
  b: number;
  /** Optional payload (a frame, an skb ...). Must be structured-clonable. */
  ref: unknown;
}

export type EventHeap = SimEvent[];

function less(x: SimEvent, y: SimEvent): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}

// Sifting moves a hole instead of swapping pairs: the same comparisons, so the same heap, with
// half the writes. (t, seq) is unique, so there are no ties to break differently.

export function heapPush(h: EventHeap, e: SimEvent): void {
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p]!;
    if (!less(e, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = e;
}

export function heapPop(h: EventHeap): SimEvent | undefined {
  const n = h.length;
  if (n === 0) return undefined;
  const top = h[0]!;
  const last = h.pop()!;
  const m = n - 1;
  if (m > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      let c = l;
      let child = h[l]!;
      if (r < m) {
        const right = h[r]!;
        if (less(right, child)) {
          c = r;
          child = right;
        }
      }
      if (!less(child, last)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
  }
  return top;
}

export function heapPeek(h: EventHeap): SimEvent | undefined {
  return h[0];
}
