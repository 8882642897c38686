/**
 * TCP sequence-number arithmetic (include/net/tcp.h: before(), after()). Sequence numbers are
 * u32 and wrap; comparisons look at the signed 32-bit difference, like the kernel does.
 */

/** a + n, wrapped to u32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Signed distance a - b (negative when a is before b). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** before(a, b): a comes strictly earlier in sequence space. */
export function before(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

/** after(a, b): a comes strictly later. */
export function after(a: number, b: number): boolean {
  return seqDiff(b, a) < 0;
}

/** Number of sequence positions in [from, to) when to is not before from; 0 otherwise. */
export function seqSpan(from: number, to: number): number {
  const d = seqDiff(to, from);
  return Math.max(d, 0);
}
