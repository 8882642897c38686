/**
 * spdk_iovcpy (lib/util/iov.c at SPDK v24.09): copy from one scatter list to another, as
 * much as both can take, in order. Pure: no Sim (the caller charges the CPU cost).
 */
import type { Iov } from '../../engine/iov';

/** Copies min(total of `src`, total of `dst`) bytes; returns how many. */
export function spdkIovcpy(src: readonly Iov[], dst: readonly Iov[]): number {
  let si = 0;
  let sOff = 0;
  let di = 0;
  let dOff = 0;
  let total = 0;
  while (si < src.length && di < dst.length) {
    const s = src[si]!;
    const d = dst[di]!;
    const n = Math.min(s.len - sOff, d.len - dOff);
    if (n > 0) {
      d.buf.set(s.buf.subarray(s.off + sOff, s.off + sOff + n), d.off + dOff);
      sOff += n;
      dOff += n;
      total += n;
    }
    if (sOff === s.len) {
      si++;
      sOff = 0;
    }
    if (dOff === d.len) {
      di++;
      dOff = 0;
    }
  }
  return total;
}

/** Of the first `n` bytes placed into `iovs` (filled in order), how many land in request buffers ('data'). */
export function dataBytesOf(iovs: readonly Iov[], n: number): number {
  let left = n;
  let data = 0;
  for (const v of iovs) {
    if (left <= 0) break;
    const k = Math.min(v.len, left);
    if (v.kind === 'data') data += k;
    left -= k;
  }
  return data;
}
