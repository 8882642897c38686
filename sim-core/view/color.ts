/**
 * Colouring bytes by PDU: which host PDU (and which command id) owns a byte of the host's TCP
 * stream. The host keeps its socket writes (`w.host.tcp.q`, one chunk per PDU, ordered by
 * stream offset) until they are acknowledged and for a while after (the queue is compacted
 * only when more than half of it, and more than 64 chunks, are acknowledged), so a binary
 * search finds the PDU of any byte still on its way through the target.
 *
 * Simplification: bytes whose chunk the host already compacted away (acknowledged long ago
 * and still held by the target) and raw-stream scenarios map to -1 (unknown).
 */
import type { World } from '../engine/world';
import type { Chunk } from '../host/state';
import { getU16LE } from '../wire/bytes';

/** PDU types whose header names a command: CapsuleCmd (SQE cid at 10) and H2CData (cccid at 8). */
const PDU_CAPSULE_CMD = 0x04;
const PDU_H2C_DATA = 0x06;

/** Most pieces one skb is cut into for the picture. */
export const MAX_SPANS = 8;

export interface Owner {
  cid: number;
  pduId: number;
  /** Bytes of the chunk left from the asked offset on. */
  left: number;
}

/** cid a chunk belongs to: the command its payload pattern is of, else read from its header. */
export function chunkCid(c: Chunk): number {
  for (const p of c.parts) if (!('bytes' in p)) return p.cid;
  const first = c.parts[0];
  if (first === undefined || !('bytes' in first)) return -1;
  const h = first.bytes;
  if (h[0] === PDU_CAPSULE_CMD && h.length >= 12) return getU16LE(h, 10);
  if (h[0] === PDU_H2C_DATA && h.length >= 10) return getU16LE(h, 8);
  return -1;
}

/** The chunk holding stream offset `off`, or undefined. */
export function chunkAt(q: readonly Chunk[], off: number): Chunk | undefined {
  let lo = 0;
  let hi = q.length - 1;
  if (hi < 0 || q[0]!.off > off) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (q[mid]!.off <= off) lo = mid;
    else hi = mid - 1;
  }
  const c = q[lo]!;
  return off < c.off + c.len ? c : undefined;
}

/** Owner of the byte at TCP sequence number `seq` of the host's stream, or null when unknown. */
export function ownerOfSeq(w: World, seq: number): Owner | null {
  if (w.host.mode !== 'nvme' || w.tcp === null) return null;
  const off = (seq - w.tcp.irs) >>> 0;
  const c = chunkAt(w.host.tcp.q, off);
  if (c === undefined) return null;
  return { cid: chunkCid(c), pduId: c.id, left: c.off + c.len - off };
}

/** cid owning the byte at `seq`, -1 when unknown. */
export function pduColor(w: World, seq: number): number {
  return ownerOfSeq(w, seq)?.cid ?? -1;
}

/** `len` bytes from `seq` cut by PDU: [offset, length, cid, pduId] (at most MAX_SPANS pieces). */
export function pduSpans(w: World, seq: number, len: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  let at = 0;
  while (at < len && out.length < MAX_SPANS) {
    const o = ownerOfSeq(w, (seq + at) >>> 0);
    if (o === null) break;
    const n = Math.min(o.left, len - at);
    out.push([at, n, o.cid, o.pduId]);
    at += n;
  }
  return out;
}
