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
/** The most recent hit: segments of one write ask for the same block over and over. */
let lastKey = -1;
let lastBlock: Uint8Array | null = null;

/** The first `total` payload bytes of command `cid` (shared, read-only). */
export function patternBlock(cid: number, total: number): Uint8Array {
  const key = total * 0x10000 + cid;
  // Already the most recently used: the LRU order would not change.
  if (key === lastKey && lastBlock !== null) return lastBlock;
  let b = memo.get(key);
  if (b !== undefined) {
    memo.delete(key);
    memo.set(key, b);
  } else {
    b = evictFor(total) ?? new Uint8Array(total);
    fillPattern(b, 0, cid, 0, total);
    memo.set(key, b);
    memoBytes += total;
  }
  lastKey = key;
  lastBlock = b;
  return b;
}

/**
 * Make room for `total` more bytes, oldest first; returns an evicted block of exactly that
 * length to be refilled (no caller keeps a block: they copy out of it at once).
 */
function evictFor(total: number): Uint8Array | null {
  let reuse: Uint8Array | null = null;
  while (memoBytes + total > MEMO_LIMIT_BYTES && memo.size > 0) {
    const oldest = memo.keys().next().value as number;
    const old = memo.get(oldest)!;
    memoBytes -= old.length;
    memo.delete(oldest);
    if (reuse === null && old.length === total) reuse = old;
  }
  return reuse;
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

/**
 * The bytes [off, off + len) of the stream as parts laid end to end: pattern references, and
 * views of literal bytes (never copies).
 */
export function streamParts(t: HostTcp, off: number, len: number): Part[] {
  const out: Part[] = [];
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
        out.push(
          'bytes' in p
            ? { bytes: from === 0 && n === plen ? p.bytes : p.bytes.subarray(from, from + n) }
            : { cid: p.cid, off: p.off + from, len: n, total: p.total },
        );
        pos += n;
        need -= n;
      }
      partStart = partEnd;
    }
    i++;
  }
  return out;
}

/** The bytes [off, off + len) of the stream, as slices laid end to end (views, not copies). */
export function streamSlices(t: HostTcp, off: number, len: number): Uint8Array[] {
  return streamParts(t, off, len).map(partBytes);
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

/**
 * Forget chunks wholly below snd_una (acknowledged); compact the arrays now and then: once the
 * dead head is 64 entries and an eighth of the array (a keyframe copies dead entries too, and
 * with a 10 GbE window over a thousand segments are in flight).
 */
export function releaseAcked(t: HostTcp): void {
  while (t.qHead < t.q.length) {
    const c = t.q[t.qHead]!;
    if (c.off + c.len > t.una) break;
    t.qHead++;
  }
  if (t.qHead > 64 && t.qHead * 8 > t.q.length) {
    t.q.splice(0, t.qHead);
    t.qHead = 0;
  }
  while (t.rtxHead < t.rtx.length && t.rtx[t.rtxHead]!.end <= t.una) t.rtxHead++;
  if (t.rtxHead > 64 && t.rtxHead * 8 > t.rtx.length) {
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
