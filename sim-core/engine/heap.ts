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

export function heapPush(h: EventHeap, e: SimEvent): void {
  h.push(e);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i]!, h[p]!)) break;
    const tmp = h[i]!;
    h[i] = h[p]!;
    h[p] = tmp;
    i = p;
  }
}

export function heapPop(h: EventHeap): SimEvent | undefined {
  const n = h.length;
  if (n === 0) return undefined;
  const top = h[0]!;
  const last = h.pop()!;
  if (n > 1) {
    h[0] = last;
    let i = 0;
    const m = h.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < m && less(h[l]!, h[s]!)) s = l;
      if (r < m && less(h[r]!, h[s]!)) s = r;
      if (s === i) break;
      const tmp = h[i]!;
      h[i] = h[s]!;
      h[s] = tmp;
      i = s;
    }
  }
  return top;
}

export function heapPeek(h: EventHeap): SimEvent | undefined {
  return h[0];
}
