/**
 * The host's TCP send queue: socket writes (one chunk per PDU) laid end to end as one byte
 * stream. Write payload is stored as "pattern of command cid from offset off" instead of bytes,
 * so the world stays small while megabytes wait for the window; bytes are produced when a
 * segment is cut. The pattern bytes come from a memo (pure function of cid and length), which
 * lives outside the world because it never changes what the world is.
 */
import { fillPattern } from '../ledger/pattern';
import type { Chunk, HostTcp, Part } from './state';

const MEMO_LIMIT_BYTES = 64 * 1024 * 1024;
const memo = new Map<number, Uint8Array>();
let memoBytes = 0;

/** The first `total` payload bytes of command `cid` (shared, read-only). */
export function patternBlock(cid: number, total: number): Uint8Array {
  const key = total * 0x10000 + cid;
  const hit = memo.get(key);
  if (hit !== undefined) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const b = new Uint8Array(total);
  fillPattern(b, 0, cid, 0, total);
  memo.set(key, b);
  memoBytes += total;
  while (memoBytes > MEMO_LIMIT_BYTES && memo.size > 1) {
    const oldest = memo.keys().next().value as number;
    memoBytes -= memo.get(oldest)!.length;
    memo.delete(oldest);
  }
  return b;
}

export function partLength(p: Part): number {
  return 'bytes' in p ? p.bytes.length : p.len;
}

export function partBytes(p: Part): Uint8Array {
  return 'bytes' in p ? p.bytes : patternBlock(p.cid, p.total).subarray(p.off, p.off + p.len);
}

/** Append a socket write at the end of the queue; returns its stream offset. */
export function enqueue(t: HostTcp, id: number, parts: Part[]): number {
  let len = 0;
  for (const p of parts) len += partLength(p);
  const off = t.end;
  t.q.push({ off, len, id, parts });
  t.end += len;
  return off;
}

/** Index of the chunk holding stream offset `off` (which must be queued and unacknowledged). */
function findChunk(t: HostTcp, off: number): number {
  let lo = t.qHead;
  let hi = t.q.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.q[mid]!.off <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The bytes [off, off + len) of the stream, as slices laid end to end (views, not copies). */
export function streamSlices(t: HostTcp, off: number, len: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (len <= 0) return out;
  if (off < t.una || off + len > t.end) {
    throw new RangeError(`send queue: [${off}, ${off + len}) is outside [${t.una}, ${t.end})`);
  }
  let i = findChunk(t, off);
  let need = len;
  let pos = off;
  while (need > 0) {
    const c: Chunk = t.q[i]!;
    let partStart = c.off;
    for (const p of c.parts) {
      const plen = partLength(p);
      const partEnd = partStart + plen;
      if (need > 0 && pos < partEnd && pos >= partStart) {
        const from = pos - partStart;
        const n = Math.min(plen - from, need);
        out.push(partBytes(p).subarray(from, from + n));
        pos += n;
        need -= n;
      }
      partStart = partEnd;
    }
    i++;
  }
  return out;
}

/** The same range copied into one array (for the inspector and for tests). */
export function streamBytes(t: HostTcp, off: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let p = 0;
  for (const s of streamSlices(t, off, len)) {
    out.set(s, p);
    p += s.length;
  }
  return out;
}

/** Forget chunks wholly below snd_una (acknowledged); compact the array now and then. */
export function releaseAcked(t: HostTcp): void {
  while (t.qHead < t.q.length) {
    const c = t.q[t.qHead]!;
    if (c.off + c.len > t.una) break;
    t.qHead++;
  }
  if (t.qHead > 64 && t.qHead * 2 > t.q.length) {
    t.q.splice(0, t.qHead);
    t.qHead = 0;
  }
  while (t.rtxHead < t.rtx.length && t.rtx[t.rtxHead]!.end <= t.una) t.rtxHead++;
  if (t.rtxHead > 64 && t.rtxHead * 2 > t.rtx.length) {
    t.rtx.splice(0, t.rtxHead);
    t.rtxHead = 0;
  }
}

/** Drop everything not yet sent (the socket is closed). */
export function discardUnsent(t: HostTcp): number {
  const dropped = t.end - t.nxt;
  t.end = t.nxt;
  return dropped;
}
